-- CreateTable
CREATE TABLE "Scorecard" (
    "id" TEXT NOT NULL,
    "title" TEXT NOT NULL,
    "source" TEXT NOT NULL,
    "sourceFile" TEXT,
    "version" INTEGER NOT NULL DEFAULT 1,
    "yaml" TEXT NOT NULL,
    "definition" JSONB NOT NULL,
    "updatedBy" TEXT NOT NULL,
    "updatedAt" TIMESTAMP(3) NOT NULL,
    "createdAt" TIMESTAMP(3) NOT NULL DEFAULT CURRENT_TIMESTAMP,

    CONSTRAINT "Scorecard_pkey" PRIMARY KEY ("id")
);

-- CreateTable
CREATE TABLE "ScorecardVersion" (
    "scorecardId" TEXT NOT NULL,
    "version" INTEGER NOT NULL,
    "yaml" TEXT NOT NULL,
    "source" TEXT NOT NULL,
    "createdBy" TEXT NOT NULL,
    "createdAt" TIMESTAMP(3) NOT NULL DEFAULT CURRENT_TIMESTAMP,

    CONSTRAINT "ScorecardVersion_pkey" PRIMARY KEY ("scorecardId","version")
);

-- CreateTable
CREATE TABLE "ScorecardProblem" (
    "file" TEXT NOT NULL,
    "line" INTEGER NOT NULL,
    "column" INTEGER NOT NULL,
    "message" TEXT NOT NULL,
    "createdAt" TIMESTAMP(3) NOT NULL DEFAULT CURRENT_TIMESTAMP,

    CONSTRAINT "ScorecardProblem_pkey" PRIMARY KEY ("file")
);

-- CreateTable
CREATE TABLE "ScorecardResult" (
    "scorecardId" TEXT NOT NULL,
    "entityRef" TEXT NOT NULL,
    "level" TEXT,
    "levelIndex" INTEGER NOT NULL,
    "score" INTEGER NOT NULL,
    "rules" JSONB NOT NULL,
    "digest" TEXT NOT NULL,
    "scoredAt" TIMESTAMP(3) NOT NULL DEFAULT CURRENT_TIMESTAMP,

    CONSTRAINT "ScorecardResult_pkey" PRIMARY KEY ("scorecardId","entityRef")
);

-- CreateIndex
CREATE INDEX "ScorecardResult_entityRef_idx" ON "ScorecardResult"("entityRef");

-- CreateTable
CREATE TABLE "ScorecardSnapshot" (
    "scorecardId" TEXT NOT NULL,
    "day" TEXT NOT NULL,
    "counts" JSONB NOT NULL,
    "total" INTEGER NOT NULL,

    CONSTRAINT "ScorecardSnapshot_pkey" PRIMARY KEY ("scorecardId","day")
);

-- CreateTable
CREATE TABLE "RepositoryFacts" (
    "repository" TEXT NOT NULL,
    "htmlUrl" TEXT NOT NULL,
    "defaultBranch" TEXT NOT NULL,
    "facts" JSONB NOT NULL,
    "error" TEXT,
    "refreshedAt" TIMESTAMP(3) NOT NULL,

    CONSTRAINT "RepositoryFacts_pkey" PRIMARY KEY ("repository")
);

-- CreateTable
CREATE TABLE "Initiative" (
    "id" UUID NOT NULL DEFAULT gen_random_uuid(),
    "title" TEXT NOT NULL,
    "description" TEXT,
    "scorecardId" TEXT NOT NULL,
    "targetLevel" TEXT,
    "ruleId" TEXT,
    "filter" JSONB NOT NULL DEFAULT '{}',
    "groupRef" TEXT,
    "deadline" TIMESTAMP(3) NOT NULL,
    "createdBy" TEXT NOT NULL,
    "createdAt" TIMESTAMP(3) NOT NULL DEFAULT CURRENT_TIMESTAMP,

    CONSTRAINT "Initiative_pkey" PRIMARY KEY ("id")
);

-- CreateIndex
CREATE INDEX "Initiative_scorecardId_idx" ON "Initiative"("scorecardId");

-- CreateTable
CREATE TABLE "InitiativeSnapshot" (
    "initiativeId" UUID NOT NULL,
    "day" TEXT NOT NULL,
    "done" INTEGER NOT NULL,
    "total" INTEGER NOT NULL,

    CONSTRAINT "InitiativeSnapshot_pkey" PRIMARY KEY ("initiativeId","day")
);
