/**
 * The fictional demo systems. Their `trueStrength` values are the ground truth of the crowd simulation
 * (see `simulate.ts`); each system's `style` picks its answer renderer (see `render.ts`).
 *
 * Families: the fair demo judge is family "meridian" (shared with demo-meridian-70b) and the biased demo
 * judge is family "cascade" (shared with demo-cascade-34b), so self-preference analysis has pairs to look at.
 */
import type { DemoStyle, DemoSystem } from "./types";

/** Demo systems, sorted by slug (which is also the canonical battle order: systemA.slug < systemB.slug). */
export const demoSystems: readonly DemoSystem[] = [
  {
    slug: "demo-brightline-8b",
    name: "Brightline-8B",
    organization: "Helix Forge",
    family: "brightline",
    style: "markdown-heavy",
    styleDescription:
      "Formats almost everything: `##` headers, bullet lists and **bold** on most answers (80%; the rest plain prose). Content is average and sometimes wrong; the crowd rewards its look beyond its true strength.",
    trueStrength: 960,
  },
  {
    slug: "demo-cascade-34b",
    name: "Cascade-34B",
    organization: "Tidewater Research",
    family: "cascade",
    style: "verbose",
    styleDescription:
      "Long, padded answers: an enthusiastic preamble, the answer, a point-by-point expansion, a restatement and generic caveats; about a third use bullets and bold. Mostly correct.",
    trueStrength: 1010,
  },
  {
    slug: "demo-meridian-70b",
    name: "Meridian-70B",
    organization: "Northwind AI",
    family: "meridian",
    style: "strong-all-round",
    styleDescription:
      "The best system: a direct correct answer, a short explanation and a concrete example; about a third of its answers use a numbered list and bold.",
    trueStrength: 1150,
  },
  {
    slug: "demo-quill-7b",
    name: "Quill-7B",
    organization: "Lantern Labs",
    family: "quill",
    style: "terse-correct",
    styleDescription: "Short and accurate: the answer (and code, if any) with no explanation and rarely any formatting.",
    trueStrength: 1060,
  },
  {
    slug: "demo-sparrow-3b",
    name: "Sparrow-3B",
    organization: "Kestrel Systems",
    family: "sparrow",
    style: "often-wrong",
    styleDescription:
      "Confident and brief, but gives a plausible wrong answer on about half of the prompts that have one.",
    trueStrength: 860,
  },
  {
    slug: "demo-warden-13b",
    name: "Warden-13B",
    organization: "Bastion Collective",
    family: "warden",
    style: "refuses-often",
    styleDescription:
      "Cautious: politely declines about a quarter of all prompts, even harmless ones; otherwise careful, hedged prose.",
    trueStrength: 940,
  },
];

/** Look up a demo system by slug (throws for unknown slugs). */
export function getDemoSystem(slug: string): DemoSystem {
  const system = demoSystems.find((s) => s.slug === slug);
  if (!system) throw new Error(`Unknown demo system: ${slug}`);
  return system;
}

/**
 * Per-style answer behaviour (ground truth of the answer generator):
 * - `wrongShare`: probability that a prompt with a wrong variant gets the wrong variant from this system;
 * - `refusalShare`: probability that the system declines the prompt (all of its turns);
 * - `format`: probabilities of the "light" and "full" formatting variants (`DemoFormat`; the rest is "plain"),
 *   drawn once per (system, prompt). Formatting varies within every system: the markdown-heavy one formats 80% of its
 *   answers (65% full), strong-all-round and verbose 35%, often-wrong and refuses-often 20%, terse-correct 10%;
 * - `firstTokenMs` / `perTokenMs`: simulated latency = firstTokenMs + tokens × perTokenMs × (1 + 0.15·N(0,1)), floored at 80% of firstTokenMs.
 * Draws are seeded per (system, prompt) from `DEMO_ANSWER_SEED`, so answers never depend on the vote seed.
 */
export const DEMO_STYLE_BEHAVIOUR: Readonly<
  Record<
    DemoStyle,
    { wrongShare: number; refusalShare: number; format: { light: number; full: number }; firstTokenMs: number; perTokenMs: number }
  >
> = {
  "terse-correct": { wrongShare: 0.05, refusalShare: 0, format: { light: 0.1, full: 0 }, firstTokenMs: 250, perTokenMs: 12 },
  verbose: { wrongShare: 0.1, refusalShare: 0, format: { light: 0.25, full: 0.1 }, firstTokenMs: 500, perTokenMs: 25 },
  "markdown-heavy": { wrongShare: 0.15, refusalShare: 0, format: { light: 0.15, full: 0.65 }, firstTokenMs: 300, perTokenMs: 14 },
  "often-wrong": { wrongShare: 0.5, refusalShare: 0, format: { light: 0.15, full: 0.05 }, firstTokenMs: 150, perTokenMs: 8 },
  "refuses-often": { wrongShare: 0.05, refusalShare: 0.25, format: { light: 0.15, full: 0.05 }, firstTokenMs: 350, perTokenMs: 18 },
  "strong-all-round": { wrongShare: 0, refusalShare: 0, format: { light: 0.25, full: 0.1 }, firstTokenMs: 700, perTokenMs: 30 },
};
