import { mkdtemp, writeFile } from "node:fs/promises";
import { tmpdir } from "node:os";
import path from "node:path";
import { describe, expect, it } from "vitest";
import { loadTemplateFile, parseTemplateText, TemplateError, validateCustomTemplate } from "./custom-template";
import { renderJudgePrompt } from "./render";
import { templateNeedsReference } from "./templates";

const good = {
  id: "concise",
  grammar: "abc",
  system: "Compare briefly. End with [[A]], [[B]] or [[C]].",
  user: "Q: {question}\nA: {answer_a}\nB: {answer_b}",
};

describe("validateCustomTemplate", () => {
  it("accepts a valid single-turn template", () => {
    const t = validateCustomTemplate(good);
    expect(t).toMatchObject({ id: "concise", name: "concise", grammar: "abc", builtin: false });
    expect(t.multi).toBeUndefined();
    expect(() => renderJudgePrompt(t, { turns: [1, 2].map(() => ({ question: "q", answerA: "a", answerB: "b" })) })).toThrow(
      /no multi-turn prompt/,
    );
  });

  it("reports every missing placeholder", () => {
    expect(() => validateCustomTemplate({ ...good, user: "Q: {question}" })).toThrow(/missing placeholder\(s\) \{answer_a\}, \{answer_b\}/);
  });

  it("rejects unknown placeholders (typos)", () => {
    expect(() => validateCustomTemplate({ ...good, user: good.user + " {answer_c}" })).toThrow(TemplateError);
    expect(() => validateCustomTemplate({ ...good, user: good.user + " {Question}" })).toThrow(/unknown placeholder.*\{Question\}/);
  });

  it("rejects a grammar its text never mentions, unknown grammars, reserved ids", () => {
    expect(() => validateCustomTemplate({ ...good, grammar: "five-level" })).toThrow(/never mentions/);
    expect(() => validateCustomTemplate({ ...good, grammar: "likert" })).toThrow(/grammar/);
    expect(() => validateCustomTemplate({ ...good, id: "arena-hard" })).toThrow(/reserved/);
    expect(() => validateCustomTemplate({ grammar: "abc" })).toThrow(/id/);
  });

  it("{turns} makes a template multi-turn capable; {reference} makes it reference-guided", () => {
    const t = validateCustomTemplate({ ...good, user: "Ref: {reference}\n{turns}" });
    expect(t.multi).toBeDefined();
    expect(templateNeedsReference(t)).toBe(true);
    const r = renderJudgePrompt(t, {
      turns: [
        { question: "q1", answerA: "a1", answerB: "b1", reference: "r1" },
        { question: "q2", answerA: "a2", answerB: "b2", reference: "r2" },
      ],
    });
    expect(r.messages[1].content).toContain("r2");
    expect(r.messages[1].content).toContain("b1");
  });
});

describe("template files", () => {
  it("loads JSON and front-matter files", async () => {
    const dir = await mkdtemp(path.join(tmpdir(), "concord-tpl-"));
    const json = path.join(dir, "t.json");
    await writeFile(json, JSON.stringify(good));
    expect((await loadTemplateFile(json)).id).toBe("concise");

    const txt = path.join(dir, "t.txt");
    await writeFile(
      txt,
      "---\nid: fm-judge\nname: \"Front matter judge\"\ngrammar: five-level\n---\n[system]\nJudge. Verdicts: [[A>>B]] … [[B>>A]].\n[user]\n{turns}\n",
    );
    const t = await loadTemplateFile(txt);
    expect(t).toMatchObject({ id: "fm-judge", name: "Front matter judge", grammar: "five-level" });
    expect(t.single.system).toBe("Judge. Verdicts: [[A>>B]] … [[B>>A]].");
    expect(t.single.user).toBe("{turns}");
  });

  it("without [user] the whole body is the user prompt", () => {
    const t = parseTemplateText("---\nid: x\ngrammar: abc\n---\nSay [[A]] or [[B]] or [[C]].\n{question} {answer_a} {answer_b}", "front-matter");
    expect(t.single.system).toBe("");
    expect(t.single.user).toContain("{answer_b}");
  });

  it("gives clear errors for broken files", () => {
    expect(() => parseTemplateText("{not json", "json")).toThrow(/not valid JSON/);
    expect(() => parseTemplateText("no front matter", "front-matter")).toThrow(/front matter/);
    expect(() => parseTemplateText("---\njust text\n---\nbody", "front-matter")).toThrow(/key: value/);
  });
});
