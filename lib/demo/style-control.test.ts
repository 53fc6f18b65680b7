/**
 * Style control on the demo: the real engine (`styleControl`, Chatbot Arena's contextual Bradley–Terry on
 * normalised, z-scored differences of tokens, headers, list items and bold) run on the simulated crowd votes, with
 * each battle's features taken from the demo answers' text (all turns joined, as the leaderboard does).
 *
 * The simulated crowd rewards formatting beyond strength (`crowdStyleEffect`, see `simulate.ts`). Because every demo
 * system mixes plain and formatted answers (`DEMO_STYLE_BEHAVIOUR.format`), the style coefficients are identified:
 * style control must pull the markdown-heavy system's rating down toward its true strength and find a positive
 * markdown effect. (Before the demo varied formatting within systems, the features were collinear with system
 * identity and style control pushed that system up instead: 1038 → 1114.)
 *
 * Two battle orientations:
 * - shown order (each vote's left answer is "a"), as in Chatbot Arena's data, where the z-scoring's mean is ≈ 0;
 * - canonical order (systemA < systemB by slug), as Concord's leaderboard passes battles. Here the z-scoring
 *   centres features whose mean is far from 0 (the markdown-heavy system sorts first), which adds a constant
 *   "canonical-A" term to every battle and biases ratings by slug order; the drop is therefore smaller
 *   (see the thresholds), but its direction and the coefficients' sign hold.
 */
import { describe, expect, it } from "vitest";
import { fitBradleyTerry, reduceToCounts, styleControl, styleFeatures, type StyleBattle, type StyleFeatures } from "../ranking";
import { demoPrompts, demoSystems, getDemoAnswers, simulateDemoVotes, type DemoOutcome } from "./index";

const sim = simulateDemoVotes();
const battleById = new Map(sim.battles.map((b) => [b.id, b]));
const markdownHeavy = demoSystems.find((s) => s.style === "markdown-heavy")!;

const featureCache = new Map<string, StyleFeatures>();
function features(system: string, prompt: string): StyleFeatures {
  const key = `${system}::${prompt}`;
  let f = featureCache.get(key);
  if (!f) {
    f = styleFeatures(getDemoAnswers(system, prompt).map((a) => a.content).join("\n\n"));
    featureCache.set(key, f);
  }
  return f;
}

const swap = (o: DemoOutcome): DemoOutcome => (o === "a" ? "b" : o === "b" ? "a" : o);

/** Every crowd vote (outliers included, as on the leaderboard) as a style battle. */
function styleBattles(order: "shown" | "canonical"): StyleBattle[] {
  return sim.crowdVotes.map((v) => {
    const b = battleById.get(v.battleId)!;
    const swapped = order === "shown" && v.shownLeft === "b";
    const [x, y] = swapped ? [b.systemB, b.systemA] : [b.systemA, b.systemB];
    return {
      a: x,
      b: y,
      outcome: swapped ? swap(v.outcome) : v.outcome,
      styleA: features(x, b.promptExternalId),
      styleB: features(y, b.promptExternalId),
    };
  });
}

function fit(order: "shown" | "canonical") {
  const battles = styleBattles(order);
  const bt = fitBradleyTerry(reduceToCounts(battles));
  const sc = styleControl(battles, { rounds: 0 });
  const rating = (r: { systems: string[]; ratings: number[] }, slug: string) => r.ratings[r.systems.indexOf(slug)];
  const coef = (name: string) => sc.coefficients.find((c) => c.feature === name)!.value;
  return {
    plain: rating(bt, markdownHeavy.slug),
    controlled: rating(sc, markdownHeavy.slug),
    markdown: coef("headers") + coef("listItems") + coef("bold"),
    sc,
    bt,
  };
}

describe("style control on the demo crowd", () => {
  it("uses formatting that varies within every system", () => {
    for (const s of demoSystems) {
      const scores = demoPrompts.map((p) => {
        const f = features(s.slug, p.externalId);
        return f.headers + f.listItems + f.bold;
      });
      expect(scores.filter((m) => m === 0).length, s.slug).toBeGreaterThan(0);
      expect(scores.filter((m) => m > 0).length, s.slug).toBeGreaterThan(0);
    }
  });

  it("lowers the markdown-heavy system toward its true strength and finds a positive markdown effect (shown order)", () => {
    const r = fit("shown");
    const truth = markdownHeavy.trueStrength;
    // the crowd over-rewards it: plain BT well above the truth
    expect(r.plain).toBeGreaterThan(truth + 30);
    expect(r.controlled).toBeLessThan(r.plain - 30);
    expect(Math.abs(r.controlled - truth)).toBeLessThan(Math.abs(r.plain - truth) / 2);
    expect(r.markdown).toBeGreaterThan(0.1);
    // the best system stays on top
    const best = r.sc.systems[r.sc.ratings.indexOf(Math.max(...r.sc.ratings))];
    expect(best).toBe(demoSystems.find((s) => s.style === "strong-all-round")!.slug);
  });

  it("moves the same way in Concord's canonical battle order", () => {
    const r = fit("canonical");
    const truth = markdownHeavy.trueStrength;
    expect(r.controlled).toBeLessThan(r.plain - 10);
    expect(Math.abs(r.controlled - truth)).toBeLessThan(Math.abs(r.plain - truth));
    expect(r.markdown).toBeGreaterThan(0.1);
  });
});
