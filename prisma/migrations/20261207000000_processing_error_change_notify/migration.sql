-- Processing errors are announced as entities are (migration catalog_change_notify): the catalog
-- API's answers carry an entity's errors in its status, and whole answers are kept until a change.
CREATE TRIGGER "ProcessingError_changed" AFTER INSERT OR UPDATE OR DELETE OR TRUNCATE ON "ProcessingError"
  FOR EACH STATEMENT EXECUTE FUNCTION "wayfinder_catalog_changed"();
