-- Relation and EntitySearch rows go with their entity through one statement-level trigger instead
-- of foreign keys: a foreign key checks every inserted row, which was a fifth of a full ingestion's
-- time on PGlite (330,000 rows at 10,000 components). Prisma's onDelete: Cascade still holds: every
-- DELETE of entities (including the cascade from a deleted location) deletes their rows here.
ALTER TABLE "Relation" DROP CONSTRAINT "Relation_originId_fkey";
ALTER TABLE "EntitySearch" DROP CONSTRAINT "EntitySearch_entityId_fkey";

CREATE FUNCTION "delete_entity_rows"() RETURNS trigger LANGUAGE plpgsql AS $$
BEGIN
  DELETE FROM "Relation" WHERE "originId" IN (SELECT "id" FROM deleted);
  DELETE FROM "EntitySearch" WHERE "entityId" IN (SELECT "id" FROM deleted);
  RETURN NULL;
END
$$;

CREATE TRIGGER "Entity_delete_rows" AFTER DELETE ON "Entity"
  REFERENCING OLD TABLE AS deleted
  FOR EACH STATEMENT EXECUTE FUNCTION "delete_entity_rows"();
