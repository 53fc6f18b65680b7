/**
 * Browser-side export helpers shared by every chart and table: serialize a rendered chart's <svg> (recharts or our
 * own), rasterise it to PNG through a canvas, and write tables as CSV (RFC 4180 quoting) or JSON.
 */

export type Cell = string | number | boolean | null | undefined;

/** One column of a downloadable table: header text and how to read the value. */
export interface TableColumn<R> {
  key: string;
  header: string;
  value: (row: R) => Cell;
}

function csvCell(v: Cell): string {
  if (v === null || v === undefined) return "";
  if (typeof v === "number" && !Number.isFinite(v)) return "";
  const s = String(v);
  return /[",\n\r]/.test(s) ? `"${s.replace(/"/g, '""')}"` : s;
}

/** CSV with a header row; numbers are written as they are (no rounding), NaN/Infinity as empty. */
export function toCsv<R>(rows: R[], columns: TableColumn<R>[]): string {
  const lines = [columns.map((c) => csvCell(c.header)).join(",")];
  for (const r of rows) lines.push(columns.map((c) => csvCell(c.value(r))).join(","));
  return lines.join("\r\n") + "\r\n";
}

/** JSON array of objects keyed by column key; non-finite numbers become null. */
export function toJsonRows<R>(rows: R[], columns: TableColumn<R>[]): string {
  const out = rows.map((r) =>
    Object.fromEntries(
      columns.map((c) => {
        const v = c.value(r);
        return [c.key, typeof v === "number" && !Number.isFinite(v) ? null : (v ?? null)];
      }),
    ),
  );
  return JSON.stringify(out, null, 2) + "\n";
}

export function downloadBlob(blob: Blob, filename: string): void {
  const url = URL.createObjectURL(blob);
  const a = document.createElement("a");
  a.href = url;
  a.download = filename;
  document.body.appendChild(a);
  a.click();
  a.remove();
  setTimeout(() => URL.revokeObjectURL(url), 1000);
}

export function downloadText(text: string, filename: string, type: string): void {
  downloadBlob(new Blob([text], { type }), filename);
}

/** The largest <svg> inside a container (recharts renders small icon svgs in legends too). */
export function findChartSvg(container: HTMLElement): SVGSVGElement | null {
  const svgs = [...container.querySelectorAll("svg")];
  let best: SVGSVGElement | null = null;
  let area = -1;
  for (const s of svgs) {
    const r = s.getBoundingClientRect();
    if (r.width * r.height > area) {
      area = r.width * r.height;
      best = s;
    }
  }
  return best;
}

/**
 * A standalone SVG document of a rendered chart: a clone with explicit size, the xmlns attributes, a white
 * background, an optional title line, and computed text styles inlined (fonts come from CSS otherwise).
 */
export function serializeSvg(svg: SVGSVGElement, title?: string): { text: string; width: number; height: number } {
  const rect = svg.getBoundingClientRect();
  const width = Math.ceil(rect.width);
  const titleHeight = title ? 24 : 0;
  const height = Math.ceil(rect.height) + titleHeight;
  const clone = svg.cloneNode(true) as SVGSVGElement;
  const srcTexts = svg.querySelectorAll("text");
  clone.querySelectorAll("text").forEach((t, i) => {
    const cs = getComputedStyle(srcTexts[i]);
    t.setAttribute("font-family", cs.fontFamily || "sans-serif");
    t.setAttribute("font-size", cs.fontSize || "12px");
    if (!t.getAttribute("fill")) t.setAttribute("fill", cs.fill && cs.fill !== "none" ? cs.fill : "#334155");
  });
  const ns = "http://www.w3.org/2000/svg";
  const root = document.createElementNS(ns, "svg");
  root.setAttribute("xmlns", ns);
  root.setAttribute("xmlns:xlink", "http://www.w3.org/1999/xlink");
  root.setAttribute("width", String(width));
  root.setAttribute("height", String(height));
  root.setAttribute("viewBox", `0 0 ${width} ${height}`);
  const bg = document.createElementNS(ns, "rect");
  bg.setAttribute("width", "100%");
  bg.setAttribute("height", "100%");
  bg.setAttribute("fill", "#ffffff");
  root.appendChild(bg);
  if (title) {
    const t = document.createElementNS(ns, "text");
    t.setAttribute("x", "8");
    t.setAttribute("y", "17");
    t.setAttribute("font-family", "sans-serif");
    t.setAttribute("font-size", "14px");
    t.setAttribute("font-weight", "600");
    t.setAttribute("fill", "#0f172a");
    t.textContent = title;
    root.appendChild(t);
  }
  const g = document.createElementNS(ns, "g");
  g.setAttribute("transform", `translate(0 ${titleHeight})`);
  clone.removeAttribute("class");
  clone.setAttribute("width", String(Math.ceil(rect.width)));
  clone.setAttribute("height", String(Math.ceil(rect.height)));
  g.appendChild(clone);
  root.appendChild(g);
  return { text: new XMLSerializer().serializeToString(root), width, height };
}

/** Rasterises an SVG document to a PNG blob at `scale` × its size (2 = crisp on high-DPI screens). */
export async function svgToPng(svgText: string, width: number, height: number, scale = 2): Promise<Blob> {
  const url = URL.createObjectURL(new Blob([svgText], { type: "image/svg+xml;charset=utf-8" }));
  try {
    const img = new Image();
    await new Promise<void>((resolve, reject) => {
      img.onload = () => resolve();
      img.onerror = () => reject(new Error("the chart could not be rendered to an image"));
      img.src = url;
    });
    const canvas = document.createElement("canvas");
    canvas.width = Math.round(width * scale);
    canvas.height = Math.round(height * scale);
    const ctx = canvas.getContext("2d");
    if (!ctx) throw new Error("no 2D canvas");
    ctx.fillStyle = "#ffffff";
    ctx.fillRect(0, 0, canvas.width, canvas.height);
    ctx.scale(scale, scale);
    ctx.drawImage(img, 0, 0, width, height);
    return await new Promise<Blob>((resolve, reject) =>
      canvas.toBlob((b) => (b ? resolve(b) : reject(new Error("PNG encoding failed"))), "image/png"),
    );
  } finally {
    URL.revokeObjectURL(url);
  }
}

/** A file-name-safe slug. */
export function fileSlug(s: string): string {
  return s.toLowerCase().replace(/[^a-z0-9]+/g, "-").replace(/^-|-$/g, "") || "chart";
}
