import { Prisma } from "@/lib/generated/prisma/client";

/** Prisma's "unique constraint failed" (P2002) and "record to update not found" (P2025). */
export function isUniqueViolation(err: unknown): boolean {
  return err instanceof Prisma.PrismaClientKnownRequestError && err.code === "P2002";
}

export function isRecordNotFound(err: unknown): boolean {
  return err instanceof Prisma.PrismaClientKnownRequestError && err.code === "P2025";
}
