/** System names → slugs, the alias map, and short stable hashes for natural keys. */
import { createHash } from "node:crypto";
import { readFile } from "node:fs/promises";
import { z } from "zod";

export function slugify(name: string): string {
  return name
    .trim()
    .toLowerCase()
    .replace(/[^a-z0-9.]+/g, "-")
    .replace(/^-+|-+$/g, "")
    .slice(0, 120);
}

export function shortHash(text: string, length = 16): string {
  return createHash("sha256").update(text).digest("hex").slice(0, length);
}

/** Applies the alias map (exact name first, then the slug) and returns display name and slug. */
export function resolveSystemName(raw: string, aliases: Record<string, string>): { name: string; slug: string } {
  const trimmed = raw.trim();
  const aliased = aliases[trimmed] ?? aliases[slugify(trimmed)] ?? trimmed;
  return { name: aliased, slug: slugify(aliased) };
}

/** resolveSystemName with a cache: a file names the same few systems on every row (bounded at 10k names). */
export function nameResolver(aliases: Record<string, string>): (raw: string) => { name: string; slug: string } {
  const cache = new Map<string, { name: string; slug: string }>();
  return (raw) => {
    let r = cache.get(raw);
    if (r === undefined) {
      if (cache.size >= 10_000) cache.clear();
      r = resolveSystemName(raw, aliases);
      cache.set(raw, r);
    }
    return r;
  };
}

const aliasSchema = z.record(z.string().min(1), z.string().min(1));

export async function readAliasFile(path: string): Promise<Record<string, string>> {
  let value: unknown;
  try {
    value = JSON.parse(await readFile(path, "utf8"));
  } catch (err) {
    throw new Error(`cannot read the alias map ${path}: ${err instanceof Error ? err.message : String(err)}`);
  }
  const parsed = aliasSchema.safeParse(value);
  if (!parsed.success) throw new Error(`the alias map ${path} must be a JSON object of name → name strings`);
  return parsed.data;
}
