/**
 * Whether a value fits a `@db.Uuid` column. Ids from URLs are checked first: PostgreSQL refuses a
 * malformed uuid with an error (a 500), where the caller means "no such record" (a 404).
 */
export function isUuid(value: string): boolean {
  return /^[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}$/i.test(value);
}
