import type { PrismaClient } from "@/lib/generated/prisma/client";
import { getDb } from "@/lib/db";

/**
 * Auth.js's Prisma adapter wants a client at import time; ours opens lazily (lib/db.ts). This stand-in forwards
 * `proxy.<model>.<method>(...)` to the real client once it is open.
 */
export function lazyPrisma(): PrismaClient {
  return new Proxy({} as PrismaClient, {
    get(_target, model: string) {
      return new Proxy(
        {},
        {
          get(_t, method: string) {
            return async (...args: unknown[]) => {
              const db = (await getDb()) as unknown as Record<string, Record<string, (...a: unknown[]) => unknown>>;
              return db[model][method](...args);
            };
          },
        },
      );
    },
  });
}
