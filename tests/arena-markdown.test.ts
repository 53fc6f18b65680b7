import { describe, expect, it } from "vitest";
import { readdirSync, readFileSync } from "node:fs";
import path from "node:path";
import { Parser } from "htmlparser2";
import { renderMarkdown } from "@/lib/markdown/render";

const dir = path.join(__dirname, "fixtures", "hostile");
const corpus = readdirSync(dir).filter((f) => f.endsWith(".md"));

const ALLOWED_TAGS = new Set(
  "h1 h2 h3 h4 h5 h6 p br hr blockquote pre code span em strong del s ul ol li table thead tbody tr th td a div sup sub".split(" "),
);
const ALLOWED_ATTRS: Record<string, string[]> = {
  a: ["href", "title", "rel", "target"],
  ol: ["start"],
  th: ["align"],
  td: ["align"],
  span: ["class"],
  code: ["class"],
  div: ["class"],
};

interface El {
  name: string;
  attrs: Record<string, string>;
}

function elements(html: string): El[] {
  const out: El[] = [];
  const parser = new Parser({ onopentag: (name, attrs) => out.push({ name, attrs }) }, { decodeEntities: true, lowerCaseTags: true });
  parser.write(html);
  parser.end();
  return out;
}

function assertInert(html: string): void {
  for (const el of elements(html)) {
    expect(ALLOWED_TAGS.has(el.name), `tag <${el.name}>`).toBe(true);
    for (const [attr, value] of Object.entries(el.attrs)) {
      expect(ALLOWED_ATTRS[el.name] ?? [], `attribute ${attr} on <${el.name}>`).toContain(attr);
      expect(attr.startsWith("on")).toBe(false);
      expect(value.replace(/\s/g, "").toLowerCase()).not.toMatch(/(javascript|vbscript|data):/);
      if (attr === "href") expect(value).toMatch(/^(https?:|mailto:)/i);
      if (attr === "class") for (const c of value.split(/\s+/)) expect(c).toMatch(/^(hljs(-[\w-]+)?|language-[\w-]+|md-table)$/);
    }
    if (el.name === "a") expect(el.attrs.rel).toBe("noopener nofollow ugc");
  }
  expect(html).not.toMatch(/<\s*(script|iframe|svg|style|object|embed|form|img|link|meta|math|body)\b/i);
  // Text may mention "javascript:" (escaped raw HTML is shown as text); no attribute may carry it.
  for (const el of elements(html)) for (const v of Object.values(el.attrs)) expect(v).not.toMatch(/^\s*(javascript|data|vbscript):/i);
}

describe("hostile markdown renders inert", () => {
  it("has a corpus covering every attack class", () => {
    expect(corpus).toEqual(
      expect.arrayContaining(["script-tags.md", "event-handlers.md", "javascript-links.md", "svg-onload.md", "iframes.md", "style-injection.md", "huge-table.md", "nested-lists.md"]),
    );
  });

  for (const file of corpus) {
    it(file, () => {
      const html = renderMarkdown(readFileSync(path.join(dir, file), "utf8"));
      assertInert(html);
    });
  }

  it("shows raw HTML as text instead of dropping the answer", () => {
    const html = renderMarkdown("Use <b>bold</b> & <script>x</script>");
    expect(html).toContain("&lt;b&gt;bold&lt;/b&gt;");
    expect(html).toContain("&lt;script&gt;");
  });

  it("highlights code, keeps safe links with rel, wraps tables in a scroll box", () => {
    const html = renderMarkdown("[ok](https://example.org/a?b=1)\n\n```python\ndef f():\n    return 1\n```\n\n|a|b|\n|-|-|\n|1|2|\n");
    expect(html).toContain('href="https://example.org/a?b=1"');
    expect(html).toContain('rel="noopener nofollow ugc"');
    expect(html).toContain('class="hljs language-python"');
    expect(html).toContain('<span class="hljs-keyword">def</span>');
    expect(html).toMatch(/<div class="md-table"><table>/);
    assertInert(html);
  });

  it("renders a huge table inside one scroll box and survives deep nesting", () => {
    const table = renderMarkdown(readFileSync(path.join(dir, "huge-table.md"), "utf8"));
    expect(table.match(/<div class="md-table">/g)).toHaveLength(1);
    expect(table.match(/<tr>/g)!.length).toBe(401);
    const nested = renderMarkdown(readFileSync(path.join(dir, "nested-lists.md"), "utf8"));
    expect(nested.match(/<ul>/g)!.length).toBeGreaterThan(20);
  });

  it("cuts absurdly long answers", () => {
    const html = renderMarkdown("x".repeat(300_000));
    expect(html.length).toBeLessThan(210_000);
    expect(html).toContain("answer cut at");
  });
});
