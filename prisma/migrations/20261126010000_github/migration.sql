-- CreateTable
CREATE TABLE "WebhookDelivery" (
    "id" TEXT NOT NULL,
    "event" TEXT NOT NULL,
    "action" TEXT,
    "repository" TEXT,
    "status" TEXT NOT NULL DEFAULT 'queued',
    "error" TEXT,
    "receivedAt" TIMESTAMP(3) NOT NULL DEFAULT CURRENT_TIMESTAMP,
    "processedAt" TIMESTAMP(3),

    CONSTRAINT "WebhookDelivery_pkey" PRIMARY KEY ("id")
);

-- CreateTable
CREATE TABLE "DocsState" (
    "entityRef" TEXT NOT NULL,
    "changedAt" TIMESTAMP(3) NOT NULL,
    "commitSha" TEXT,
    "builtAt" TIMESTAMP(3),

    CONSTRAINT "DocsState_pkey" PRIMARY KEY ("entityRef")
);

-- CreateTable
CREATE TABLE "GithubResponseCache" (
    "key" TEXT NOT NULL,
    "etag" TEXT NOT NULL,
    "body" JSONB NOT NULL,
    "updatedAt" TIMESTAMP(3) NOT NULL,

    CONSTRAINT "GithubResponseCache_pkey" PRIMARY KEY ("key")
);

-- CreateTable
CREATE TABLE "GroupLead" (
    "id" UUID NOT NULL DEFAULT gen_random_uuid(),
    "groupRef" TEXT NOT NULL,
    "userRef" TEXT NOT NULL,
    "source" TEXT NOT NULL,
    "createdAt" TIMESTAMP(3) NOT NULL DEFAULT CURRENT_TIMESTAMP,

    CONSTRAINT "GroupLead_pkey" PRIMARY KEY ("id")
);

-- CreateTable
CREATE TABLE "AuditLog" (
    "id" UUID NOT NULL DEFAULT gen_random_uuid(),
    "at" TIMESTAMP(3) NOT NULL DEFAULT CURRENT_TIMESTAMP,
    "actor" TEXT NOT NULL,
    "action" TEXT NOT NULL,
    "target" TEXT,
    "details" JSONB,

    CONSTRAINT "AuditLog_pkey" PRIMARY KEY ("id")
);

-- CreateIndex
CREATE INDEX "WebhookDelivery_receivedAt_idx" ON "WebhookDelivery"("receivedAt");
CREATE INDEX "WebhookDelivery_status_idx" ON "WebhookDelivery"("status");
CREATE UNIQUE INDEX "GroupLead_groupRef_userRef_source_key" ON "GroupLead"("groupRef", "userRef", "source");
CREATE INDEX "GroupLead_userRef_idx" ON "GroupLead"("userRef");
CREATE INDEX "AuditLog_target_idx" ON "AuditLog"("target");
CREATE INDEX "AuditLog_at_idx" ON "AuditLog"("at");
