-- The catalog list's facet counts by kind, kept as the database writes entities
-- (lib/catalog/queries/facet-counts.ts). Counting them from the entities reads every entity of the
-- kind (207 MB of rows at 100,000 components: ~0.35 s for the scalar facets and ~0.3 s for the tags,
-- at once, after each change); summing these rows reads a few thousand.
--
-- Each statement that writes entities appends what it changed: +1 per entity under each of its
-- values that it entered, -1 under each it left (an update that keeps every value appends nothing).
-- Appending only, no upsert: ingestion transactions that run at once never wait on each other's
-- counts, and a transaction's rows count once it commits, with its entities. A count is the sum of
-- its rows; the rows are folded into one per value from time to time.
CREATE TABLE "EntityFacetCount" (
    "id" BIGSERIAL NOT NULL,
    "kind" TEXT NOT NULL,
    "facet" TEXT NOT NULL,
    "value" TEXT NOT NULL,
    "n" INTEGER NOT NULL,

    CONSTRAINT "EntityFacetCount_pkey" PRIMARY KEY ("id")
);

CREATE INDEX "EntityFacetCount_kind_facet_idx" ON "EntityFacetCount"("kind", "facet");

-- The facets as the catalog list counts them: kind, type, lifecycle and namespace lower-cased, owner
-- and system refs as stored, each tag once per entity however often it is listed. The statement that
-- appends the counts of `source`, a query of the entities' columns with `d`, +1 or -1 each.
CREATE FUNCTION "wayfinder_entity_facet_counts_sql"(source text) RETURNS text LANGUAGE sql IMMUTABLE AS $$
  SELECT format($sql$
    INSERT INTO "EntityFacetCount" ("kind", "facet", "value", "n")
    SELECT lower(r."kind"), f.facet, f.value, sum(r.d)::int
    FROM (%s) r
    CROSS JOIN LATERAL (
      VALUES ('kind', lower(r."kind")), ('type', lower(r."specType")), ('lifecycle', lower(r."lifecycle")),
             ('owner', r."owner"), ('system', r."system"), ('namespace', lower(r."namespace"))
      UNION ALL
      SELECT 'tag', lower(t.tag) FROM (SELECT DISTINCT tag FROM unnest(r."tags") tag) t
    ) f(facet, value)
    WHERE f.value IS NOT NULL
    GROUP BY 1, 2, 3
    HAVING sum(r.d) <> 0
  $sql$, source)
$$;

CREATE FUNCTION "wayfinder_entity_facet_counts"() RETURNS trigger LANGUAGE plpgsql AS $$
DECLARE
  cols CONSTANT text := '"kind", "specType", "lifecycle", "owner", "system", "namespace", "tags"';
BEGIN
  EXECUTE "wayfinder_entity_facet_counts_sql"(CASE TG_OP
    WHEN 'INSERT' THEN format('SELECT %s, 1 AS d FROM new_rows', cols)
    WHEN 'DELETE' THEN format('SELECT %s, -1 AS d FROM old_rows', cols)
    ELSE format('SELECT %s, -1 AS d FROM old_rows UNION ALL SELECT %s, 1 FROM new_rows', cols, cols)
  END);
  RETURN NULL;
END
$$;

CREATE FUNCTION "wayfinder_entity_facet_counts_cleared"() RETURNS trigger LANGUAGE plpgsql AS $$
BEGIN
  DELETE FROM "EntityFacetCount";
  RETURN NULL;
END
$$;

CREATE TRIGGER "Entity_facet_counts_insert" AFTER INSERT ON "Entity"
  REFERENCING NEW TABLE AS new_rows FOR EACH STATEMENT EXECUTE FUNCTION "wayfinder_entity_facet_counts"();
CREATE TRIGGER "Entity_facet_counts_update" AFTER UPDATE ON "Entity"
  REFERENCING OLD TABLE AS old_rows NEW TABLE AS new_rows FOR EACH STATEMENT EXECUTE FUNCTION "wayfinder_entity_facet_counts"();
CREATE TRIGGER "Entity_facet_counts_delete" AFTER DELETE ON "Entity"
  REFERENCING OLD TABLE AS old_rows FOR EACH STATEMENT EXECUTE FUNCTION "wayfinder_entity_facet_counts"();
CREATE TRIGGER "Entity_facet_counts_truncate" AFTER TRUNCATE ON "Entity"
  FOR EACH STATEMENT EXECUTE FUNCTION "wayfinder_entity_facet_counts_cleared"();

-- The entities already there.
DO $$
BEGIN
  EXECUTE "wayfinder_entity_facet_counts_sql"('SELECT *, 1 AS d FROM "Entity"');
END
$$;
