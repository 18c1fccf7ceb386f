import fs from 'node:fs';
import path from 'node:path';
import { describe, expect, it } from 'vitest';
import { parseProto } from './proto-model';

describe('parseProto', () => {
  it('outlines the example route optimizer: services, streaming methods, messages and their docs', () => {
    const result = parseProto(fs.readFileSync(path.resolve('examples/components/route-optimizer/route_optimizer.proto'), 'utf8'));
    if (!('outline' in result)) throw new Error(result.error);
    const { outline } = result;
    expect(outline.package).toBe('acme.routing.v1');
    const svc = outline.services.find((s) => s.name === 'RouteOptimizer')!;
    expect(svc.doc).toMatch(/^RouteOptimizer solves vehicle routing problems/);
    expect(svc.methods.map((m) => [m.name, m.request, m.response, m.serverStreaming])).toEqual([
      ['Optimize', 'OptimizeRequest', 'RoutePlan', false],
      ['Reoptimize', 'ReoptimizeRequest', 'RoutePlan', false],
      ['OptimizeStream', 'OptimizeRequest', 'OptimizeProgress', true],
    ]);
    const stop = outline.messages.find((m) => m.name === 'Stop')!;
    expect(stop.fields.slice(0, 2)).toEqual([
      { name: 'shipment_id', type: 'string', number: '1', label: undefined, oneof: undefined, doc: undefined },
      { name: 'location', type: 'GeoPoint', number: '2', label: undefined, oneof: undefined, doc: undefined },
    ]);
  });

  it('reads nested messages and enums, oneofs, maps and repeated fields', () => {
    const result = parseProto(`syntax = "proto3";
message Order {
  // The order's lines.
  repeated Line lines = 1;
  map<string, int32> counts = 2 [deprecated = true];
  oneof payer { string customer_id = 3; string account_id = 4; }
  message Line { string sku = 1; }
  enum State { STATE_UNSPECIFIED = 0; PAID = 1; }
  reserved 9;
}`);
    if (!('outline' in result)) throw new Error(result.error);
    const order = result.outline.messages.find((m) => m.name === 'Order')!;
    expect(order.fields.map((f) => [f.name, f.type, f.label, f.oneof])).toEqual([
      ['lines', 'Line', 'repeated', undefined],
      ['counts', 'map<string, int32>', 'map', undefined],
      ['customer_id', 'string', undefined, 'payer'],
      ['account_id', 'string', undefined, 'payer'],
    ]);
    expect(order.fields[0].doc).toBe("The order's lines.");
    expect(result.outline.messages.map((m) => m.name)).toContain('Order.Line');
    expect(result.outline.enums[0]).toMatchObject({
      name: 'Order.State',
      values: [
        { name: 'STATE_UNSPECIFIED', number: '0' },
        { name: 'PAID', number: '1' },
      ],
    });
  });

  it.each([
    ['escaped double quotes in a string never closed', 'message A {}\n"' + '\\"'.repeat(100_000)],
    ['escaped single quotes in a string never closed', "message A {}\n'" + "\\'".repeat(100_000)],
    ['block comments never closed', 'message A {}\n' + '/* '.repeat(66_000)],
  ])('reads 200 KB of %s in time that grows with its length, not its square', (_what, text) => {
    // A definition is a repository's text, outlined on the server at each view of the API's page.
    const started = performance.now();
    expect(parseProto(text)).toMatchObject({ outline: { messages: [{ name: 'A' }] } });
    expect(performance.now() - started).toBeLessThan(1_000);
  });

  it('says when the text is not a .proto file', () => {
    expect(parseProto('just some words')).toEqual({ error: expect.stringContaining('does not look like a .proto file') });
  });
});
