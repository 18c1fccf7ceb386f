import fs from 'node:fs';
import { createRequire } from 'node:module';
import path from 'node:path';
import variant from '@jitl/quickjs-wasmfile-release-sync';
import {
  newQuickJSWASMModuleFromVariant,
  shouldInterruptAfterDeadline,
  type QuickJSContext,
  type QuickJSRuntime,
  type QuickJSWASMModule,
} from 'quickjs-emscripten-core';
import { parseEntityRef } from '@/lib/catalog/model';
import { parseRepoUrl, projectSlug } from '../model/repo-url';

// Template content is untrusted. `${{ }}` expressions are rendered by Nunjucks 3.2.4 (the engine
// Backstage templates are written for) running inside QuickJS compiled to WebAssembly: a separate
// heap with no `process`, `require`, file system or network. Whatever a template reaches through
// constructor chains (`range.constructor(...)`) is QuickJS's own Function, in that heap. Each
// render has a deadline (interrupt handler), the heap a memory limit and the interpreter a stack
// limit, so a loop, an allocation bomb or unbounded recursion fails the render, never the worker.
// A sandbox serves one run (a task's or a dry run's), and the run as a whole is bounded too: its
// renders share a total time budget (each blocks the thread, and `each:` repeats them), and one
// render's text has a size limit before it is copied out of the sandbox.
// Host filters (parseRepoUrl, parseEntityRef, projectSlug) take and return JSON text only: no host
// object ever crosses into the sandbox.
//
// nunjitsu (Backstage 4.3's engine, a safe subset of Nunjucks) requires Node 22, and this app
// supports 20: SETUP below shapes Nunjucks to nunjitsu's behaviour, and
// nunjitsu-differential.test.ts holds the two to the same answers on the same templates.

export type TemplaterOptions = {
  /** Per render. */
  timeoutMs?: number;
  /** All renders of the sandbox together (one task run or dry run); a spare sandbox takes it too. */
  totalMs?: number;
  /** Heap limit of the sandbox. */
  memoryBytes?: number;
};

/** How fetch:template and fetch:template:file ask for a skeleton to be rendered. */
export type RenderOptions = { cookiecutterCompat?: boolean; trimBlocks?: boolean; lstripBlocks?: boolean };

export class TemplateError extends Error {
  override name = 'TemplateError';
}

// A task's skeleton may have hundreds of files, each a render of 10-50 ms (more on a busy machine).
const DEFAULTS = { timeoutMs: 2_000, totalMs: 60_000, memoryBytes: 64 * 1024 * 1024 };
/** Characters one render may produce (a step input, a skeleton file). */
export const MAX_RENDER_CHARS = 10 * 1024 * 1024;
let spare: Promise<Templater | undefined> | undefined;
const MAX_STACK_BYTES = 512 * 1024;
/** Failed renders one sandbox rebuilds after; each abandons a runtime's memory until disposal. */
const MAX_FAILED_RENDERS = 20;

let nunjucksSource: string | undefined;

function loadNunjucksSource(): string {
  if (nunjucksSource) return nunjucksSource;
  // Bundlers rewrite require.resolve to module ids; the app always runs from its root folder.
  let file: unknown = null;
  try {
    file = createRequire(import.meta.url).resolve('nunjucks/browser/nunjucks.min.js');
  } catch {
    file = null;
  }
  if (typeof file !== 'string' || !fs.existsSync(/*turbopackIgnore: true*/ file))
    file = path.join(process.cwd(), 'node_modules/nunjucks/browser/nunjucks.min.js');
  nunjucksSource = fs.readFileSync(/*turbopackIgnore: true*/ file as string, 'utf8');
  return nunjucksSource;
}

// Runs once in each sandbox after Nunjucks loads. Filters are Backstage's (scaffolder-backend
// createDefaultFilters); `pick` is lodash.get as there.
const SETUP = String.raw`
(function () {
  var nj = globalThis.nunjucks;
  var host = globalThis.__host;
  function hostFilter(name) {
    return function () { return JSON.parse(host(name, JSON.stringify(Array.prototype.slice.call(arguments)))); };
  }
  // Backstage's pick is lodash's get: a path of names, [0] and ["key"] parts, or a list of keys (a
  // key the object has as it is written is taken whole); the third argument is the value when the
  // path leads nowhere. lodash's path grammar, as its castPath reads it:
  var PATH_PART = /[^.[\]]+|\[(?:(-?\d+(?:\.\d+)?)|(["'])((?:(?!\2)[^\\]|\\.)*?)\2)\]|(?=(?:\.|\[\])(?:\.|\[\]|$))/g;
  var DEEP_PATH = /\.|\[(?:[^[\]]*|(["'])(?:(?!\1)[^\\]|\\.)*?\1)\]/;
  function pathOf(key, obj) {
    if (Array.isArray(key)) return key;
    if (typeof key !== 'string' || /^\w*$/.test(key) || !DEEP_PATH.test(key) || (obj !== null && obj !== undefined && key in Object(obj))) return [key];
    var path = [];
    if (key.charAt(0) === '.') path.push('');
    key.replace(PATH_PART, function (match, number, quote, quoted) {
      path.push(quote ? quoted.replace(/\\(\\)?/g, '$1') : number || match);
      return match;
    });
    return path;
  }
  function pick(obj, key, otherwise) {
    var path = pathOf(key, obj);
    var cur = obj;
    var i = 0;
    while (cur !== null && cur !== undefined && i < path.length) {
      var part = typeof path[i] === 'string' ? path[i] : Object.is(path[i], -0) ? '-0' : String(path[i]);
      // Values have no prototype in nunjitsu: only their own properties are there (a list's length is).
      cur = own(Object(cur), part) ? cur[part] : undefined;
      i++;
    }
    var found = i && i === path.length ? cur : undefined;
    return found === undefined ? otherwise : found;
  }
  // nunjitsu (Backstage 4.3) refuses these names everywhere, which closes the constructor and
  // prototype paths; the same here, so a template behaves alike in both (its message too).
  function refuse(name) {
    if (name === 'constructor' || name === 'prototype' || name === '__proto__') throw new Error('Template name ' + name + ' is reserved');
  }
  var rt = nj.runtime;
  // Slices (list[1:], name[:8], list[::-1]), which nunjitsu has: Nunjucks' Jinja compatibility
  // parses and looks them up. Its other additions (Python's list and dict methods, True/False/None)
  // are put back: nunjitsu has a smaller set of them, in cookiecutterCompat only (below).
  var plainMemberLookup = rt.memberLookup;
  var plainContextLookup = rt.contextOrFrameLookup;
  nj.installJinjaCompat();
  var sliceLookup = rt.memberLookup;
  function own(obj, key) {
    return Object.prototype.hasOwnProperty.call(obj, key);
  }
  // The methods a template may call on a value, as nunjitsu allows them (its
  // src/runtime/intrinsics.ts), each with how many arguments it takes: [fewest, most]. Any other
  // (match, keys, an object's hasOwnProperty, a pattern's source) is not there, as in Backstage.
  var ANY = Infinity;
  var METHODS = {
    text: { charAt: [0, 1], charCodeAt: [0, 1], concat: [0, ANY], endsWith: [1, 2], includes: [1, 2], indexOf: [1, 2], lastIndexOf: [1, 2], replace: [2, 2], slice: [0, 2], split: [0, 2], startsWith: [1, 2], substring: [0, 2], toLowerCase: [0, 0], toUpperCase: [0, 0], trim: [0, 0], trimEnd: [0, 0], trimStart: [0, 0] },
    number: { toExponential: [0, 1], toFixed: [0, 1], toPrecision: [0, 1], toString: [0, 1] },
    list: { at: [1, 1], concat: [0, ANY], copyWithin: [1, 3], fill: [1, 3], flat: [0, 1], includes: [1, 2], indexOf: [1, 2], join: [0, 1], lastIndexOf: [1, 2], pop: [0, 0], push: [0, ANY], reverse: [0, 0], shift: [0, 0], slice: [0, 2], sort: [0, 0], splice: [0, ANY], unshift: [0, ANY] },
    pattern: { test: [1, 1] },
  };
  // Cookiecutter's dialect (fetch:template's cookiecutterCompat) also has what nunjitsu keeps of
  // Jinja there: True, False and None, and these methods of lists and of dicts (a key of the dict's
  // own comes first): [fewest, most, what it does].
  var jinja = false;
  var JINJA_METHODS = {
    list: {
      append: [1, 1, function (list, item) { return list.push(item); }],
      count: [1, 1, function (list, item) { return list.filter(function (x) { return x === item; }).length; }],
      find: [1, 1, function (list, item) { return list.indexOf(item); }],
      index: [1, 1, function (list, item) { return list.indexOf(item); }],
      insert: [2, 2, function (list, at, item) { return list.splice(at, 0, item); }],
      pop: [0, 1, function (list, at) {
        if (at === undefined) return list.pop();
        var i = at < 0 ? list.length + at : at;
        return i >= 0 && i < list.length ? list.splice(i, 1)[0] : undefined;
      }],
      remove: [1, 1, function (list, item) { var at = list.indexOf(item); return at === -1 ? undefined : list.splice(at, 1); }],
    },
    dict: {
      get: [1, 2, function (dict, key, otherwise) { return own(dict, key) ? dict[key] : otherwise; }],
      has_key: [1, 1, function (dict, key) { return own(dict, key); }],
      items: [0, 0, function (dict) { return Object.keys(dict).map(function (k) { return [k, dict[k]]; }); }],
      keys: [0, 0, function (dict) { return Object.keys(dict); }],
      values: [0, 0, function (dict) { return Object.keys(dict).map(function (k) { return dict[k]; }); }],
    },
  };
  function kindOf(obj) {
    if (typeof obj === 'string' || obj instanceof rt.SafeString) return 'text';
    if (typeof obj === 'number') return 'number';
    if (Array.isArray(obj)) return 'list';
    if (obj instanceof RegExp) return 'pattern';
    return obj !== null && typeof obj === 'object' ? 'dict' : 'other';
  }
  function counted(name, arity, call) {
    return function () {
      if (arguments.length < arity[0] || arguments.length > arity[1])
        throw new Error('Template intrinsic ' + name + ' requires ' + (arity[0] === arity[1] ? arity[0] : arity[0] + ' to ' + arity[1]) + ' positional arguments');
      return call(Array.prototype.slice.call(arguments));
    };
  }
  /** A method of obj the template may call, null when name is no method of it, undefined when it is one a template may not call. */
  function methodOf(obj, name) {
    var kind = kindOf(obj);
    var jinjaMethods = jinja && JINJA_METHODS[kind];
    if (jinjaMethods && own(jinjaMethods, name) && !own(obj, name)) {
      var m = jinjaMethods[name];
      return counted(name, m, function (args) { return m[2].apply(null, [obj].concat(args)); });
    }
    if (kind === 'pattern' || (obj !== null && obj !== undefined && typeof obj[name] === 'function')) {
      if (kind === 'dict' && own(obj, name)) return null; // Nunjucks' own objects (cycler's next)
      var arity = METHODS[kind] && own(METHODS[kind], name) ? METHODS[kind][name] : null;
      return arity ? counted(name, arity, function (args) { return obj[name].apply(obj, args); }) : undefined;
    }
    return null;
  }
  rt.memberLookup = function (obj, start, stop, step) {
    if (arguments.length !== 4) {
      refuse(start);
      var method = methodOf(obj, start);
      return method === null ? plainMemberLookup.apply(this, arguments) : method;
    }
    // Nunjucks would loop until the deadline on these; nunjitsu refuses them.
    var by = Number(step);
    if (!isFinite(by) || by === 0) throw new Error('Slice step must be a number other than 0');
    if (start !== null && !isFinite(Number(start))) throw new Error('Slice start must be a number');
    if (obj !== null && obj !== undefined && typeof obj.length !== 'number') throw new Error('Only a list or a string can be sliced');
    return sliceLookup.apply(this, arguments);
  };
  // A function is not a value to write (nunjitsu's message).
  function refuseCallable(v) {
    if (typeof v === 'function') throw new Error('Callable values cannot be coerced');
  }
  var suppressValue = rt.suppressValue;
  rt.suppressValue = function (v) {
    refuseCallable(v);
    return suppressValue.apply(this, arguments);
  };
  var JINJA_NAMES = { True: true, False: false, None: null };
  rt.contextOrFrameLookup = function (context, frame, name) {
    refuse(name);
    // Nunjucks reads 1e3 as a name (of nothing); nunjitsu refuses it.
    if (/^[0-9]/.test(name)) throw new Error('Invalid numeric literal ' + name);
    var found = plainContextLookup.apply(this, arguments);
    return found === undefined && jinja && own(JINJA_NAMES, name) ? JINJA_NAMES[name] : found;
  };
  var frameSet = rt.Frame.prototype.set;
  rt.Frame.prototype.set = function (name) {
    refuse(name);
    return frameSet.apply(this, arguments);
  };
  // A dialect is 'backstage' or 'compat' (cookiecutter's {{ }}), with '+trim' and '+lstrip' for
  // Nunjucks' trimBlocks and lstripBlocks (fetch:template's options).
  function makeEnv(dialect) {
    var compat = dialect.indexOf('compat') === 0;
    var env = new nj.Environment([], {
      autoescape: false,
      trimBlocks: dialect.indexOf('+trim') > 0,
      lstripBlocks: dialect.indexOf('+lstrip') > 0,
      tags: compat ? {} : { variableStart: '$' + '{{', variableEnd: '}}' },
    });
    // Nunjucks makes one batch of everything for a size under 1; nunjitsu refuses it.
    var batch = env.getFilter('batch');
    env.addFilter('batch', function (items, size, fill) {
      var width = Math.trunc(Number(size));
      if (!(width > 0) || !Number.isSafeInteger(width)) throw new Error('Batch size must be a positive integer');
      return batch.call(this, items, width, fill);
    });
    env.addFilter('parseRepoUrl', hostFilter('parseRepoUrl'));
    env.addFilter('parseEntityRef', hostFilter('parseEntityRef'));
    env.addFilter('projectSlug', hostFilter('projectSlug'));
    env.addFilter('pick', pick);
    if (compat) env.addFilter('jsonify', function (v) { return JSON.stringify(v); });
    else addValueFilters(env);
    return env;
  }
  var envs = {};
  function envFor(dialect) {
    return envs[dialect] || (envs[dialect] = makeEnv(dialect));
  }
  // Each render's text is checked here, before it is copied out to the host.
  function bounded(text, maxChars) {
    if (typeof text === 'string' && text.length > Number(maxChars)) throw new Error('__too_long__ ' + text.length);
    return text;
  }
  globalThis.__render = function (template, contextJson, dialect, maxChars) {
    jinja = dialect.indexOf('compat') === 0;
    try {
      return bounded(envFor(dialect).renderString(template, JSON.parse(contextJson)), maxChars);
    } finally {
      jinja = false;
    }
  };

  // nunjitsu's renderValue, decided on the parsed template as nunjitsu decides it. coercion 'none':
  // a template that is one expression and nothing else gives that expression's value, anything
  // else its text. coercion 'json' (what Backstage 4.3 renders step inputs with): a template that
  // is one node other than text (one expression, or one if/for/switch statement) writes its output
  // a second time, each expression as its JSON (dump), the text as it is; when that parses as JSON
  // it is the value, otherwise the text is. An empty result is no value.
  // When it compiles such a template, each part of the outputs that write to the template's own
  // result is wrapped in a filter that reports what it writes. The filters' names hold a colon,
  // which no template can write, so only the compiler reaches them.
  var nodes = nj.nodes;
  var compileRoot = nj.compiler.Compiler.prototype.compileRoot;
  var coercion = null;
  var value = null;
  function rootOutputs(node, found) {
    // Through statement branches, not into macros, call blocks or {% set %} captures, whose output
    // is text of their own.
    if (!node) return found;
    if (node instanceof nodes.Output) found.push(node);
    else if (node instanceof nodes.NodeList) node.children.forEach(function (c) { rootOutputs(c, found); });
    else if (node instanceof nodes.If || node instanceof nodes.For) { rootOutputs(node.body, found); rootOutputs(node.else_, found); }
    else if (node instanceof nodes.Switch) { node.cases.forEach(function (c) { rootOutputs(c.body, found); }); rootOutputs(node.default, found); }
    else if (node instanceof nodes.Block) rootOutputs(node.body, found);
    return found;
  }
  function report(output) {
    output.children = output.children.map(function (part) {
      var name = part instanceof nodes.TemplateData ? 'wf:text' : 'wf:value';
      return new nodes.Filter(part.lineno, part.colno, new nodes.Symbol(part.lineno, part.colno, name), new nodes.NodeList(part.lineno, part.colno, [part]));
    });
  }
  nj.compiler.Compiler.prototype.compileRoot = function (node, frame) {
    if (coercion) {
      var only = node.children.length === 1 ? node.children[0] : null;
      var text = only instanceof nodes.Output && only.children[0] instanceof nodes.TemplateData;
      if (coercion === 'json' && only && !text) {
        value.mode = 'json';
        rootOutputs(only, []).forEach(report);
      } else if (coercion === 'none' && only instanceof nodes.Output && only.children.length === 1 && !text) {
        value.mode = 'native';
        report(only);
      }
      coercion = null;
    }
    return compileRoot.call(this, node, frame);
  };
  function addValueFilters(env) {
    env.addFilter('wf:text', function (text) {
      value.json.push(text);
      return text;
    });
    env.addFilter('wf:value', function (v) {
      refuseCallable(v);
      var plain = v instanceof rt.SafeString ? String(v) : v;
      // nunjitsu gives a pattern (r/a/g) as its text, and writes it as {} in JSON.
      if (value.mode === 'native') value.native = plain instanceof RegExp ? String(plain) : plain;
      else {
        var json = JSON.stringify(plain);
        if (json !== undefined) value.json.push(json);
      }
      return v;
    });
  }
  // Answers JSON: { value } or {} for no value.
  globalThis.__renderValue = function (template, contextJson, mode, maxChars) {
    value = { mode: null, json: [], native: undefined };
    coercion = mode;
    var text;
    try {
      text = bounded(envFor('backstage').renderString(template, JSON.parse(contextJson)), maxChars);
    } finally {
      coercion = null;
    }
    var result = mode === 'json' && text === '' ? undefined : text;
    if (value.mode === 'native') result = value.native;
    else if (value.mode === 'json') {
      var encoded = value.json.join('');
      try {
        result = encoded === '' ? undefined : JSON.parse(encoded);
      } catch (e) {
        // Not JSON: the text.
      }
    }
    value = null;
    return result === undefined ? '{}' : JSON.stringify({ value: result });
  };
  delete globalThis.nunjucks;
})();
`;

const HOST_FILTERS: Record<string, (...args: unknown[]) => unknown> = {
  parseRepoUrl: (url) => parseRepoUrl(String(url)),
  projectSlug: (url) => projectSlug(String(url)),
  parseEntityRef: (ref, context) =>
    parseEntityRef(ref as string, (context ?? undefined) as { defaultKind?: string; defaultNamespace?: string } | undefined),
};

/**
 * One sandbox: create it for a task run (loading Nunjucks costs 50-200 ms), render many strings
 * (step inputs and fetch:template's skeleton alike: one template's content, one trust domain),
 * then dispose it. Renders are synchronous; templates of different tasks never share a sandbox.
 * After a failed render the sandbox is rebuilt before the next one: a stack overflow or an
 * interrupt can leave Nunjucks' state half-updated, and nothing of a failed render carries over.
 * Each Templater has its own WebAssembly instance (~5 ms): a runtime interrupted mid-allocation
 * cannot always be freed (QuickJS asserts on leaked objects and aborts its instance), so a failed
 * runtime is abandoned and its whole instance is reclaimed with the Templater.
 */
export class Templater {
  private runtime!: QuickJSRuntime;
  private ctx!: QuickJSContext;
  private dirty = false;
  private abandoned = 0;
  /** Time spent in renders so far, against totalMs. */
  private spentMs = 0;
  private totalMs: number;

  private constructor(
    private readonly module: QuickJSWASMModule,
    private readonly options: TemplaterOptions,
  ) {
    this.totalMs = options.totalMs ?? DEFAULTS.totalMs;
    this.init();
  }

  /** A sandbox for one task run: the spare one if it is ready and the options are the defaults. */
  static async create(options: TemplaterOptions = {}): Promise<Templater> {
    if (spare && options.timeoutMs === undefined && options.memoryBytes === undefined) {
      const ready = spare;
      spare = undefined;
      const templater = await ready;
      if (templater) {
        templater.totalMs = options.totalMs ?? DEFAULTS.totalMs;
        return templater;
      }
    }
    return new Templater(await newQuickJSWASMModuleFromVariant(variant), options);
  }

  /**
   * Builds one sandbox ahead, once the process has nothing else queued (at a worker's start and
   * after each task), for the next task to take: loading Nunjucks (50-200 ms, more on a busy
   * machine) then happens off the path from a submission to its first step. A spare is new and
   * unused when taken, so nothing of one task reaches another.
   */
  static prepareSpare(): void {
    if (spare) return;
    spare = new Promise<void>((resolve) => setImmediate(resolve))
      .then(async () => new Templater(await newQuickJSWASMModuleFromVariant(variant), {}))
      .catch(() => undefined);
  }

  private get timeoutMs(): number {
    return this.options.timeoutMs ?? DEFAULTS.timeoutMs;
  }

  private budgetSpent(): string {
    return `template expressions stopped: this run has spent the ${this.totalMs / 1000} s that all of its renders may take together; render less (fewer each: items or skeleton files, smaller loops)`;
  }

  private init(): void {
    const runtime = this.module.newRuntime();
    runtime.setMemoryLimit(this.options.memoryBytes ?? DEFAULTS.memoryBytes);
    runtime.setMaxStackSize(MAX_STACK_BYTES);
    const ctx = runtime.newContext();
    this.runtime = runtime;
    this.ctx = ctx;
    try {
      const host = ctx.newFunction('__host', (nameHandle, argsHandle) => {
        const name = ctx.getString(nameHandle);
        const filter = HOST_FILTERS[name];
        if (!filter) return { error: ctx.newError(`unknown filter ${name}`) };
        try {
          const args = JSON.parse(ctx.getString(argsHandle)) as unknown[];
          return { value: ctx.newString(JSON.stringify(filter(...args) ?? null)) };
        } catch (err) {
          return { error: ctx.newError(`${name}: ${(err as Error).message}`) };
        }
      });
      ctx.setProp(ctx.global, '__host', host);
      host.dispose();
      runtime.setInterruptHandler(shouldInterruptAfterDeadline(Date.now() + 30_000));
      ctx.unwrapResult(ctx.evalCode(`${loadNunjucksSource()}\n;${SETUP}`, 'nunjucks.js')).dispose();
      runtime.removeInterruptHandler();
    } catch (err) {
      this.dirty = true;
      throw new Error(`could not start the template sandbox: ${(err as Error).message}`);
    }
  }

  /**
   * Renders a Nunjucks template string; throws TemplateError with a message for the template author.
   * fetch:template's options: `cookiecutterCompat`, the template uses `{{ }}`, not `${{ }}`;
   * `trimBlocks`, the newline after a block tag is left out; `lstripBlocks`, so are the spaces and
   * tabs before a block tag on its own line.
   */
  render(template: string, context: unknown, options: RenderOptions = {}): string {
    // Text with no tag opener of its dialect renders to itself: no need to cross into the sandbox.
    if (!(options.cookiecutterCompat ? /\{\{|\{%|\{#/ : /\$\{\{|\{%|\{#/).test(template)) return template;
    const dialect = `${options.cookiecutterCompat ? 'compat' : 'backstage'}${options.trimBlocks ? '+trim' : ''}${options.lstripBlocks ? '+lstrip' : ''}`;
    return this.call('__render', template, JSON.stringify(context ?? {}), dialect);
  }

  /**
   * nunjitsu's renderValue (`${{ }}` templates): `coercion: 'json'` is how Backstage 4.3 renders a
   * step's input, `if`, `each` and output, `'none'` (nunjitsu's default) how it renders a parameter
   * page's `when`. JSON values only; undefined when the template renders to no value.
   */
  renderValue(template: string, context: unknown, options: { coercion?: 'none' | 'json' } = {}): unknown {
    const coercion = options.coercion ?? 'none';
    if (!/\$\{\{|\{%|\{#/.test(template)) return coercion === 'json' && template === '' ? undefined : template;
    const answer = JSON.parse(this.call('__renderValue', template, JSON.stringify(context ?? {}), coercion)) as { value?: unknown };
    return answer.value;
  }

  private call(name: '__render' | '__renderValue', ...strings: string[]): string {
    const left = this.totalMs - this.spentMs;
    if (left <= 0) throw new TemplateError(this.budgetSpent());
    if (this.dirty) {
      if (++this.abandoned > MAX_FAILED_RENDERS)
        throw new TemplateError(`more than ${MAX_FAILED_RENDERS} template expressions failed; stopping`);
      this.init();
      this.dirty = false;
    }
    const ctx = this.ctx;
    const fn = ctx.getProp(ctx.global, name);
    const args = [...strings, String(MAX_RENDER_CHARS)].map((s) => ctx.newString(s));
    // Stopped at its own deadline, or sooner when the run's budget has less left.
    const limit = Math.min(this.timeoutMs, left);
    const started = performance.now();
    this.runtime.setInterruptHandler(shouldInterruptAfterDeadline(Date.now() + limit));
    try {
      const result = ctx.callFunction(fn, ctx.undefined, ...args);
      if (result.error) {
        this.dirty = true;
        const dumped = ctx.dump(result.error) as { name?: string; message?: string } | string;
        result.error.dispose();
        throw new TemplateError(this.explain(dumped, limit < this.timeoutMs));
      }
      const out = ctx.getString(result.value);
      result.value.dispose();
      return out;
    } finally {
      this.spentMs += performance.now() - started;
      this.runtime.removeInterruptHandler();
      fn.dispose();
      for (const a of args) a.dispose();
    }
  }

  private explain(error: { name?: string; message?: string } | string, byBudget: boolean): string {
    const message = typeof error === 'string' ? error : `${error.message ?? error.name ?? 'error'}`;
    if (/interrupted/.test(message))
      return byBudget ? this.budgetSpent() : `template expression stopped: it ran longer than ${this.timeoutMs} ms`;
    const long = /^__too_long__ (\d+)$/.exec(message);
    if (long)
      return `template expression stopped: it rendered ${Number(long[1]).toLocaleString('en-US')} characters, and one expression or file may render at most ${MAX_RENDER_CHARS.toLocaleString('en-US')}: render less text`;
    if (/out of memory/i.test(message)) return 'template expression stopped: it used more memory than the sandbox allows';
    if (/stack overflow/i.test(message)) return 'template expression stopped: recursion too deep';
    // Nunjucks prefixes "(unknown path)"; the caller says which input or file it was.
    return message
      .replace(/^\(unknown path\)\s*/, '')
      .replace(/\s+/g, ' ')
      .trim();
  }

  dispose(): void {
    // Abandoned runtimes go with the instance; a clean one is freed now.
    if (this.dirty || this.abandoned) return;
    if (this.ctx?.alive) this.ctx.dispose();
    if (this.runtime?.alive) this.runtime.dispose();
  }
}
