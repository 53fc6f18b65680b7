/**
 * Server-side markdown for untrusted answers: marked (GFM) → highlight.js on fenced code → sanitize-html allowlist.
 *
 * - Raw HTML in the markdown is never passed through: marked's html tokens are escaped and shown as text.
 * - sanitize-html then enforces an allowlist over the whole output (defence in depth): no scripts, styles, event
 *   handlers, iframes, svg, forms or images; only http(s)/mailto links, each with rel="noopener nofollow ugc".
 * - Images become plain links (no third-party fetches from the voter's browser).
 * - Tables are wrapped in `<div class="md-table">`, a horizontal scroll box, so huge tables cannot break the layout.
 * Output is cached per source text (answers are immutable in practice and rendered once per process).
 */
import { Marked, type Tokens } from "marked";
import sanitizeHtml from "sanitize-html";
import hljs from "highlight.js";

/** Longer answers are cut (and say so) before rendering. */
export const MAX_MARKDOWN_CHARS = 200_000;
const MAX_HIGHLIGHT_CHARS = 50_000;

const escapeHtml = (s: string) =>
  s.replace(/&/g, "&amp;").replace(/</g, "&lt;").replace(/>/g, "&gt;").replace(/"/g, "&quot;").replace(/'/g, "&#39;");

const marked = new Marked({
  gfm: true,
  breaks: false,
  async: false,
  renderer: {
    html({ text }: Tokens.HTML | Tokens.Tag): string {
      return escapeHtml(text);
    },
    code({ text, lang }: Tokens.Code): string {
      const language = (lang ?? "").trim().split(/\s+/)[0]?.toLowerCase() ?? "";
      const known = language !== "" && hljs.getLanguage(language) !== undefined;
      const body =
        known && text.length <= MAX_HIGHLIGHT_CHARS
          ? hljs.highlight(text, { language, ignoreIllegals: true }).value
          : escapeHtml(text);
      const cls = known ? `hljs language-${language.replace(/[^\w-]/g, "")}` : "hljs";
      return `<pre><code class="${cls}">${body}</code></pre>\n`;
    },
    image({ href, text }: Tokens.Image): string {
      const label = escapeHtml(text || "image");
      return `<a href="${escapeHtml(href)}">[image: ${label}]</a>`;
    },
  },
});

const SANITIZE: sanitizeHtml.IOptions = {
  allowedTags: [
    "h1", "h2", "h3", "h4", "h5", "h6", "p", "br", "hr", "blockquote", "pre", "code", "span", "em", "strong", "del",
    "s", "ul", "ol", "li", "table", "thead", "tbody", "tr", "th", "td", "a", "div", "sup", "sub",
  ],
  allowedAttributes: {
    a: ["href", "title", "rel", "target"],
    ol: ["start"],
    th: ["align"],
    td: ["align"],
    span: ["class"],
    code: ["class"],
    div: ["class"],
  },
  allowedClasses: {
    span: ["hljs-*", "language-*"],
    code: ["hljs", "language-*"],
    div: ["md-table"],
  },
  allowedSchemes: ["http", "https", "mailto"],
  allowedSchemesAppliedToAttributes: ["href"],
  allowProtocolRelative: false,
  disallowedTagsMode: "discard",
  nonTextTags: ["script", "style", "textarea", "option", "noscript", "iframe", "svg", "math", "template", "object"],
  transformTags: {
    a: (tagName, attribs) => ({
      tagName,
      attribs: { ...attribs, rel: "noopener nofollow ugc", target: "_blank" },
    }),
  },
  exclusiveFilter: (frame) => frame.tag === "a" && !frame.attribs.href && frame.text.trim() === "",
};

const cache = new Map<string, string>();
const CACHE_MAX = 20_000;

/** Markdown → sanitised HTML (safe to inject with dangerouslySetInnerHTML). */
export function renderMarkdown(source: string): string {
  const hit = cache.get(source);
  if (hit !== undefined) return hit;
  const clipped =
    source.length > MAX_MARKDOWN_CHARS ? `${source.slice(0, MAX_MARKDOWN_CHARS)}\n\n*[answer cut at ${MAX_MARKDOWN_CHARS} characters]*` : source;
  const raw = marked.parse(clipped, { async: false }) as string;
  const wrapped = raw.replace(/<table>/g, '<div class="md-table"><table>').replace(/<\/table>/g, "</table></div>");
  const html = sanitizeHtml(wrapped, SANITIZE);
  if (cache.size >= CACHE_MAX) cache.clear();
  cache.set(source, html);
  return html;
}
