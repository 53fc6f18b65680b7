/**
 * Tests of the demo dataset's static content: prompts, systems, judges and answers.
 */
import { describe, expect, it } from "vitest";
import {
  DEMO_CATEGORIES,
  DEMO_JUDGES,
  demoAnswers,
  demoPrompts,
  demoSystems,
  getDemoAnswers,
  markdownScore,
  countMarkdown,
  approxTokens,
  type DemoAnswer,
} from "./index";
import { demoPromptSources } from "./prompts";

describe("demo prompts", () => {
  it("has at least 60 prompts, at least 10 in each of the 6 categories", () => {
    expect(demoPrompts.length).toBeGreaterThanOrEqual(60);
    expect(DEMO_CATEGORIES).toHaveLength(6);
    for (const category of DEMO_CATEGORIES) {
      expect(demoPrompts.filter((p) => p.category === category).length).toBeGreaterThanOrEqual(10);
    }
  });

  it("has unique, stable external ids matching the category", () => {
    const ids = demoPrompts.map((p) => p.externalId);
    expect(new Set(ids).size).toBe(ids.length);
    for (const p of demoPrompts) expect(p.externalId).toMatch(new RegExp(`^demo-${p.category}-\\d{2}$`));
  });

  it("has one or two non-empty turns, several two-turn prompts and non-English multilingual prompts", () => {
    for (const p of demoPrompts) {
      expect(p.turns.length).toBeGreaterThanOrEqual(1);
      expect(p.turns.length).toBeLessThanOrEqual(2);
      for (const t of p.turns) expect(t.trim().length).toBeGreaterThan(5);
    }
    expect(demoPrompts.filter((p) => p.turns.length === 2).length).toBeGreaterThanOrEqual(5);
    const multi = demoPrompts.filter((p) => p.category === "multilingual");
    expect(multi.every((p) => p.language !== "en")).toBe(true);
    expect(new Set(multi.map((p) => p.language)).size).toBeGreaterThanOrEqual(4);
    expect(demoPrompts.filter((p) => p.category !== "multilingual").every((p) => p.language === "en")).toBe(true);
  });

  it("gives math and reasoning prompts a reference, and coding prompts code and wrong variants", () => {
    for (const p of demoPrompts.filter((x) => x.category === "math" || x.category === "reasoning" || x.category === "coding")) {
      expect(p.reference, p.externalId).toBeTruthy();
    }
    for (const src of demoPromptSources.filter((x) => x.category === "coding")) {
      expect(src.turns[0].core.code, src.externalId).toBeDefined();
      expect(src.turns[0].wrong, src.externalId).toBeDefined();
    }
  });
});

describe("demo systems and judges", () => {
  it("has at least 6 systems with unique slugs, names, distinct styles and plausible strengths", () => {
    expect(demoSystems.length).toBeGreaterThanOrEqual(6);
    expect(new Set(demoSystems.map((s) => s.slug)).size).toBe(demoSystems.length);
    expect(new Set(demoSystems.map((s) => s.name)).size).toBe(demoSystems.length);
    expect(new Set(demoSystems.map((s) => s.style)).size).toBe(demoSystems.length);
    for (const s of demoSystems) {
      expect(s.slug.startsWith("demo-")).toBe(true);
      expect(Math.abs(s.trueStrength - 1000)).toBeLessThanOrEqual(200);
    }
    const sorted = [...demoSystems].map((s) => s.slug).sort();
    expect(demoSystems.map((s) => s.slug)).toEqual(sorted);
    const best = [...demoSystems].sort((a, b) => b.trueStrength - a.trueStrength)[0];
    expect(best.style).toBe("strong-all-round");
  });

  it("has two judges, each sharing a family with exactly one system", () => {
    expect(DEMO_JUDGES.map((j) => j.slug)).toEqual(["demo-judge-fair", "demo-judge-biased"]);
    for (const j of DEMO_JUDGES) {
      expect(demoSystems.filter((s) => s.family === j.family)).toHaveLength(1);
    }
  });
});

describe("demo answers", () => {
  const answers = demoAnswers();

  it("answers every turn of every prompt for every system, once", () => {
    const turns = demoPrompts.reduce((s, p) => s + p.turns.length, 0);
    expect(answers).toHaveLength(turns * demoSystems.length);
    const keys = answers.map((a) => `${a.systemSlug}|${a.promptExternalId}|${a.turnIndex}`);
    expect(new Set(keys).size).toBe(keys.length);
    for (const s of demoSystems) {
      for (const p of demoPrompts) {
        const list = getDemoAnswers(s.slug, p.externalId);
        expect(list.map((a) => a.turnIndex)).toEqual(p.turns.map((_, i) => i));
        for (const a of list) expect(a.content.trim().length).toBeGreaterThan(0);
      }
    }
  });

  it("is deterministic and has tokens and latency", () => {
    expect(demoAnswers()).toEqual(answers);
    for (const a of answers) {
      expect(a.tokens).toBe(approxTokens(a.content));
      expect(a.latencyMs).toBeGreaterThan(0);
      expect(Number.isInteger(a.latencyMs)).toBe(true);
    }
  });

  it("puts fenced code blocks in coding answers (except refusals)", () => {
    for (const a of answers.filter((x) => x.promptExternalId.startsWith("demo-coding-") && x.kind !== "refusal")) {
      expect(a.content, `${a.systemSlug} ${a.promptExternalId}`).toMatch(/```[a-z]+\n[\s\S]+\n```/);
    }
  });

  it("matches each system's style", () => {
    const of = (style: string) => {
      const slug = demoSystems.find((s) => s.style === style)?.slug;
      return answers.filter((a) => a.systemSlug === slug);
    };
    const mean = (xs: number[]) => xs.reduce((s, x) => s + x, 0) / xs.length;
    const tokens = (style: string) => mean(of(style).map((a) => a.tokens));
    const md = (style: string) => mean(of(style).map((a) => markdownScore(a.content)));
    expect(tokens("verbose")).toBeGreaterThan(2 * tokens("terse-correct"));
    expect(md("markdown-heavy")).toBeGreaterThan(2 * md("strong-all-round"));
    // formatting varies within each system (DEMO_STYLE_BEHAVIOUR.format): terse is mostly plain, markdown-heavy
    // mostly formatted with headers; no answer of any system is formatted all the time or never
    expect(md("terse-correct")).toBeLessThan(0.5);
    const share = (style: string, pred: (a: DemoAnswer) => boolean) => of(style).filter(pred).length / of(style).length;
    expect(share("terse-correct", (a) => markdownScore(a.content) === 0)).toBeGreaterThan(0.8);
    expect(share("markdown-heavy", (a) => countMarkdown(a.content).headers >= 2)).toBeGreaterThan(0.55);
    expect(share("markdown-heavy", (a) => a.format !== "plain")).toBeGreaterThan(0.7);
    for (const s of demoSystems) {
      const formatted = share(s.style, (a) => a.format !== "plain");
      expect(formatted, s.slug).toBeGreaterThan(0.03);
      expect(formatted, s.slug).toBeLessThan(0.9);
    }
    const refusals = of("refuses-often").filter((a) => a.kind === "refusal").length / of("refuses-often").length;
    expect(refusals).toBeGreaterThan(0.1);
    expect(refusals).toBeLessThan(0.45);
    expect(of("often-wrong").filter((a) => a.kind === "wrong").length).toBeGreaterThan(10);
    expect(of("strong-all-round").every((a) => a.kind === "normal")).toBe(true);
  });

  it("renders plain answers without markdown, headers only in full ones, one format per prompt", () => {
    for (const a of answers) {
      const c = countMarkdown(a.content);
      const where = `${a.systemSlug} ${a.promptExternalId} ${a.turnIndex}`;
      if (a.format === "plain") expect(c, where).toEqual({ headers: 0, listItems: 0, bold: 0 });
      if (a.format === "light") expect(c.headers, where).toBe(0);
      if (a.kind === "refusal") expect(a.format).toBe("plain");
    }
    for (const s of demoSystems) {
      for (const p of demoPrompts) expect(new Set(getDemoAnswers(s.slug, p.externalId).map((a) => a.format)).size).toBe(1);
    }
  });

  it("keeps content and length across formatting variants (formatting is not a proxy for quality)", () => {
    const mean = (xs: number[]) => xs.reduce((s, x) => s + x, 0) / xs.length;
    for (const s of demoSystems) {
      const mine = answers.filter((a) => a.systemSlug === s.slug && a.kind !== "refusal");
      const plain = mine.filter((a) => a.format === "plain").map((a) => a.tokens);
      const formatted = mine.filter((a) => a.format !== "plain").map((a) => a.tokens);
      if (plain.length < 3 || formatted.length < 3) continue;
      expect(mean(formatted) / mean(plain), s.slug).toBeGreaterThan(0.6);
      expect(mean(formatted) / mean(plain), s.slug).toBeLessThan(1.6);
    }
  });

  it("answers multilingual prompts without English boilerplate", () => {
    for (const a of answers.filter((x) => x.promptExternalId.startsWith("demo-multilingual-"))) {
      expect(a.content).not.toMatch(/Great question|To summarise|I'm sorry|Key points|Bottom line/);
    }
  });
});

describe("markdown counting", () => {
  it("counts headers, list items and bold outside code fences", () => {
    const text = "## Title\n\n**Bold** text\n\n- one\n- two\n1. three\n\n```md\n## not a header\n- not a bullet\n```";
    expect(countMarkdown(text)).toEqual({ headers: 1, listItems: 3, bold: 1 });
    expect(markdownScore(text)).toBe(5);
  });
});
