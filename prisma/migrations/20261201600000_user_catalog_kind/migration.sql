-- The kind the catalog list opens on for each person.
ALTER TABLE "User" ADD COLUMN "catalogKind" TEXT;
