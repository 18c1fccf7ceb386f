-- Every statement that writes entities or relations announces it on the channel 'wayfinder_catalog'
-- (lib/catalog/queries/catalog-cache.ts). PostgreSQL delivers the notification when the transaction
-- commits, once per transaction (identical notifications are folded), to every listening process:
-- each drops the results it keeps from these tables. A statement-level trigger costs one call per
-- statement, not per row, so an ingestion batch of 2,000 entities pays it a few times.
CREATE FUNCTION "wayfinder_catalog_changed"() RETURNS trigger LANGUAGE plpgsql AS $$
BEGIN
  PERFORM pg_notify('wayfinder_catalog', '');
  RETURN NULL;
END
$$;

CREATE TRIGGER "Entity_changed" AFTER INSERT OR UPDATE OR DELETE OR TRUNCATE ON "Entity"
  FOR EACH STATEMENT EXECUTE FUNCTION "wayfinder_catalog_changed"();

CREATE TRIGGER "Relation_changed" AFTER INSERT OR UPDATE OR DELETE OR TRUNCATE ON "Relation"
  FOR EACH STATEMENT EXECUTE FUNCTION "wayfinder_catalog_changed"();
