/**
 * `concord arena add-fixture FILE.json`: loads a small prompt set with given answers (used by e2e to serve hostile
 * markdown, and handy for trying the arena). Format:
 *   { "set": { "slug", "name", "description"? },
 *     "prompts": [ { "externalId", "category"?, "language"?, "turns": ["…"],
 *                    "responses": { "<system slug>": ["turn 1 answer", …] | { "file": "answer.md" } } } ] }
 * A `{ "file" }` answer is read relative to the JSON file (one turn). Systems must exist. Idempotent: the set,
 * prompts and responses are upserted by natural keys.
 */
import { readFile } from "node:fs/promises";
import path from "node:path";
import { z } from "zod";
import { getDb } from "@/lib/db";
import { unprocessable } from "@/lib/errors";
import { findSystemIdsBySlug, upsertFixturePrompt, upsertFixtureResponse, upsertFixtureSet } from "./queries-fixtures";
import { invalidatePool } from "./pool";

const fixtureSchema = z.object({
  set: z.object({ slug: z.string().regex(/^[\w.-]+$/).max(80), name: z.string().min(1).max(200), description: z.string().max(2000).optional() }),
  prompts: z
    .array(
      z.object({
        externalId: z.string().min(1).max(200),
        category: z.string().regex(/^[\w.-]+$/).max(80).default("general"),
        language: z.string().max(16).default("en"),
        turns: z.array(z.string()).min(1),
        responses: z.record(z.string(), z.union([z.array(z.string()).min(1), z.object({ file: z.string() })])),
      }),
    )
    .min(1),
});

export async function addArenaFixture(file: string): Promise<{ set: string; prompts: number; responses: number }> {
  const fixture = fixtureSchema.parse(JSON.parse(await readFile(file, "utf8")));
  const db = await getDb();
  const slugs = [...new Set(fixture.prompts.flatMap((p) => Object.keys(p.responses)))];
  const ids = await findSystemIdsBySlug(db, slugs);
  const missing = slugs.filter((s) => !ids.has(s));
  if (missing.length > 0) throw unprocessable(`unknown systems: ${missing.join(", ")}`);
  const setId = await upsertFixtureSet(db, fixture.set);
  let responses = 0;
  for (const p of fixture.prompts) {
    const promptId = await upsertFixturePrompt(db, { setId, externalId: p.externalId, category: p.category, language: p.language, turns: p.turns });
    for (const [slug, answer] of Object.entries(p.responses)) {
      const turns = Array.isArray(answer) ? answer : [await readFile(path.resolve(path.dirname(file), answer.file), "utf8")];
      await upsertFixtureResponse(db, { promptId, systemId: ids.get(slug)!, turns });
      responses++;
    }
  }
  invalidatePool();
  return { set: fixture.set.slug, prompts: fixture.prompts.length, responses };
}
