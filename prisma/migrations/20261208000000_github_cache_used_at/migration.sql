-- When each cached GitHub answer was last used (served on a 304, or remembered by discovery), so
-- that answers nobody asks for any more (a blob of an old commit, a repository gone) are pruned
-- daily instead of kept for ever. Existing rows count as used now.
ALTER TABLE "GithubResponseCache" ADD COLUMN "usedAt" TIMESTAMP(3) NOT NULL DEFAULT CURRENT_TIMESTAMP;
