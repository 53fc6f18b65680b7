"use client";
/**
 * A square matrix heatmap in plain SVG (recharts has none): rows and columns labelled, every cell with a hover
 * readout (and a <title> for the exported file). NaN cells are drawn grey. Values print inside cells when n ≤ 12.
 */
import { useState } from "react";

export interface HeatmapProps {
  rows: string[];
  cols: string[];
  /** values[i][j]: row i, column j. */
  values: number[][];
  /** Colour scale: `diverging` around `mid` (win rates), or `sequential` from 0 (counts). */
  scale: "diverging" | "sequential";
  min?: number;
  max?: number;
  mid?: number;
  format: (v: number) => string;
  /** Describes a cell for the hover readout, e.g. (r, c, v) => `${r} beats ${c} ${v}`. */
  describe: (row: string, col: string, value: string) => string;
  rowAxis: string;
  colAxis: string;
}

function lerp(a: number, b: number, t: number) {
  return Math.round(a + (b - a) * t);
}

function colour(v: number, p: HeatmapProps, lo: number, hi: number): string {
  if (!Number.isFinite(v)) return "#e2e8f0";
  if (p.scale === "sequential") {
    const t = hi > lo ? Math.min(1, Math.max(0, (v - lo) / (hi - lo))) : 0;
    return `rgb(${lerp(239, 30, t)},${lerp(246, 64, t)},${lerp(255, 175, t)})`;
  }
  const mid = p.mid ?? (lo + hi) / 2;
  if (v >= mid) {
    const t = hi > mid ? Math.min(1, (v - mid) / (hi - mid)) : 0;
    return `rgb(${lerp(247, 33, t)},${lerp(247, 102, t)},${lerp(247, 172, t)})`;
  }
  const t = mid > lo ? Math.min(1, (mid - v) / (mid - lo)) : 0;
  return `rgb(${lerp(247, 178, t)},${lerp(247, 24, t)},${lerp(247, 43, t)})`;
}

function textColour(bg: string): string {
  const m = /rgb\((\d+),(\d+),(\d+)\)/.exec(bg);
  if (!m) return "#0f172a";
  const l = 0.299 * Number(m[1]) + 0.587 * Number(m[2]) + 0.114 * Number(m[3]);
  return l < 140 ? "#ffffff" : "#0f172a";
}

export function Heatmap(props: HeatmapProps) {
  const { rows, cols, values, format, describe } = props;
  const [hover, setHover] = useState<string | null>(null);
  const finite = values.flat().filter(Number.isFinite);
  const lo = props.min ?? (finite.length ? Math.min(...finite) : 0);
  const hi = props.max ?? (finite.length ? Math.max(...finite) : 1);
  const n = Math.max(rows.length, cols.length);
  const cell = n <= 8 ? 48 : n <= 12 ? 38 : n <= 30 ? 18 : 8;
  const showText = n <= 12;
  const labelChars = Math.max(...rows.map((r) => r.length), ...cols.map((c) => c.length), 4);
  const left = Math.min(170, 14 + labelChars * 6.2);
  const top = Math.min(150, 14 + labelChars * 4.6);
  // rotated column labels reach up to ~0.6 × their length to the right of the last column
  const width = left + cols.length * cell + 8 + Math.min(90, labelChars * 3.8);
  const height = top + rows.length * cell + 8;
  return (
    <div className="space-y-1">
      <p className="min-h-5 text-xs text-slate-700" aria-live="polite" data-testid="heatmap-hover">
        {hover ?? "Hover a cell to read its value."}
      </p>
      <div className="overflow-x-auto">
        <svg width={width} height={height} role="img" aria-label={`${props.rowAxis} (rows) against ${props.colAxis} (columns)`}>
          <text x={4} y={12} fontSize={10} fill="#64748b">
            rows: {props.rowAxis}; columns: {props.colAxis}
          </text>
          {cols.map((c, j) => (
            <text
              key={`c${j}`}
              transform={`translate(${left + j * cell + cell / 2 + 3} ${top - 4}) rotate(-55)`}
              fontSize={10}
              fill="#334155"
            >
              {c}
            </text>
          ))}
          {rows.map((r, i) => (
            <text key={`r${i}`} x={left - 4} y={top + i * cell + cell / 2 + 3} fontSize={10} textAnchor="end" fill="#334155">
              {r}
            </text>
          ))}
          {rows.map((r, i) =>
            cols.map((c, j) => {
              const v = values[i]?.[j] ?? NaN;
              const bg = colour(v, props, lo, hi);
              const text = Number.isFinite(v) ? format(v) : "–";
              const label = describe(r, c, text);
              return (
                <g key={`${i}-${j}`} onMouseEnter={() => setHover(label)} onFocus={() => setHover(label)} tabIndex={-1}>
                  <rect x={left + j * cell} y={top + i * cell} width={cell - 1} height={cell - 1} fill={bg}>
                    <title>{label}</title>
                  </rect>
                  {showText && Number.isFinite(v) ? (
                    <text
                      x={left + j * cell + (cell - 1) / 2}
                      y={top + i * cell + (cell - 1) / 2 + 3.5}
                      fontSize={cell >= 48 ? 11 : 9}
                      textAnchor="middle"
                      fill={textColour(bg)}
                      pointerEvents="none"
                    >
                      {text}
                    </text>
                  ) : null}
                </g>
              );
            }),
          )}
        </svg>
      </div>
    </div>
  );
}
