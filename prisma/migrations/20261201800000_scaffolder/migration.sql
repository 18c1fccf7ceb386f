-- CreateTable
CREATE TABLE "ScaffolderTask" (
    "id" UUID NOT NULL DEFAULT gen_random_uuid(),
    "templateRef" TEXT NOT NULL,
    "template" JSONB NOT NULL,
    "baseUrl" TEXT,
    "values" JSONB NOT NULL,
    "secretNames" TEXT[] DEFAULT ARRAY[]::TEXT[],
    "status" TEXT NOT NULL DEFAULT 'open',
    "dryRun" BOOLEAN NOT NULL DEFAULT false,
    "createdBy" TEXT NOT NULL,
    "userRef" TEXT,
    "createdAt" TIMESTAMP(3) NOT NULL DEFAULT CURRENT_TIMESTAMP,
    "startedAt" TIMESTAMP(3),
    "completedAt" TIMESTAMP(3),
    "runnerId" TEXT,
    "heartbeatAt" TIMESTAMP(3),
    "cancelRequested" BOOLEAN NOT NULL DEFAULT false,
    "output" JSONB,
    "workspace" BYTEA,

    CONSTRAINT "ScaffolderTask_pkey" PRIMARY KEY ("id")
);

-- CreateTable
CREATE TABLE "ScaffolderTaskStep" (
    "taskId" UUID NOT NULL,
    "stepId" TEXT NOT NULL,
    "position" INTEGER NOT NULL,
    "name" TEXT NOT NULL,
    "action" TEXT NOT NULL,
    "status" TEXT NOT NULL DEFAULT 'pending',
    "startedAt" TIMESTAMP(3),
    "endedAt" TIMESTAMP(3),
    "output" JSONB,
    "state" JSONB,

    CONSTRAINT "ScaffolderTaskStep_pkey" PRIMARY KEY ("taskId","stepId")
);

-- CreateTable
CREATE TABLE "ScaffolderTaskEvent" (
    "id" BIGSERIAL NOT NULL,
    "taskId" UUID NOT NULL,
    "createdAt" TIMESTAMP(3) NOT NULL DEFAULT CURRENT_TIMESTAMP,
    "type" TEXT NOT NULL,
    "stepId" TEXT,
    "level" TEXT NOT NULL DEFAULT 'info',
    "message" TEXT NOT NULL,

    CONSTRAINT "ScaffolderTaskEvent_pkey" PRIMARY KEY ("id")
);

-- CreateIndex
CREATE INDEX "ScaffolderTask_createdBy_createdAt_idx" ON "ScaffolderTask"("createdBy", "createdAt");

-- CreateIndex
CREATE INDEX "ScaffolderTask_templateRef_createdAt_idx" ON "ScaffolderTask"("templateRef", "createdAt");

-- CreateIndex
CREATE INDEX "ScaffolderTask_status_idx" ON "ScaffolderTask"("status");

-- CreateIndex
CREATE INDEX "ScaffolderTaskEvent_taskId_id_idx" ON "ScaffolderTaskEvent"("taskId", "id");

-- AddForeignKey
ALTER TABLE "ScaffolderTaskStep" ADD CONSTRAINT "ScaffolderTaskStep_taskId_fkey" FOREIGN KEY ("taskId") REFERENCES "ScaffolderTask"("id") ON DELETE CASCADE ON UPDATE CASCADE;

-- AddForeignKey
ALTER TABLE "ScaffolderTaskEvent" ADD CONSTRAINT "ScaffolderTaskEvent_taskId_fkey" FOREIGN KEY ("taskId") REFERENCES "ScaffolderTask"("id") ON DELETE CASCADE ON UPDATE CASCADE;
