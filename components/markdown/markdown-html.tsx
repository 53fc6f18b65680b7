import "highlight.js/styles/github.css";
import "./markdown.css";

/**
 * Shows HTML produced by `renderMarkdown` (lib/markdown/render.ts): marked → highlight.js → sanitize-html allowlist,
 * on the server. Never pass anything else here.
 */
export function MarkdownHtml({ html, className = "" }: { html: string; className?: string }) {
  return <div className={`md ${className}`} dangerouslySetInnerHTML={{ __html: html }} />;
}
