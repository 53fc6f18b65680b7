-- CreateSchema
CREATE SCHEMA IF NOT EXISTS "public";

-- CreateEnum
CREATE TYPE "Role" AS ENUM ('voter', 'maintainer');

-- CreateEnum
CREATE TYPE "ResponseOrigin" AS ENUM ('imported', 'generated');

-- CreateEnum
CREATE TYPE "BattleMode" AS ENUM ('fixed', 'live');

-- CreateEnum
CREATE TYPE "Side" AS ENUM ('A', 'B');

-- CreateEnum
CREATE TYPE "Outcome" AS ENUM ('A', 'B', 'tie', 'bothbad');

-- CreateEnum
CREATE TYPE "VoterKind" AS ENUM ('human', 'judge');

-- CreateEnum
CREATE TYPE "JudgeKind" AS ENUM ('llm', 'panel', 'baseline', 'external');

-- CreateEnum
CREATE TYPE "RunStatus" AS ENUM ('queued', 'running', 'paused', 'completed', 'cancelled', 'failed');

-- CreateEnum
CREATE TYPE "TaskStatus" AS ENUM ('pending', 'leased', 'done', 'failed', 'unparseable');

-- CreateTable
CREATE TABLE "System" (
    "id" SERIAL NOT NULL,
    "slug" TEXT NOT NULL,
    "name" TEXT NOT NULL,
    "organization" TEXT NOT NULL DEFAULT '',
    "family" TEXT NOT NULL DEFAULT '',
    "description" TEXT NOT NULL DEFAULT '',
    "baseUrl" TEXT,
    "model" TEXT,
    "apiKeyEnv" TEXT,
    "params" JSONB NOT NULL DEFAULT '{}',
    "active" BOOLEAN NOT NULL DEFAULT true,
    "weight" DOUBLE PRECISION NOT NULL DEFAULT 1,
    "outage" BOOLEAN NOT NULL DEFAULT false,
    "boost" DOUBLE PRECISION NOT NULL DEFAULT 1,
    "isDemo" BOOLEAN NOT NULL DEFAULT false,
    "createdAt" TIMESTAMP(3) NOT NULL DEFAULT CURRENT_TIMESTAMP,
    "updatedAt" TIMESTAMP(3) NOT NULL,

    CONSTRAINT "System_pkey" PRIMARY KEY ("id")
);

-- CreateTable
CREATE TABLE "PromptSet" (
    "id" SERIAL NOT NULL,
    "slug" TEXT NOT NULL,
    "name" TEXT NOT NULL,
    "description" TEXT NOT NULL DEFAULT '',
    "source" TEXT NOT NULL DEFAULT 'manual',
    "active" BOOLEAN NOT NULL DEFAULT true,
    "inactiveCategories" TEXT[] DEFAULT ARRAY[]::TEXT[],
    "isDemo" BOOLEAN NOT NULL DEFAULT false,
    "createdAt" TIMESTAMP(3) NOT NULL DEFAULT CURRENT_TIMESTAMP,

    CONSTRAINT "PromptSet_pkey" PRIMARY KEY ("id")
);

-- CreateTable
CREATE TABLE "Prompt" (
    "id" SERIAL NOT NULL,
    "promptSetId" INTEGER NOT NULL,
    "externalId" TEXT NOT NULL,
    "turns" JSONB NOT NULL,
    "category" TEXT NOT NULL DEFAULT 'general',
    "language" TEXT NOT NULL DEFAULT 'en',
    "reference" JSONB,
    "createdAt" TIMESTAMP(3) NOT NULL DEFAULT CURRENT_TIMESTAMP,

    CONSTRAINT "Prompt_pkey" PRIMARY KEY ("id")
);

-- CreateTable
CREATE TABLE "Response" (
    "id" SERIAL NOT NULL,
    "promptId" INTEGER NOT NULL,
    "systemId" INTEGER NOT NULL,
    "turns" JSONB NOT NULL,
    "tokenCount" INTEGER,
    "latencyMs" INTEGER,
    "origin" "ResponseOrigin" NOT NULL DEFAULT 'imported',
    "createdAt" TIMESTAMP(3) NOT NULL DEFAULT CURRENT_TIMESTAMP,

    CONSTRAINT "Response_pkey" PRIMARY KEY ("id")
);

-- CreateTable
CREATE TABLE "Battle" (
    "id" SERIAL NOT NULL,
    "key" TEXT NOT NULL,
    "mode" "BattleMode" NOT NULL DEFAULT 'fixed',
    "promptId" INTEGER NOT NULL,
    "turn" INTEGER NOT NULL DEFAULT 1,
    "systemAId" INTEGER NOT NULL,
    "systemBId" INTEGER NOT NULL,
    "responseAId" INTEGER,
    "responseBId" INTEGER,
    "promptSetId" INTEGER NOT NULL,
    "category" TEXT NOT NULL DEFAULT 'general',
    "language" TEXT NOT NULL DEFAULT 'en',
    "counted" BOOLEAN NOT NULL DEFAULT true,
    "createdAt" TIMESTAMP(3) NOT NULL DEFAULT CURRENT_TIMESTAMP,

    CONSTRAINT "Battle_pkey" PRIMARY KEY ("id")
);

-- CreateTable
CREATE TABLE "Vote" (
    "id" SERIAL NOT NULL,
    "battleId" INTEGER NOT NULL,
    "outcome" "Outcome" NOT NULL,
    "shownLeft" "Side" NOT NULL,
    "voterKind" "VoterKind" NOT NULL,
    "voterId" INTEGER,
    "judgeId" INTEGER,
    "judgeRunId" INTEGER,
    "strength" INTEGER NOT NULL DEFAULT 1,
    "rationale" TEXT,
    "rawOutput" TEXT,
    "promptTokens" INTEGER,
    "completionTokens" INTEGER,
    "timeToVoteMs" INTEGER,
    "externalKey" TEXT,
    "createdAt" TIMESTAMP(3) NOT NULL DEFAULT CURRENT_TIMESTAMP,

    CONSTRAINT "Vote_pkey" PRIMARY KEY ("id")
);

-- CreateTable
CREATE TABLE "Voter" (
    "id" SERIAL NOT NULL,
    "cookieHash" TEXT,
    "externalId" TEXT,
    "userId" TEXT,
    "flagged" BOOLEAN NOT NULL DEFAULT false,
    "flagReason" TEXT,
    "flaggedAt" TIMESTAMP(3),
    "excluded" BOOLEAN NOT NULL DEFAULT false,
    "createdAt" TIMESTAMP(3) NOT NULL DEFAULT CURRENT_TIMESTAMP,

    CONSTRAINT "Voter_pkey" PRIMARY KEY ("id")
);

-- CreateTable
CREATE TABLE "BattleTicket" (
    "id" TEXT NOT NULL,
    "battleId" INTEGER NOT NULL,
    "voterId" INTEGER NOT NULL,
    "shownLeft" "Side" NOT NULL,
    "issuedAt" TIMESTAMP(3) NOT NULL DEFAULT CURRENT_TIMESTAMP,
    "expiresAt" TIMESTAMP(3) NOT NULL,
    "usedAt" TIMESTAMP(3),
    "voteId" INTEGER,

    CONSTRAINT "BattleTicket_pkey" PRIMARY KEY ("id")
);

-- CreateTable
CREATE TABLE "Judge" (
    "id" SERIAL NOT NULL,
    "slug" TEXT NOT NULL,
    "name" TEXT NOT NULL,
    "kind" "JudgeKind" NOT NULL DEFAULT 'llm',
    "family" TEXT NOT NULL DEFAULT '',
    "description" TEXT NOT NULL DEFAULT '',
    "baseUrl" TEXT,
    "model" TEXT,
    "apiKeyEnv" TEXT,
    "template" TEXT,
    "customTemplate" TEXT,
    "params" JSONB NOT NULL DEFAULT '{}',
    "concurrency" INTEGER NOT NULL DEFAULT 4,
    "rpm" INTEGER,
    "tpm" INTEGER,
    "pricePromptPerM" DOUBLE PRECISION NOT NULL DEFAULT 0,
    "priceCompletionPerM" DOUBLE PRECISION NOT NULL DEFAULT 0,
    "rule" TEXT,
    "isDemo" BOOLEAN NOT NULL DEFAULT false,
    "createdAt" TIMESTAMP(3) NOT NULL DEFAULT CURRENT_TIMESTAMP,
    "updatedAt" TIMESTAMP(3) NOT NULL,

    CONSTRAINT "Judge_pkey" PRIMARY KEY ("id")
);

-- CreateTable
CREATE TABLE "PanelMember" (
    "panelId" INTEGER NOT NULL,
    "memberId" INTEGER NOT NULL,
    "priority" INTEGER NOT NULL DEFAULT 0,
    "weight" DOUBLE PRECISION NOT NULL DEFAULT 1,

    CONSTRAINT "PanelMember_pkey" PRIMARY KEY ("panelId","memberId")
);

-- CreateTable
CREATE TABLE "JudgeRun" (
    "id" SERIAL NOT NULL,
    "judgeId" INTEGER NOT NULL,
    "label" TEXT NOT NULL DEFAULT '',
    "status" "RunStatus" NOT NULL DEFAULT 'queued',
    "selection" JSONB NOT NULL DEFAULT '{}',
    "combine" TEXT NOT NULL DEFAULT 'mtbench',
    "totalTasks" INTEGER NOT NULL DEFAULT 0,
    "doneTasks" INTEGER NOT NULL DEFAULT 0,
    "failedTasks" INTEGER NOT NULL DEFAULT 0,
    "unparseableTasks" INTEGER NOT NULL DEFAULT 0,
    "promptTokens" INTEGER NOT NULL DEFAULT 0,
    "completionTokens" INTEGER NOT NULL DEFAULT 0,
    "costUsd" DOUBLE PRECISION NOT NULL DEFAULT 0,
    "error" TEXT,
    "createdAt" TIMESTAMP(3) NOT NULL DEFAULT CURRENT_TIMESTAMP,
    "startedAt" TIMESTAMP(3),
    "finishedAt" TIMESTAMP(3),

    CONSTRAINT "JudgeRun_pkey" PRIMARY KEY ("id")
);

-- CreateTable
CREATE TABLE "JudgeTask" (
    "id" SERIAL NOT NULL,
    "runId" INTEGER NOT NULL,
    "battleId" INTEGER NOT NULL,
    "shownLeft" "Side" NOT NULL,
    "status" "TaskStatus" NOT NULL DEFAULT 'pending',
    "attempts" INTEGER NOT NULL DEFAULT 0,
    "lastError" TEXT,
    "leaseOwner" TEXT,
    "leaseExpiresAt" TIMESTAMP(3),
    "notBefore" TIMESTAMP(3),
    "rawOutput" TEXT,
    "promptTokens" INTEGER NOT NULL DEFAULT 0,
    "completionTokens" INTEGER NOT NULL DEFAULT 0,
    "requestHash" TEXT,
    "createdAt" TIMESTAMP(3) NOT NULL DEFAULT CURRENT_TIMESTAMP,
    "updatedAt" TIMESTAMP(3) NOT NULL,

    CONSTRAINT "JudgeTask_pkey" PRIMARY KEY ("id")
);

-- CreateTable
CREATE TABLE "JudgeCache" (
    "requestHash" TEXT NOT NULL,
    "output" TEXT NOT NULL,
    "promptTokens" INTEGER NOT NULL DEFAULT 0,
    "completionTokens" INTEGER NOT NULL DEFAULT 0,
    "createdAt" TIMESTAMP(3) NOT NULL DEFAULT CURRENT_TIMESTAMP,

    CONSTRAINT "JudgeCache_pkey" PRIMARY KEY ("requestHash")
);

-- CreateTable
CREATE TABLE "ApiKey" (
    "id" SERIAL NOT NULL,
    "judgeId" INTEGER NOT NULL,
    "name" TEXT NOT NULL DEFAULT '',
    "prefix" TEXT NOT NULL,
    "hash" TEXT NOT NULL,
    "createdAt" TIMESTAMP(3) NOT NULL DEFAULT CURRENT_TIMESTAMP,
    "lastUsedAt" TIMESTAMP(3),
    "revokedAt" TIMESTAMP(3),

    CONSTRAINT "ApiKey_pkey" PRIMARY KEY ("id")
);

-- CreateTable
CREATE TABLE "RateLimitBucket" (
    "key" TEXT NOT NULL,
    "windowStart" TIMESTAMP(3) NOT NULL,
    "count" INTEGER NOT NULL DEFAULT 0,

    CONSTRAINT "RateLimitBucket_pkey" PRIMARY KEY ("key","windowStart")
);

-- CreateTable
CREATE TABLE "Setting" (
    "key" TEXT NOT NULL,
    "value" JSONB NOT NULL,
    "updatedAt" TIMESTAMP(3) NOT NULL,

    CONSTRAINT "Setting_pkey" PRIMARY KEY ("key")
);

-- CreateTable
CREATE TABLE "User" (
    "id" TEXT NOT NULL,
    "name" TEXT,
    "email" TEXT,
    "emailVerified" TIMESTAMP(3),
    "image" TEXT,
    "role" "Role" NOT NULL DEFAULT 'voter',
    "createdAt" TIMESTAMP(3) NOT NULL DEFAULT CURRENT_TIMESTAMP,
    "updatedAt" TIMESTAMP(3) NOT NULL,

    CONSTRAINT "User_pkey" PRIMARY KEY ("id")
);

-- CreateTable
CREATE TABLE "Account" (
    "userId" TEXT NOT NULL,
    "type" TEXT NOT NULL,
    "provider" TEXT NOT NULL,
    "providerAccountId" TEXT NOT NULL,
    "refresh_token" TEXT,
    "access_token" TEXT,
    "expires_at" INTEGER,
    "token_type" TEXT,
    "scope" TEXT,
    "id_token" TEXT,
    "session_state" TEXT,
    "createdAt" TIMESTAMP(3) NOT NULL DEFAULT CURRENT_TIMESTAMP,
    "updatedAt" TIMESTAMP(3) NOT NULL,

    CONSTRAINT "Account_pkey" PRIMARY KEY ("provider","providerAccountId")
);

-- CreateTable
CREATE TABLE "Session" (
    "sessionToken" TEXT NOT NULL,
    "userId" TEXT NOT NULL,
    "expires" TIMESTAMP(3) NOT NULL,
    "createdAt" TIMESTAMP(3) NOT NULL DEFAULT CURRENT_TIMESTAMP,
    "updatedAt" TIMESTAMP(3) NOT NULL
);

-- CreateTable
CREATE TABLE "VerificationToken" (
    "identifier" TEXT NOT NULL,
    "token" TEXT NOT NULL,
    "expires" TIMESTAMP(3) NOT NULL,

    CONSTRAINT "VerificationToken_pkey" PRIMARY KEY ("identifier","token")
);

-- CreateIndex
CREATE UNIQUE INDEX "System_slug_key" ON "System"("slug");

-- CreateIndex
CREATE UNIQUE INDEX "PromptSet_slug_key" ON "PromptSet"("slug");

-- CreateIndex
CREATE INDEX "Prompt_promptSetId_category_idx" ON "Prompt"("promptSetId", "category");

-- CreateIndex
CREATE UNIQUE INDEX "Prompt_promptSetId_externalId_key" ON "Prompt"("promptSetId", "externalId");

-- CreateIndex
CREATE UNIQUE INDEX "Response_promptId_systemId_key" ON "Response"("promptId", "systemId");

-- CreateIndex
CREATE UNIQUE INDEX "Battle_key_key" ON "Battle"("key");

-- CreateIndex
CREATE INDEX "Battle_systemAId_systemBId_idx" ON "Battle"("systemAId", "systemBId");

-- CreateIndex
CREATE INDEX "Battle_promptSetId_category_idx" ON "Battle"("promptSetId", "category");

-- CreateIndex
CREATE UNIQUE INDEX "Vote_externalKey_key" ON "Vote"("externalKey");

-- CreateIndex
CREATE INDEX "Vote_voterKind_judgeId_createdAt_idx" ON "Vote"("voterKind", "judgeId", "createdAt");

-- CreateIndex
CREATE INDEX "Vote_voterId_idx" ON "Vote"("voterId");

-- CreateIndex
CREATE UNIQUE INDEX "Vote_battleId_voterId_key" ON "Vote"("battleId", "voterId");

-- CreateIndex
CREATE UNIQUE INDEX "Vote_battleId_judgeId_shownLeft_judgeRunId_key" ON "Vote"("battleId", "judgeId", "shownLeft", "judgeRunId");

-- CreateIndex
CREATE UNIQUE INDEX "Voter_cookieHash_key" ON "Voter"("cookieHash");

-- CreateIndex
CREATE UNIQUE INDEX "Voter_externalId_key" ON "Voter"("externalId");

-- CreateIndex
CREATE INDEX "Voter_userId_idx" ON "Voter"("userId");

-- CreateIndex
CREATE INDEX "BattleTicket_voterId_issuedAt_idx" ON "BattleTicket"("voterId", "issuedAt");

-- CreateIndex
CREATE INDEX "BattleTicket_expiresAt_idx" ON "BattleTicket"("expiresAt");

-- CreateIndex
CREATE UNIQUE INDEX "Judge_slug_key" ON "Judge"("slug");

-- CreateIndex
CREATE INDEX "JudgeRun_judgeId_createdAt_idx" ON "JudgeRun"("judgeId", "createdAt");

-- CreateIndex
CREATE INDEX "JudgeTask_status_leaseExpiresAt_idx" ON "JudgeTask"("status", "leaseExpiresAt");

-- CreateIndex
CREATE INDEX "JudgeTask_runId_status_idx" ON "JudgeTask"("runId", "status");

-- CreateIndex
CREATE UNIQUE INDEX "JudgeTask_runId_battleId_shownLeft_key" ON "JudgeTask"("runId", "battleId", "shownLeft");

-- CreateIndex
CREATE UNIQUE INDEX "ApiKey_hash_key" ON "ApiKey"("hash");

-- CreateIndex
CREATE INDEX "RateLimitBucket_windowStart_idx" ON "RateLimitBucket"("windowStart");

-- CreateIndex
CREATE UNIQUE INDEX "User_email_key" ON "User"("email");

-- CreateIndex
CREATE UNIQUE INDEX "Session_sessionToken_key" ON "Session"("sessionToken");

-- AddForeignKey
ALTER TABLE "Prompt" ADD CONSTRAINT "Prompt_promptSetId_fkey" FOREIGN KEY ("promptSetId") REFERENCES "PromptSet"("id") ON DELETE CASCADE ON UPDATE CASCADE;

-- AddForeignKey
ALTER TABLE "Response" ADD CONSTRAINT "Response_promptId_fkey" FOREIGN KEY ("promptId") REFERENCES "Prompt"("id") ON DELETE CASCADE ON UPDATE CASCADE;

-- AddForeignKey
ALTER TABLE "Response" ADD CONSTRAINT "Response_systemId_fkey" FOREIGN KEY ("systemId") REFERENCES "System"("id") ON DELETE CASCADE ON UPDATE CASCADE;

-- AddForeignKey
ALTER TABLE "Battle" ADD CONSTRAINT "Battle_promptId_fkey" FOREIGN KEY ("promptId") REFERENCES "Prompt"("id") ON DELETE CASCADE ON UPDATE CASCADE;

-- AddForeignKey
ALTER TABLE "Battle" ADD CONSTRAINT "Battle_systemAId_fkey" FOREIGN KEY ("systemAId") REFERENCES "System"("id") ON DELETE RESTRICT ON UPDATE CASCADE;

-- AddForeignKey
ALTER TABLE "Battle" ADD CONSTRAINT "Battle_systemBId_fkey" FOREIGN KEY ("systemBId") REFERENCES "System"("id") ON DELETE RESTRICT ON UPDATE CASCADE;

-- AddForeignKey
ALTER TABLE "Battle" ADD CONSTRAINT "Battle_responseAId_fkey" FOREIGN KEY ("responseAId") REFERENCES "Response"("id") ON DELETE SET NULL ON UPDATE CASCADE;

-- AddForeignKey
ALTER TABLE "Battle" ADD CONSTRAINT "Battle_responseBId_fkey" FOREIGN KEY ("responseBId") REFERENCES "Response"("id") ON DELETE SET NULL ON UPDATE CASCADE;

-- AddForeignKey
ALTER TABLE "Vote" ADD CONSTRAINT "Vote_battleId_fkey" FOREIGN KEY ("battleId") REFERENCES "Battle"("id") ON DELETE CASCADE ON UPDATE CASCADE;

-- AddForeignKey
ALTER TABLE "Vote" ADD CONSTRAINT "Vote_voterId_fkey" FOREIGN KEY ("voterId") REFERENCES "Voter"("id") ON DELETE SET NULL ON UPDATE CASCADE;

-- AddForeignKey
ALTER TABLE "Vote" ADD CONSTRAINT "Vote_judgeId_fkey" FOREIGN KEY ("judgeId") REFERENCES "Judge"("id") ON DELETE SET NULL ON UPDATE CASCADE;

-- AddForeignKey
ALTER TABLE "Vote" ADD CONSTRAINT "Vote_judgeRunId_fkey" FOREIGN KEY ("judgeRunId") REFERENCES "JudgeRun"("id") ON DELETE SET NULL ON UPDATE CASCADE;

-- AddForeignKey
ALTER TABLE "Voter" ADD CONSTRAINT "Voter_userId_fkey" FOREIGN KEY ("userId") REFERENCES "User"("id") ON DELETE SET NULL ON UPDATE CASCADE;

-- AddForeignKey
ALTER TABLE "BattleTicket" ADD CONSTRAINT "BattleTicket_battleId_fkey" FOREIGN KEY ("battleId") REFERENCES "Battle"("id") ON DELETE CASCADE ON UPDATE CASCADE;

-- AddForeignKey
ALTER TABLE "BattleTicket" ADD CONSTRAINT "BattleTicket_voterId_fkey" FOREIGN KEY ("voterId") REFERENCES "Voter"("id") ON DELETE CASCADE ON UPDATE CASCADE;

-- AddForeignKey
ALTER TABLE "PanelMember" ADD CONSTRAINT "PanelMember_panelId_fkey" FOREIGN KEY ("panelId") REFERENCES "Judge"("id") ON DELETE CASCADE ON UPDATE CASCADE;

-- AddForeignKey
ALTER TABLE "PanelMember" ADD CONSTRAINT "PanelMember_memberId_fkey" FOREIGN KEY ("memberId") REFERENCES "Judge"("id") ON DELETE CASCADE ON UPDATE CASCADE;

-- AddForeignKey
ALTER TABLE "JudgeRun" ADD CONSTRAINT "JudgeRun_judgeId_fkey" FOREIGN KEY ("judgeId") REFERENCES "Judge"("id") ON DELETE CASCADE ON UPDATE CASCADE;

-- AddForeignKey
ALTER TABLE "JudgeTask" ADD CONSTRAINT "JudgeTask_runId_fkey" FOREIGN KEY ("runId") REFERENCES "JudgeRun"("id") ON DELETE CASCADE ON UPDATE CASCADE;

-- AddForeignKey
ALTER TABLE "JudgeTask" ADD CONSTRAINT "JudgeTask_battleId_fkey" FOREIGN KEY ("battleId") REFERENCES "Battle"("id") ON DELETE CASCADE ON UPDATE CASCADE;

-- AddForeignKey
ALTER TABLE "ApiKey" ADD CONSTRAINT "ApiKey_judgeId_fkey" FOREIGN KEY ("judgeId") REFERENCES "Judge"("id") ON DELETE CASCADE ON UPDATE CASCADE;

-- AddForeignKey
ALTER TABLE "Account" ADD CONSTRAINT "Account_userId_fkey" FOREIGN KEY ("userId") REFERENCES "User"("id") ON DELETE CASCADE ON UPDATE CASCADE;

-- AddForeignKey
ALTER TABLE "Session" ADD CONSTRAINT "Session_userId_fkey" FOREIGN KEY ("userId") REFERENCES "User"("id") ON DELETE CASCADE ON UPDATE CASCADE;

-- Hand-written: invariants Prisma's schema language cannot express.
-- Battles are stored in canonical order, which also forbids a system facing itself.
ALTER TABLE "Battle" ADD CONSTRAINT "Battle_canonical_order" CHECK ("systemAId" < "systemBId");
-- A human vote names its voter; a judge vote names its judge and run.
ALTER TABLE "Vote" ADD CONSTRAINT "Vote_voter_kind" CHECK (
  ("voterKind" = 'human' AND "voterId" IS NOT NULL AND "judgeId" IS NULL AND "judgeRunId" IS NULL)
  OR ("voterKind" = 'judge' AND "judgeId" IS NOT NULL AND "judgeRunId" IS NOT NULL AND "voterId" IS NULL)
);
ALTER TABLE "Vote" ADD CONSTRAINT "Vote_strength" CHECK ("strength" >= 1);
