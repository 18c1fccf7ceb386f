-- The home page's recently updated entities: the newest eight through this index, instead of
-- sorting every entity (~370 ms at 100,000 components; the index is ~1 MB there, as a load writes
-- one time per batch).
CREATE INDEX "Entity_updatedAt_idx" ON "Entity"("updatedAt");
