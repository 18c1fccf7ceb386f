import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { getDmmf, type DmmfField, type DmmfModel } from '@/testing/prisma-dmmf';
import { createTestDb, type TestDb } from '@/testing/test-db';

// The migrations must build exactly the database prisma/schema.prisma describes: Prisma Client
// trusts the schema, so a column or index that a migration forgot fails only in production.

const dmmf = getDmmf();
const models = dmmf.datamodel.models;

type Column = {
  table_name: string;
  column_name: string;
  data_type: string;
  udt_name: string;
  is_nullable: 'YES' | 'NO';
  datetime_precision: number | null;
};
type Index = { table: string; name: string; unique: boolean; primary: boolean; columns: string[]; partial: boolean };

let db: TestDb;
let columns: Map<string, Column>;
let indexes: Index[];

beforeAll(async () => {
  db = await createTestDb();
  const cols = await db.driver.query<Column>(
    `SELECT table_name, column_name, data_type, udt_name, is_nullable, datetime_precision
       FROM information_schema.columns WHERE table_schema = 'public'`,
  );
  columns = new Map(cols.rows.map((c) => [`${c.table_name}.${c.column_name}`, c]));
  // Plain column indexes only (expression columns come back as null and are ignored).
  const idx = await db.driver.query<{
    table: string;
    name: string;
    unique: boolean;
    primary: boolean;
    columns: string[] | string;
    partial: boolean;
  }>(
    `SELECT t.relname AS "table", i.relname AS name, x.indisunique AS "unique", x.indisprimary AS "primary",
            x.indpred IS NOT NULL AS partial,
            ARRAY(SELECT a.attname::text FROM unnest(x.indkey) WITH ORDINALITY k(attnum, n)
                    JOIN pg_attribute a ON a.attrelid = t.oid AND a.attnum = k.attnum ORDER BY k.n) AS columns
       FROM pg_index x
       JOIN pg_class i ON i.oid = x.indexrelid
       JOIN pg_class t ON t.oid = x.indrelid
       JOIN pg_namespace ns ON ns.oid = t.relnamespace
      WHERE ns.nspname = 'public'`,
  );
  indexes = idx.rows.map((r) => ({ ...r, columns: Array.isArray(r.columns) ? r.columns : parsePgArray(r.columns) }));
});

afterAll(async () => {
  await db?.close();
});

function parsePgArray(text: string): string[] {
  return text
    .replace(/^\{|\}$/g, '')
    .split(',')
    .filter(Boolean)
    .map((s) => s.replace(/^"|"$/g, ''));
}

const tableOf = (m: DmmfModel) => m.dbName ?? m.name;
const columnOf = (f: DmmfField) => f.dbName ?? f.name;
const scalarFields = (m: DmmfModel) => m.fields.filter((f) => f.kind === 'scalar' || f.kind === 'enum');

/** The PostgreSQL type Prisma Migrate creates for a scalar field, as information_schema's udt_name. */
function expectedUdt(f: DmmfField): string {
  const native = f.nativeType?.[0];
  const byNative: Record<string, string> = {
    Uuid: 'uuid',
    Text: 'text',
    VarChar: 'varchar',
    Char: 'bpchar',
    Integer: 'int4',
    SmallInt: 'int2',
    BigInt: 'int8',
    Timestamp: 'timestamp',
    Timestamptz: 'timestamptz',
    Date: 'date',
    JsonB: 'jsonb',
    Json: 'json',
    Boolean: 'bool',
    DoublePrecision: 'float8',
    Real: 'float4',
    Decimal: 'numeric',
    ByteA: 'bytea',
    Citext: 'citext',
  };
  const byType: Record<string, string> = {
    String: 'text',
    Int: 'int4',
    BigInt: 'int8',
    DateTime: 'timestamp',
    Json: 'jsonb',
    Boolean: 'bool',
    Float: 'float8',
    Decimal: 'numeric',
    Bytes: 'bytea',
  };
  const base = native ? byNative[native] : f.kind === 'enum' ? f.type : byType[f.type];
  if (!base)
    throw new Error(`schema test does not know the column type of ${f.type}${native ? ` @db.${native}` : ''}: extend expectedUdt()`);
  return f.isList ? `_${base}` : base;
}

describe.each(models.map((m) => [m.name, m] as const))('model %s', (_name, model) => {
  const table = tableOf(model);

  it('has a table', () => {
    const has = [...columns.values()].some((c) => c.table_name === table);
    expect(has, `table "${table}" for model ${model.name} is missing: add a migration that creates it`).toBe(true);
  });

  it.each(scalarFields(model).map((f) => [f.name, f] as const))('field %s has a column of the right type and nullability', (_f, field) => {
    const where = `${model.name}.${field.name} (column "${table}"."${columnOf(field)}")`;
    const col = columns.get(`${table}.${columnOf(field)}`);
    expect(col, `${where} has no column: add it in a migration`).toBeDefined();
    expect(col!.udt_name, `${where}: wrong column type`).toBe(expectedUdt(field));
    if (field.isList) {
      expect(col!.data_type, `${where}: expected an array column`).toBe('ARRAY');
    } else {
      // Prisma lists are NOT NULL only when declared so; scalars follow `?`.
      expect(col!.is_nullable, `${where}: ${field.isRequired ? 'must be NOT NULL' : 'must be nullable'}`).toBe(
        field.isRequired ? 'NO' : 'YES',
      );
    }
    if (field.type === 'DateTime' && !field.nativeType) {
      expect(col!.datetime_precision, `${where}: DateTime is TIMESTAMP(3)`).toBe(3);
    }
  });

  it('has no column the schema does not describe', () => {
    const known = new Set(scalarFields(model).map(columnOf));
    const extra = [...columns.values()].filter((c) => c.table_name === table && !known.has(c.column_name)).map((c) => c.column_name);
    expect(extra, `columns of "${table}" missing from model ${model.name} in prisma/schema.prisma`).toEqual([]);
  });

  const modelIndexes = dmmf.datamodel.indexes.filter((i) => i.model === model.name);
  it.each(modelIndexes.map((i) => [`${i.type}(${i.fields.map((f) => f.name).join(', ')})`, i] as const))(
    'has index %s',
    (_label, index) => {
      const cols = index.fields.map((f) => columnOf(model.fields.find((x) => x.name === f.name)!));
      const found = indexes.find(
        (i) =>
          i.table === table &&
          !i.partial &&
          i.columns.join(',') === cols.join(',') &&
          (index.type === 'id' ? i.primary : index.type === 'unique' ? i.unique : true),
      );
      const what = index.type === 'id' ? 'primary key' : index.type === 'unique' ? 'unique index' : 'index';
      expect(found, `${model.name}: ${what} on "${table}"(${cols.join(', ')}) is missing: add it in a migration`).toBeDefined();
      if (index.dbName) expect(found!.name, `${model.name}: index on (${cols.join(', ')}) has the wrong name`).toBe(index.dbName);
    },
  );

  it('has no unique constraint the schema does not describe', () => {
    // An extra unique index would reject writes Prisma Client expects to succeed.
    const declared = new Set(
      modelIndexes
        .filter((i) => i.type !== 'normal')
        .map((i) => i.fields.map((f) => columnOf(model.fields.find((x) => x.name === f.name)!)).join(',')),
    );
    const extra = indexes.filter((i) => i.table === table && i.unique && !declared.has(i.columns.join(','))).map((i) => i.name);
    expect(extra, `unique indexes on "${table}" not declared in model ${model.name}`).toEqual([]);
  });
});

describe('database', () => {
  it('has no table without a model (besides the migrations table)', () => {
    const tables = new Set([...columns.values()].map((c) => c.table_name));
    const known = new Set([...models.map(tableOf), '_prisma_migrations']);
    expect(
      [...tables].filter((t) => !known.has(t)),
      'tables missing from prisma/schema.prisma',
    ).toEqual([]);
  });

  it('has the trigram extension the text filters use', async () => {
    const { rows } = await db.driver.query(`SELECT 1 FROM pg_extension WHERE extname = 'pg_trgm'`);
    expect(rows).toHaveLength(1);
  });
});
