import fs from 'node:fs';
import path from 'node:path';
import { describe, expect, it } from 'vitest';
import { parseAsyncApi } from './asyncapi-model';

describe('parseAsyncApi', () => {
  it('outlines an AsyncAPI 2 document: channels, operations and messages with their payloads', () => {
    const source = fs.readFileSync(path.resolve('examples/components/shipments-service/asyncapi.yaml'), 'utf8');
    const result = parseAsyncApi(source);
    if (!('outline' in result)) throw new Error(result.error);
    const { outline } = result;
    expect(outline.title).toBe('Shipment Events');
    expect(outline.servers.map((s) => s.name)).toEqual(['production', 'staging']);
    const lifecycle = outline.channels.find((c) => c.name === 'shipments.lifecycle.v1')!;
    expect(lifecycle.operations).toHaveLength(1);
    expect(lifecycle.operations[0]).toMatchObject({ action: 'subscribe', operationId: 'onShipmentLifecycle' });
    expect(lifecycle.operations[0].messages.map((m) => m.name)).toEqual(['ShipmentBooked', 'ShipmentStatusChanged']);
    expect(lifecycle.operations[0].messages[0].payload?.['x-ref-name']).toBe('ShipmentBookedPayload');
    expect(lifecycle.operations[0].messages[0].contentType).toBe('application/json');
  });

  it('outlines an AsyncAPI 3 document: operations attach to their channels by $ref', () => {
    const source = `asyncapi: 3.0.0
info: { title: Orders, version: 1.0.0 }
channels:
  orderCreated:
    address: orders.created
    messages:
      OrderCreated:
        payload: { type: object, properties: { id: { type: string } } }
operations:
  sendOrderCreated:
    action: send
    channel: { $ref: '#/channels/orderCreated' }
`;
    const result = parseAsyncApi(source);
    if (!('outline' in result)) throw new Error(result.error);
    expect(result.outline.channels[0]).toMatchObject({ name: 'orderCreated', address: 'orders.created' });
    expect(result.outline.channels[0].operations[0]).toMatchObject({ action: 'send', operationId: 'sendOrderCreated' });
    expect(result.outline.channels[0].operations[0].messages.map((m) => m.name)).toEqual(['OrderCreated']);
  });

  it('says what is wrong with a document that is not AsyncAPI', () => {
    expect(parseAsyncApi('openapi: 3.0.0\npaths: {}\n')).toEqual({
      error: expect.stringContaining('does not look like an AsyncAPI document'),
    });
  });
});
