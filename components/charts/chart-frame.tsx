"use client";
/**
 * A titled chart card with "PNG" / "SVG" download buttons. The children render the chart (recharts or plain SVG);
 * the buttons serialize the largest <svg> inside the card body.
 */
import { useRef, useState, type ReactNode } from "react";
import { downloadBlob, downloadText, fileSlug, findChartSvg, serializeSvg, svgToPng } from "./export";

export interface ChartFrameProps {
  title: string;
  /** One line under the title: units, method, what a value means. */
  subtitle?: ReactNode;
  /** Download file name without extension (default: the title). */
  filename?: string;
  /** Marks demo data visibly. */
  demo?: boolean;
  testId?: string;
  children: ReactNode;
}

export function ChartFrame({ title, subtitle, filename, demo, testId, children }: ChartFrameProps) {
  const body = useRef<HTMLDivElement>(null);
  const [error, setError] = useState<string | null>(null);
  const name = fileSlug(filename ?? title);
  const fullTitle = demo ? `${title} (demo data)` : title;

  const exportAs = async (kind: "svg" | "png") => {
    setError(null);
    const svg = body.current ? findChartSvg(body.current) : null;
    if (!svg) {
      setError("nothing to export yet");
      return;
    }
    const doc = serializeSvg(svg, fullTitle);
    try {
      if (kind === "svg") downloadText(doc.text, `${name}.svg`, "image/svg+xml");
      else downloadBlob(await svgToPng(doc.text, doc.width, doc.height), `${name}.png`);
    } catch (err) {
      setError(err instanceof Error ? err.message : String(err));
    }
  };

  return (
    <section className="rounded-lg border border-slate-200 bg-white p-3 shadow-sm sm:p-4" data-testid={testId} aria-label={title}>
      <div className="mb-2 flex flex-wrap items-start justify-between gap-2">
        <div className="min-w-0">
          <h3 className="font-semibold text-slate-900">
            {title}
            {demo ? <span className="ml-2 rounded bg-amber-100 px-1.5 py-0.5 text-xs font-medium text-amber-800">demo</span> : null}
          </h3>
          {subtitle ? <p className="text-xs text-slate-600">{subtitle}</p> : null}
        </div>
        <div className="flex shrink-0 gap-1 text-xs">
          <button type="button" className="rounded border border-slate-300 px-2 py-1 hover:bg-slate-50" onClick={() => void exportAs("png")}>
            PNG
          </button>
          <button type="button" className="rounded border border-slate-300 px-2 py-1 hover:bg-slate-50" onClick={() => void exportAs("svg")}>
            SVG
          </button>
        </div>
      </div>
      {error ? <p className="text-xs text-red-700" role="alert">{error}</p> : null}
      <div ref={body}>{children}</div>
    </section>
  );
}
