/**
 * Identity leaks (Chatbot Arena's rule: a battle where a model reveals its identity is not counted). An answer leaks
 * when it names its own system: the system's name, slug, organization or family, plus any extra words a maintainer
 * lists in Setting "live.identityWords" (`{ "<system slug>": ["word", …] }`).
 *
 * Matching is case-insensitive on whole words, after normalising separators, so "Acme-Large", "acme large" and
 * "ACME_LARGE" all match the word "acme large". Words shorter than 3 characters are ignored (too many false hits).
 */
export interface IdentitySource {
  slug: string;
  name: string;
  organization: string;
  family: string;
}

export const MIN_IDENTITY_WORD = 3;

const normalise = (s: string) =>
  s
    .normalize("NFKC")
    .toLowerCase()
    .replace(/[\s\-_./:]+/g, " ")
    .trim();

export function identityWords(system: IdentitySource, extra: Record<string, unknown> | null | undefined): string[] {
  const fromSetting = extra?.[system.slug];
  const more = Array.isArray(fromSetting) ? fromSetting.filter((w): w is string => typeof w === "string") : [];
  const words = new Set<string>();
  for (const w of [system.name, system.slug, system.organization, system.family, ...more]) {
    const n = normalise(w ?? "");
    if (n.length >= MIN_IDENTITY_WORD) words.add(n);
  }
  return [...words].sort((a, b) => b.length - a.length);
}

const escapeRegExp = (s: string) => s.replace(/[.*+?^${}()|[\]\\]/g, "\\$&");

/** The first identity word the text contains, or null. */
export function findIdentityLeak(text: string, words: readonly string[]): string | null {
  const hay = ` ${normalise(text)} `;
  for (const w of words) {
    const re = new RegExp(`(?<![\\p{L}\\p{N}])${escapeRegExp(w)}(?![\\p{L}\\p{N}])`, "u");
    if (re.test(hay)) return w;
  }
  return null;
}
