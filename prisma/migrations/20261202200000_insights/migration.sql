-- Adoption insights: repository inventory, daily activity, zero-result searches, page feedback.

CREATE TABLE "GithubRepository" (
    "url" TEXT NOT NULL,
    "owner" TEXT NOT NULL,
    "name" TEXT NOT NULL,
    "htmlUrl" TEXT NOT NULL,
    "defaultBranch" TEXT NOT NULL,
    "archived" BOOLEAN NOT NULL DEFAULT false,
    "fork" BOOLEAN NOT NULL DEFAULT false,
    "topics" TEXT[] DEFAULT ARRAY[]::TEXT[],
    "teams" TEXT[] DEFAULT ARRAY[]::TEXT[],
    "createdAt" TIMESTAMP(3) NOT NULL,
    "discoveredAt" TIMESTAMP(3) NOT NULL DEFAULT CURRENT_TIMESTAMP,
    "deletedAt" TIMESTAMP(3),
    "firstDeployedAt" TIMESTAMP(3),
    "updatedAt" TIMESTAMP(3) NOT NULL,

    CONSTRAINT "GithubRepository_pkey" PRIMARY KEY ("url")
);
CREATE INDEX "GithubRepository_owner_idx" ON "GithubRepository"("owner");
CREATE INDEX "GithubRepository_createdAt_idx" ON "GithubRepository"("createdAt");

CREATE TABLE "ActivityDay" (
    "userId" UUID NOT NULL,
    "day" DATE NOT NULL,
    "userRef" TEXT,
    "pages" JSONB NOT NULL DEFAULT '{}',
    "actions" JSONB NOT NULL DEFAULT '{}',

    CONSTRAINT "ActivityDay_pkey" PRIMARY KEY ("userId","day")
);
CREATE INDEX "ActivityDay_day_idx" ON "ActivityDay"("day");

CREATE TABLE "SearchMiss" (
    "id" UUID NOT NULL DEFAULT gen_random_uuid(),
    "at" TIMESTAMP(3) NOT NULL DEFAULT CURRENT_TIMESTAMP,
    "query" TEXT NOT NULL,
    "source" TEXT NOT NULL,

    CONSTRAINT "SearchMiss_pkey" PRIMARY KEY ("id")
);
CREATE INDEX "SearchMiss_at_idx" ON "SearchMiss"("at");

CREATE TABLE "Feedback" (
    "id" UUID NOT NULL DEFAULT gen_random_uuid(),
    "at" TIMESTAMP(3) NOT NULL DEFAULT CURRENT_TIMESTAMP,
    "userId" UUID NOT NULL,
    "userRef" TEXT,
    "pattern" TEXT NOT NULL,
    "useful" BOOLEAN NOT NULL,
    "comment" TEXT,

    CONSTRAINT "Feedback_pkey" PRIMARY KEY ("id")
);
CREATE INDEX "Feedback_at_idx" ON "Feedback"("at");
CREATE INDEX "Feedback_userId_at_idx" ON "Feedback"("userId", "at");

CREATE TABLE "DocsFreshnessDay" (
    "day" DATE NOT NULL,
    "owner" TEXT NOT NULL,
    "documented" INTEGER NOT NULL,
    "fresh" INTEGER NOT NULL,

    CONSTRAINT "DocsFreshnessDay_pkey" PRIMARY KEY ("day","owner")
);
