-- CreateTable
CREATE TABLE "DocsSite" (
    "entityRef" TEXT NOT NULL,
    "sourceType" TEXT NOT NULL,
    "source" TEXT NOT NULL,
    "sourceKey" TEXT,
    "siteName" TEXT NOT NULL,
    "description" TEXT,
    "nav" JSONB NOT NULL DEFAULT '[]',
    "repoUrl" TEXT,
    "editUri" TEXT,
    "docsDir" TEXT NOT NULL DEFAULT 'docs',
    "problems" JSONB NOT NULL DEFAULT '[]',
    "files" JSONB NOT NULL DEFAULT '{}',
    "sourceChangedAt" TIMESTAMP(3),
    "builtAt" TIMESTAMP(3),
    "failure" TEXT,
    "failedAt" TIMESTAMP(3),

    CONSTRAINT "DocsSite_pkey" PRIMARY KEY ("entityRef")
);

-- CreateTable
CREATE TABLE "DocsPage" (
    "entityRef" TEXT NOT NULL,
    "path" TEXT NOT NULL,
    "file" TEXT NOT NULL,
    "sourceSha" TEXT NOT NULL,
    "title" TEXT NOT NULL,
    "html" TEXT NOT NULL,
    "toc" JSONB NOT NULL DEFAULT '[]',
    "sections" JSONB NOT NULL DEFAULT '[]',
    "searchText" TEXT NOT NULL,
    "error" TEXT,
    "changedAt" TIMESTAMP(3),

    CONSTRAINT "DocsPage_pkey" PRIMARY KEY ("entityRef","path")
);

-- CreateTable
CREATE TABLE "DocsAsset" (
    "entityRef" TEXT NOT NULL,
    "path" TEXT NOT NULL,
    "sha" TEXT NOT NULL,
    "contentType" TEXT NOT NULL,
    "data" BYTEA NOT NULL,

    CONSTRAINT "DocsAsset_pkey" PRIMARY KEY ("entityRef","path")
);
