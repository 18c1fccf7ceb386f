import type { Schema } from '@/components/catalog/openapi/openapi-model';
import { isObj, loadDefinition, refResolver, str } from './definition-doc';

// A render-ready outline of an AsyncAPI document (2.x: channels with publish/subscribe; 3.x:
// channels with messages and operations with an action): channels, their operations and the
// messages with their payload schemas, local `$ref`s resolved. Pure: no I/O.

export type AsyncMessage = { name: string; title?: string; summary?: string; contentType?: string; payload?: Schema };
export type AsyncOperation = { action: string; operationId?: string; summary?: string; messages: AsyncMessage[] };
export type AsyncChannel = { name: string; address?: string; description?: string; operations: AsyncOperation[] };
export type AsyncApiOutline = {
  title: string;
  version?: string;
  description?: string;
  servers: { name: string; url: string; protocol?: string }[];
  channels: AsyncChannel[];
};

function messagesOf(value: unknown, fallbackName: string, defaultContentType?: string): AsyncMessage[] {
  if (!isObj(value)) return [];
  const list = Array.isArray(value.oneOf) ? value.oneOf : [value];
  return list.filter(isObj).map((m, i) => ({
    name: str(m.name) ?? str(m['x-ref-name']) ?? (list.length > 1 ? `${fallbackName} ${i + 1}` : fallbackName),
    title: str(m.title),
    summary: str(m.summary) ?? str(m.description),
    contentType: str(m.contentType) ?? defaultContentType,
    payload: isObj(m.payload) ? m.payload : undefined,
  }));
}

export function parseAsyncApi(source: string): { outline: AsyncApiOutline } | { error: string } {
  const loaded = loadDefinition(source);
  if ('error' in loaded) return loaded;
  const root = loaded.doc;
  if (!str(root.asyncapi) || !isObj(root.channels))
    return { error: 'The definition has no `asyncapi` version and `channels`: it does not look like an AsyncAPI document.' };
  const resolve = refResolver(root);
  const v3 = str(root.asyncapi)!.startsWith('3');
  const defaultContentType = str(root.defaultContentType);
  const info = isObj(root.info) ? root.info : {};
  const servers = Object.entries(isObj(root.servers) ? root.servers : {})
    .filter(([, s]) => isObj(s))
    .map(([name, s]) => {
      const server = s as Record<string, unknown>;
      return { name, url: str(server.url) ?? str(server.host) ?? '', protocol: str(server.protocol) };
    });

  const channels = new Map<string, AsyncChannel>();
  for (const [key, raw] of Object.entries(root.channels as Record<string, unknown>)) {
    const channel = resolve(raw);
    if (!isObj(channel)) continue;
    const operations: AsyncOperation[] = [];
    for (const action of ['publish', 'subscribe']) {
      const op = channel[action];
      if (isObj(op))
        operations.push({
          action,
          operationId: str(op.operationId),
          summary: str(op.summary) ?? str(op.description),
          messages: messagesOf(op.message, str(op.operationId) ?? action, defaultContentType),
        });
    }
    channels.set(key, {
      name: key,
      address: v3 ? (str(channel.address) ?? key) : undefined,
      description: str(channel.description),
      operations,
    });
  }
  if (v3 && isObj(root.operations)) {
    for (const [id, raw] of Object.entries(root.operations)) {
      const op = resolve(raw);
      if (!isObj(op) || !isObj(op.channel)) continue;
      const channelKey = str(op.channel['x-ref-name']);
      const channel = channelKey ? channels.get(channelKey) : undefined;
      if (!channel) continue;
      // An operation lists some of its channel's messages, or (none listed) all of them.
      const listed: [string, unknown][] = Array.isArray(op.messages)
        ? op.messages.map((m) => [(isObj(m) && str(m['x-ref-name'])) || id, m])
        : Object.entries(isObj(op.channel.messages) ? op.channel.messages : {});
      const messages = listed.flatMap(([name, m]) => messagesOf(m, name, defaultContentType));
      channel.operations.push({
        action: str(op.action) ?? 'operation',
        operationId: id,
        summary: str(op.summary) ?? str(op.description),
        messages,
      });
    }
  }
  return {
    outline: {
      title: str(info.title) ?? 'API',
      version: str(info.version),
      description: str(info.description),
      servers,
      channels: [...channels.values()],
    },
  };
}
