/**
 * Postgres array literals (`{1,2,NULL}`, `{"a","b \"c\""}`) built by hand for the bulk inserts' `unnest($n::int[])`
 * parameters. One string per column is what both drivers pass through fastest: node-postgres' generic array
 * serializer (prepareValue/escapeElement per element) cost ~10 µs per vote row, several times this, and Prisma's raw
 * queries handle one string parameter in constant time. The server parses the literal with array_in.
 */

const NEEDS_ESCAPE = /["\\]/;
const ESCAPE = /["\\]/g;

function quote(s: string): string {
  return NEEDS_ESCAPE.test(s) ? `"${s.replace(ESCAPE, "\\$&")}"` : `"${s}"`;
}

/** `{"a","b",NULL}` for a text[] (or any type parsed from text: jsonb[], enum[], timestamptz[] …). */
export function textArray(values: readonly (string | null)[]): string {
  let out = "{";
  for (let i = 0; i < values.length; i++) {
    const v = values[i];
    if (i > 0) out += ",";
    out += v === null ? "NULL" : quote(v);
  }
  return out + "}";
}

/** `{1,2,NULL}` for an int[]; every value must be an integer or null. */
export function intArray(values: readonly (number | null)[]): string {
  let out = "{";
  for (let i = 0; i < values.length; i++) {
    const v = values[i];
    if (i > 0) out += ",";
    if (v === null) out += "NULL";
    else if (Number.isInteger(v)) out += String(v);
    else throw new Error(`not an integer: ${String(v)}`);
  }
  return out + "}";
}

/** `{t,f}` for a bool[]. */
export function boolArray(values: readonly boolean[]): string {
  let out = "{";
  for (let i = 0; i < values.length; i++) out += (i > 0 ? "," : "") + (values[i] ? "t" : "f");
  return out + "}";
}

/** One column of `rows` as a text[] literal. */
export const textCol = <T>(rows: readonly T[], f: (r: T) => string | null): string => textArray(rows.map(f));
/** One column of `rows` as an int[] literal. */
export const intCol = <T>(rows: readonly T[], f: (r: T) => number | null): string => intArray(rows.map(f));
