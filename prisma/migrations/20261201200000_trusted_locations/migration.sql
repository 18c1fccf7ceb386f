-- Identity and roles come only from trusted sources (README "Security model"): a User entity
-- claims a GitHub login, and memberOf/hasMember/childOf relations count for roles, only when the
-- entity was read from a trusted location: one from wayfinder.config.yaml, a github-org location
-- registered by an admin, or a location either of them declared.
ALTER TABLE "Location" ADD COLUMN "trusted" BOOLEAN NOT NULL DEFAULT false;

-- Existing databases: the configuration's locations and everything below them. A github-org
-- location registered through the API before this migration could have been registered by any
-- member, so it is not trusted until an admin registers it again.
WITH RECURSIVE "tree" AS (
  SELECT "id" FROM "Location" WHERE "origin" = 'config'
  UNION
  SELECT l."id" FROM "Location" l JOIN "tree" t ON l."parentId" = t."id"
)
UPDATE "Location" SET "trusted" = true WHERE "id" IN (SELECT "id" FROM "tree");
