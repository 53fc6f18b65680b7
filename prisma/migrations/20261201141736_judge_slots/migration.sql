-- CreateTable
CREATE TABLE "JudgeSlot" (
    "judgeId" INTEGER NOT NULL,
    "slot" INTEGER NOT NULL,
    "owner" TEXT NOT NULL,
    "expiresAt" TIMESTAMP(3) NOT NULL,

    CONSTRAINT "JudgeSlot_pkey" PRIMARY KEY ("judgeId","slot")
);

-- CreateTable
CREATE TABLE "JudgeSlotWant" (
    "judgeId" INTEGER NOT NULL,
    "owner" TEXT NOT NULL,
    "demand" INTEGER NOT NULL DEFAULT 0,
    "seenAt" TIMESTAMP(3) NOT NULL,

    CONSTRAINT "JudgeSlotWant_pkey" PRIMARY KEY ("judgeId","owner")
);

-- AddForeignKey
ALTER TABLE "JudgeSlot" ADD CONSTRAINT "JudgeSlot_judgeId_fkey" FOREIGN KEY ("judgeId") REFERENCES "Judge"("id") ON DELETE CASCADE ON UPDATE CASCADE;

-- AddForeignKey
ALTER TABLE "JudgeSlotWant" ADD CONSTRAINT "JudgeSlotWant_judgeId_fkey" FOREIGN KEY ("judgeId") REFERENCES "Judge"("id") ON DELETE CASCADE ON UPDATE CASCADE;
