-- What a docs site's last good build depended on: a reconciliation pass skips the sites whose
-- sources, name and renderer are unchanged instead of rewriting every row each refresh interval.
ALTER TABLE "DocsSite" ADD COLUMN "buildKey" TEXT;
