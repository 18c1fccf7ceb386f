-- Docs search (lib/search/queries.ts) looks for every word in a page's lower-cased title, headings
-- and text: a trigram index finds the pages that may hold the words without reading every page
-- (their HTML is most of the table). On both engines: it is written when docs are built, not while
-- the catalog is ingested.
CREATE INDEX "DocsPage_searchText_trgm_idx" ON "DocsPage" USING gin ("searchText" gin_trgm_ops);

-- Docs pages and sites are announced as entities are (migration catalog_change_notify): search
-- answers, which hold docs pages with their site's name, are kept until a change.
CREATE TRIGGER "DocsPage_changed" AFTER INSERT OR UPDATE OR DELETE OR TRUNCATE ON "DocsPage"
  FOR EACH STATEMENT EXECUTE FUNCTION "wayfinder_catalog_changed"();

CREATE TRIGGER "DocsSite_changed" AFTER INSERT OR UPDATE OR DELETE OR TRUNCATE ON "DocsSite"
  FOR EACH STATEMENT EXECUTE FUNCTION "wayfinder_catalog_changed"();
