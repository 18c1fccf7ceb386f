// Reads the JSON reports of every test suite `npm test` ran and prints one verdict.
// Usage: node scripts/summarize-tests.mjs <reports-dir> <suite>=<file>...
//   suite files are vitest (`--reporter=json`) or Playwright (json reporter) reports.
// Fails (exit 1) when a report is missing or unreadable, a suite ran no tests, any test was
// skipped/todo (a skipped test is an untested promise), or any test failed. The last line printed
// is always `N passed, N failed` over all suites.
import fs from 'node:fs';
import path from 'node:path';

const [dir, ...specs] = process.argv.slice(2);
if (!dir || specs.length === 0) {
  console.error('usage: node scripts/summarize-tests.mjs <reports-dir> <suite>=<report.json>...');
  console.log('0 passed, 1 failed');
  process.exit(1);
}

/** The first lines of an error message, without colours, for the summary (CI keeps only its tail). */
function reason(message, at) {
  const lines = String(message ?? '')
    .replace(/\u001b\[[0-9;]*m/g, '')
    .split('\n')
    .map((l) => l.trim())
    .filter(Boolean);
  const text = lines.slice(0, 4).join(' / ').slice(0, 400);
  return text ? `\n             ${text}${at ? ` (${at})` : ''}` : '';
}

/** Counts from a vitest JSON report (jest-compatible shape). */
function fromVitest(r) {
  const c = { passed: 0, failed: 0, skipped: 0, problems: [] };
  for (const file of r.testResults ?? []) {
    const assertions = file.assertionResults ?? [];
    for (const a of assertions) {
      if (a.status === 'passed') c.passed++;
      else if (a.status === 'failed') {
        c.failed++;
        c.problems.push(`failed: ${a.fullName ?? a.title}${reason(a.failureMessages?.[0])}`);
      } else {
        c.skipped++;
        c.problems.push(`${a.status}: ${a.fullName ?? a.title}`);
      }
    }
    // A file that failed to load (syntax error, failing beforeAll) may report no failed test.
    if (file.status === 'failed' && !assertions.some((a) => a.status === 'failed')) {
      c.failed++;
      c.problems.push(`failed: ${path.relative(process.cwd(), file.name)}: ${String(file.message ?? '').split('\n')[0]}`);
    }
  }
  return c;
}

/** Counts from a Playwright JSON report. */
function fromPlaywright(r) {
  const c = { passed: 0, failed: 0, skipped: 0, problems: [] };
  const walk = (suite) => {
    for (const spec of suite.specs ?? []) {
      for (const t of spec.tests ?? []) {
        const title = `${spec.file}: ${spec.title}`;
        if (t.status === 'expected') c.passed++;
        else if (t.status === 'skipped') {
          c.skipped++;
          c.problems.push(`skipped: ${title}`);
        } else {
          // unexpected, or flaky (passed only on retry): both count as failures.
          c.failed++;
          // A timeout's first error only says so; the next one says what the test was waiting for.
          const errors = t.results?.find((res) => res.errors?.length)?.errors.slice(0, 2) ?? [];
          const why = errors.map((e) => reason(e.message, e.location ? `${path.basename(e.location.file)}:${e.location.line}` : ''));
          c.problems.push(`${t.status === 'flaky' ? 'flaky' : 'failed'}: ${title}${why.join('')}`);
        }
      }
    }
    for (const child of suite.suites ?? []) walk(child);
  };
  for (const s of r.suites ?? []) walk(s);
  for (const e of r.errors ?? []) {
    c.failed++;
    c.problems.push(`error: ${String(e.message ?? e).split('\n')[0]}`);
  }
  return c;
}

let passed = 0;
let failed = 0;
let verdictOk = true;
const rows = [];

for (const spec of specs) {
  const [suite, file] = spec.split('=');
  const full = path.resolve(dir, file);
  let c;
  try {
    const report = JSON.parse(fs.readFileSync(full, 'utf8'));
    c = 'testResults' in report ? fromVitest(report) : fromPlaywright(report);
  } catch (err) {
    c = {
      passed: 0,
      failed: 1,
      skipped: 0,
      problems: [`no report (${path.relative(process.cwd(), full)}: ${err.code ?? err.message}): the suite did not run or crashed`],
    };
  }
  if (c.passed + c.failed + c.skipped === 0) {
    c.failed++;
    c.problems.push('ran no tests');
  }
  if (c.skipped > 0) verdictOk = false;
  passed += c.passed;
  failed += c.failed;
  rows.push({ suite, ...c });
}

console.log('\nTest summary');
const width = Math.max(...rows.map((r) => r.suite.length));
for (const r of rows) {
  const mark = r.failed || r.skipped ? 'FAIL' : 'ok  ';
  console.log(`  ${mark} ${r.suite.padEnd(width)}  ${r.passed} passed, ${r.failed} failed, ${r.skipped} skipped`);
  for (const p of r.problems.slice(0, 20)) console.log(`         - ${p}`);
  if (r.problems.length > 20) console.log(`         … and ${r.problems.length - 20} more`);
}
if (!verdictOk) console.log('Skipped or todo tests are not allowed: remove the skip, or register the test only where it can run.');
console.log(`${passed} passed, ${failed} failed`);
process.exit(failed > 0 || !verdictOk ? 1 : 0);
