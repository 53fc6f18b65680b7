/** Test data for the arena tests: systems with distinctive ids/names, one or two prompt sets, answers. */
import type { TestDb } from "./support/db";

export interface ArenaSeed {
  systems: { id: number; slug: string; name: string; organization: string }[];
  setSlugs: string[];
  promptIds: number[];
  responseIds: number[];
}

export const SEED_SYSTEMS = [
  { id: 730017, slug: "zz-zephyrine-9x", name: "Zephyrine-9X", organization: "Quorvex Labs" },
  { id: 730041, slug: "zz-obsidian-kite", name: "ObsidianKite", organization: "Marrowgate Institute" },
  { id: 730083, slug: "zz-velloran-pro", name: "Velloran Pro", organization: "Thistlewick AI" },
  { id: 730129, slug: "zz-grimsby-turbo", name: "GrimsbyTurbo", organization: "Fennimore Dynamics" },
];

/** `promptsPerSet` prompts in sets "alpha" (categories math/code) and "beta" (writing); every system answers. */
export async function seedArena(t: TestDb, opts: { promptsPerSet?: number; systems?: typeof SEED_SYSTEMS } = {}): Promise<ArenaSeed> {
  const n = opts.promptsPerSet ?? 6;
  const systems = opts.systems ?? SEED_SYSTEMS;
  for (const s of systems) {
    await t.db.system.create({ data: { id: s.id, slug: s.slug, name: s.name, organization: s.organization } });
  }
  await t.sql.query(`SELECT setval('"Battle_id_seq"', 9400000)`);
  await t.sql.query(`SELECT setval('"Response_id_seq"', 8300000)`);
  await t.sql.query(`SELECT setval('"Prompt_id_seq"', 6100000)`);
  const promptIds: number[] = [];
  const responseIds: number[] = [];
  for (const [slug, cats] of [
    ["alpha", ["math", "code"]],
    ["beta", ["writing"]],
  ] as const) {
    const set = await t.db.promptSet.create({ data: { slug, name: `Set ${slug}` } });
    for (let i = 0; i < n; i++) {
      const twoTurns = i === 0;
      const p = await t.db.prompt.create({
        data: {
          promptSetId: set.id,
          externalId: `${slug}-${i}`,
          category: cats[i % cats.length],
          turns: twoTurns ? [`Question ${slug} ${i}, first turn`, `Follow-up ${slug} ${i}`] : [`Question ${slug} ${i}`],
        },
      });
      promptIds.push(p.id);
      for (const [k, s] of systems.entries()) {
        const turns = twoTurns ? [`Answer ${k} to ${slug} ${i}`, `Second answer ${k}`] : [`Answer **${k}** to ${slug} ${i}\n\n\`\`\`ts\nconst x = ${i};\n\`\`\``];
        const r = await t.db.response.create({ data: { promptId: p.id, systemId: s.id, turns } });
        responseIds.push(r.id);
      }
    }
  }
  return { systems, setSlugs: ["alpha", "beta"], promptIds, responseIds };
}
