-- Entities a person starred: the catalog list's Starred filter, the star on each entity page and
-- the home page's Starred card. Removed with the person.
CREATE TABLE "StarredEntity" (
    "userId" UUID NOT NULL,
    "entityRef" TEXT NOT NULL,
    "createdAt" TIMESTAMP(3) NOT NULL DEFAULT CURRENT_TIMESTAMP,

    CONSTRAINT "StarredEntity_pkey" PRIMARY KEY ("userId","entityRef")
);

ALTER TABLE "StarredEntity" ADD CONSTRAINT "StarredEntity_userId_fkey" FOREIGN KEY ("userId") REFERENCES "User"("id") ON DELETE CASCADE ON UPDATE CASCADE;
