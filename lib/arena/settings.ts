/** Arena settings in the database: "arena.sampling" (uniform | active) and "arena.rateLimits" (see lib/validation/arena.ts). */
import { getDb } from "@/lib/db";
import { rateLimitsSetting, samplingSetting, type RateLimits, type SamplingMode } from "@/lib/validation/arena";
import { getSettingValue, upsertSetting } from "./queries";
import { invalidatePool } from "./pool";

export async function readArenaSettings(): Promise<{ sampling: SamplingMode; rateLimits: RateLimits }> {
  const db = await getDb();
  const [sampling, limits] = await Promise.all([getSettingValue(db, "arena.sampling"), getSettingValue(db, "arena.rateLimits")]);
  return { sampling: samplingSetting.parse(sampling ?? "uniform"), rateLimits: rateLimitsSetting.parse(limits ?? {}) };
}

/** Writes the given settings (limits merge over the current ones). Other instances pick them up within 5 s. */
export async function writeArenaSettings(change: { sampling?: SamplingMode; rateLimits?: Partial<RateLimits> }): Promise<{ sampling: SamplingMode; rateLimits: RateLimits }> {
  const db = await getDb();
  const current = await readArenaSettings();
  if (change.sampling) await upsertSetting(db, "arena.sampling", samplingSetting.parse(change.sampling));
  if (change.rateLimits) await upsertSetting(db, "arena.rateLimits", rateLimitsSetting.parse({ ...current.rateLimits, ...change.rateLimits }));
  invalidatePool();
  return readArenaSettings();
}
