/**
 * Natural keys of imported rows: stable (the same source row always gets the same key, so a re-import adds
 * nothing) and short. A key is a readable prefix plus the first 22 characters (132 bits) of the base64url SHA-256 of
 * the full natural string, which names the source, the row's ids and the pair:
 *   battle:  `import:<format>:` + h(`import:<scope>:<lo slug>:<hi slug>:t<turn>`)
 *   vote:    `<format>:` + h(<the format's natural vote key>)
 * h(s) = base64url(sha256(utf8(s)))[0, 22). A collision needs ~2^66 keys (birthday bound). Short keys keep the
 * unique indexes on Battle.key and Vote.externalKey small: with Chatbot Arena's random question ids the long text
 * keys (≈ 100 bytes) made each insert touch index pages all over the index (bench/import.bench.ts,
 * IMPORT_BENCH_KEYS=random: 17.1k → 20.2k votes/s at 1M rows).
 * The migration `short_import_keys` rewrites keys stored in the long form with the same function in SQL:
 * prefix || left(translate(encode(sha256(convert_to(s, 'UTF8')), 'base64'), '+/', '-_'), 22).
 */
import { createHash } from "node:crypto";

const h = (s: string) => createHash("sha256").update(s).digest("base64url").slice(0, 22);

/** The battle key of an import: `import:<format>:<hash>`, slugs sorted so it does not depend on the given order. */
export function battleKey(scope: string, a: string, b: string, turn: number): string {
  const [lo, hi] = a < b ? [a, b] : [b, a];
  const format = scope.split(":", 1)[0];
  return `import:${format}:${h(`import:${scope}:${lo}:${hi}:t${turn}`)}`;
}

/** The stored key of an imported vote: `<format>:<hash>` of the format's natural key (`<format>:<…ids…>`). */
export function voteKey(natural: string): string {
  return `${natural.split(":", 1)[0]}:${h(natural)}`;
}
