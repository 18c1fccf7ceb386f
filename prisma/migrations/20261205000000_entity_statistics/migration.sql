-- ANALYZE after a large ingestion samples the Entity table and sorts every column's sample: at
-- 30,000 components it took ~850 ms, on the path from the last batch to a usable catalog. No query
-- filters or estimates on these columns (ids and refs are unique, which the planner knows from
-- their indexes), so they keep no statistics: ~430 ms. The kind, type, name, owner, system,
-- location and search-text columns, and the expression indexes, keep theirs.
ALTER TABLE "Entity"
  ALTER COLUMN "id" SET STATISTICS 0,
  ALTER COLUMN "ref" SET STATISTICS 0,
  ALTER COLUMN "body" SET STATISTICS 0,
  ALTER COLUMN "rawYaml" SET STATISTICS 0,
  ALTER COLUMN "etag" SET STATISTICS 0,
  ALTER COLUMN "sourceFile" SET STATISTICS 0,
  ALTER COLUMN "sourceLine" SET STATISTICS 0,
  ALTER COLUMN "createdAt" SET STATISTICS 0,
  ALTER COLUMN "updatedAt" SET STATISTICS 0;
