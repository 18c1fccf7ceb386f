import fs from 'node:fs';
import path from 'node:path';
import { describe, expect, it } from 'vitest';
import { parseGraphQl } from './graphql-model';

describe('parseGraphQl', () => {
  it('outlines the example portal schema: queries with arguments, mutations, and the other types', () => {
    const result = parseGraphQl(fs.readFileSync(path.resolve('examples/components/portal-bff/schema.graphql'), 'utf8'));
    if (!('outline' in result)) throw new Error(result.error);
    const { outline } = result;
    expect(outline.description).toMatch(/^Backend-for-frontend schema/);
    const query = outline.operations.find((o) => o.root === 'Query')!;
    expect(query.fields.map((f) => f.name)).toEqual(['me', 'bookings', 'booking', 'tracking', 'invoices']);
    expect(query.fields[1]).toMatchObject({
      type: 'BookingConnection!',
      args: [
        { name: 'first', type: 'Int', defaultValue: '20' },
        { name: 'after', type: 'String' },
        { name: 'status', type: 'BookingStatus' },
      ],
    });
    expect(outline.operations.find((o) => o.root === 'Mutation')!.fields.map((f) => `${f.name}: ${f.type}`)).toEqual([
      'cancelBooking: Booking!',
      'rotateApiKey: String!',
    ]);
    expect(outline.types.find((x) => x.name === 'BookingStatus')).toMatchObject({
      kind: 'enum',
      values: ['CONFIRMED', 'CANCELLED', 'COMPLETED'],
    });
    expect(outline.types.find((x) => x.name === 'Tracking')!.fields.find((f) => f.name === 'events')!.type).toBe('[ScanEvent!]!');
    expect(outline.types.some((x) => x.name === 'Query')).toBe(false);
  });

  it('follows a schema block, descriptions, unions, interfaces and @deprecated', () => {
    const result = parseGraphQl(`schema { query: Root }
interface Node { id: ID! }
"A parcel"
type Parcel implements Node & Tracked @key(fields: "id") {
  id: ID!
  "Old name" code: String @deprecated(reason: "use id")
}
union SearchResult = Parcel | Node
type Root { search(term: String!): [SearchResult!]! }`);
    if (!('outline' in result)) throw new Error(result.error);
    expect(result.outline.operations).toEqual([
      {
        root: 'Query',
        fields: [
          {
            name: 'search',
            type: '[SearchResult!]!',
            args: [{ name: 'term', type: 'String!', defaultValue: undefined }],
            description: undefined,
            deprecated: undefined,
          },
        ],
      },
    ]);
    const parcel = result.outline.types.find((x) => x.name === 'Parcel')!;
    expect(parcel.description).toBe('A parcel');
    expect(parcel.fields[1]).toMatchObject({ name: 'code', description: 'Old name', deprecated: 'use id' });
    expect(result.outline.types.find((x) => x.name === 'SearchResult')!.members).toEqual(['Parcel', 'Node']);
  });

  it('reads 200 KB of escaped quotes in a string never closed in time that grows with its length, not its square', () => {
    // A definition is a repository's text, outlined on the server at each view of the API's page.
    const started = performance.now();
    expect(parseGraphQl('type Query { a: String }\n"' + '\\"'.repeat(100_000))).toHaveProperty('outline');
    expect(performance.now() - started).toBeLessThan(1_000);
  });

  it('says when the text is not a GraphQL schema', () => {
    expect(parseGraphQl('hello world')).toEqual({ error: expect.stringContaining('does not look like a GraphQL schema') });
  });
});
