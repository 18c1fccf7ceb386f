-- Search rows are announced as entities and relations are (migration catalog_change_notify): the
-- catalog API's filters on other keys read them, and kept entity counts depend on them.
CREATE TRIGGER "EntitySearch_changed" AFTER INSERT OR UPDATE OR DELETE OR TRUNCATE ON "EntitySearch"
  FOR EACH STATEMENT EXECUTE FUNCTION "wayfinder_catalog_changed"();
