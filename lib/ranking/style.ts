import { createRng } from "../random";
import { choleskyFactor } from "./linalg";
import { contextHessian, fitContextual, refitContextual, type ContextRows } from "./contextual";
import { multinomial } from "./sampling";
import { percentileInterval } from "./quantile";
import { DEFAULT_SCALE, type Battle, type RatingScale } from "./types";

/** Markdown style of one answer (Chatbot Arena style control features). */
export interface StyleFeatures {
  tokens: number;
  headers: number;
  listItems: number;
  bold: number;
}

export const STYLE_FEATURE_NAMES: readonly (keyof StyleFeatures)[] = ["tokens", "headers", "listItems", "bold"];

/**
 * Style features of a markdown answer, following FastChat `fastchat/serve/monitor/add_markdown_info.py`: fenced code
 * blocks (``` or ~~~) are removed before counting headers (lines `#`…`######` + space), list items (lines starting
 * with `-`, `*`, `+` or `1.` + space) and bold spans (`**…**`, `__…__`, single line). Tokens approximate the
 * tokenizer count by splitting the whole answer into words and punctuation marks (/[\p{L}\p{N}_]+|[^\s\p{L}\p{N}_]/gu);
 * FastChat uses tiktoken, so absolute values differ but the normalised differences behave alike.
 */
export function styleFeatures(markdown: string): StyleFeatures {
  const tokens = (markdown.match(/[\p{L}\p{N}_]+|[^\s\p{L}\p{N}_]/gu) ?? []).length;
  const stripped = markdown.replace(/^(```|~~~)[^\n]*\n[\s\S]*?^\1[^\n]*$/gm, "").replace(/^(```|~~~)[\s\S]*$/m, "");
  let headers = 0;
  let listItems = 0;
  for (const line of stripped.split("\n")) {
    if (/^\s{0,3}#{1,6}\s+\S/.test(line)) headers++;
    else if (/^\s*(?:[-*+]|\d+[.)])\s+\S/.test(line)) listItems++;
  }
  const bold = (stripped.match(/\*\*[^*\n]+\*\*/g) ?? []).length + (stripped.match(/__[^_\n]+__/g) ?? []).length;
  return { tokens, headers, listItems, bold };
}

/** A battle with the style of both answers. */
export interface StyleBattle extends Battle {
  styleA: StyleFeatures;
  styleB: StyleFeatures;
}

/**
 * Style design matrix: per battle and feature d = (f_a − f_b)/(f_a + f_b + 1), then scaled across battles to unit
 * root-mean-square, z = d / sqrt(mean(d²)) (a constant-zero column stays 0). FastChat also subtracts the mean, which
 * is harmless there because arena battles come in random order (mean ≈ 0); we do not centre, so swapping a battle's
 * a and b negates its row exactly and the fit does not depend on the order battles are listed in (a canonical
 * order would otherwise add a constant bonus to the first-listed system). `means` are therefore all 0.
 * Source: FastChat `elo_analysis.py` style control
 * (`get_style_features` / `fit_mle_elo` with `style_control`), LMArena blog 2024. Identical (a, b, features, outcome)
 * rows are grouped, so the fit and bootstrap cost scales with unique rows.
 */
export function styleRows(battles: StyleBattle[], features: readonly (keyof StyleFeatures)[] = STYLE_FEATURE_NAMES): {
  rows: ContextRows;
  systems: string[];
  means: number[];
  sds: number[];
} {
  const systems = [...new Set(battles.flatMap((b) => [b.a, b.b]))].sort();
  const index = new Map(systems.map((s, i) => [s, i]));
  const F = features.length;
  const N = battles.length;
  const d = new Float64Array(N * F);
  battles.forEach((bt, r) => features.forEach((f, k) => {
    const fa = bt.styleA[f];
    const fb = bt.styleB[f];
    d[r * F + k] = (fa - fb) / (fa + fb + 1);
  }));
  const means: number[] = [];
  const sds: number[] = [];
  for (let k = 0; k < F; k++) {
    const m = 0;
    let v = 0;
    for (let r = 0; r < N; r++) v += (d[r * F + k] - m) ** 2;
    const sd = Math.sqrt(v / (N || 1));
    means.push(m);
    sds.push(sd);
    for (let r = 0; r < N; r++) d[r * F + k] = sd > 0 ? (d[r * F + k] - m) / sd : 0;
  }
  const groups = new Map<string, number>();
  const a: number[] = [];
  const b: number[] = [];
  const x: number[] = [];
  const y: number[] = [];
  const count: number[] = [];
  const w: number[] = [];
  battles.forEach((bt, r) => {
    const yr = bt.outcome === "a" ? 1 : bt.outcome === "b" ? 0 : 0.5;
    const xs = Array.from(d.subarray(r * F, r * F + F));
    const key = `${bt.a}\u0000${bt.b}\u0000${yr}\u0000${xs.join(",")}`;
    const g = groups.get(key);
    const wt = bt.weight ?? 1;
    if (g !== undefined) {
      count[g]++;
      w[g] += wt;
      return;
    }
    groups.set(key, a.length);
    a.push(index.get(bt.a)!);
    b.push(index.get(bt.b)!);
    x.push(...xs);
    y.push(yr);
    count.push(1);
    w.push(wt);
  });
  const rows: ContextRows = {
    nSystems: systems.length,
    nFeatures: F,
    a: Int32Array.from(a),
    b: Int32Array.from(b),
    x: Float64Array.from(x),
    y: Float64Array.from(y),
    count: Float64Array.from(count),
    w: Float64Array.from(w),
  };
  return { rows, systems, means, sds };
}

export interface StyleControlResult {
  method: "bootstrap" | "none";
  level: number;
  rounds: number;
  seed: number;
  systems: string[];
  /** Style-controlled ratings (mean `scale.init`). */
  ratings: number[];
  ciLow: number[];
  ciHigh: number[];
  /** Style coefficients in logit units per SD of the normalised difference. */
  coefficients: { feature: string; value: number; ciLow: number; ciHigh: number }[];
  uniqueRows: number;
  battles: number;
  /** Features left out of the fit because their normalised difference is 0 in every battle (coefficient 0). */
  dropped: string[];
}

/**
 * Style-controlled Bradley–Terry (Chatbot Arena style control, LMArena blog "Does Style Matter?", Aug 2024):
 * logit P(a beats b) = θ_a − θ_b + Σ_f γ_f·z_f with z the z-scored normalised style differences (`styleRows`);
 * ratings R = init + scale·θ/ln base, bootstrap CIs by multinomial resampling of the grouped rows (seeded, percentile,
 * chord refits warm-started from the point estimate).
 */
export function styleControl(
  battles: StyleBattle[],
  opts: { rounds?: number; seed?: number; level?: number; ridge?: number; scale?: RatingScale; features?: readonly (keyof StyleFeatures)[] } = {},
): StyleControlResult {
  const requested = opts.features ?? STYLE_FEATURE_NAMES;
  // A feature that never differs within a battle has an all-zero column and no information: fitting it would
  // leave the Hessian singular, so it is left out and reported with coefficient 0.
  const probe = styleRows(battles, requested);
  const features = requested.filter((_, k) => probe.sds[k] > 0);
  const dropped = requested.filter((_, k) => !(probe.sds[k] > 0)).map(String);
  const { rows, systems } = features.length === requested.length ? probe : styleRows(battles, features);
  const ridge = opts.ridge ?? 0;
  const sc = opts.scale ?? DEFAULT_SCALE;
  const rounds = opts.rounds ?? 1000;
  const seed = opts.seed ?? 0;
  const level = opts.level ?? 0.95;
  const n = systems.length;
  const F = features.length;
  const point = fitContextual(rows, { ridge }).theta;
  const f = sc.scale / Math.log(sc.base);
  const toRating = (t: number): number => sc.init + f * t;
  const samples: Float64Array[] = [];
  if (rounds > 0) {
    const fac = choleskyFactor(contextHessian(rows, point, ridge), n + F);
    if (!fac) throw new Error("style-control Hessian is not positive definite");
    const rng = createRng(seed);
    const drawn = new Float64Array(rows.count.length);
    const wts = new Float64Array(rows.count.length);
    let total = 0;
    for (let r = 0; r < rows.count.length; r++) total += rows.count[r];
    for (let k = 0; k < rounds; k++) {
      multinomial(rng, total, rows.count, drawn);
      for (let r = 0; r < drawn.length; r++) wts[r] = (drawn[r] * rows.w[r]) / rows.count[r];
      samples.push(refitContextual(rows, wts, point, fac, ridge, 1e-7));
    }
  }
  const interval = (i: number, map: (t: number) => number): [number, number] => {
    if (!samples.length) return [map(point[i]), map(point[i])];
    return percentileInterval(samples.map((s) => map(s[i])), level);
  };
  const ratings = systems.map((_, i) => toRating(point[i]));
  const cis = systems.map((_, i) => interval(i, toRating));
  return {
    method: rounds > 0 ? "bootstrap" : "none",
    level,
    rounds,
    seed,
    systems,
    ratings,
    ciLow: cis.map((c) => c[0]),
    ciHigh: cis.map((c) => c[1]),
    coefficients: requested.map((name) => {
      const k = features.indexOf(name);
      if (k < 0) return { feature: name, value: 0, ciLow: 0, ciHigh: 0 };
      const [lo, hi] = interval(n + k, (t) => t);
      return { feature: name, value: point[n + k], ciLow: lo, ciHigh: hi };
    }),
    uniqueRows: rows.a.length,
    battles: battles.length,
    dropped,
  };
}
