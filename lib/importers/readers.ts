/**
 * Streaming readers with line numbers: lines of a text file, records of a JSONL file, and elements of a top-level
 * JSON array (an incremental parser: it splits the array into element texts by tracking depth and strings, and
 * JSON.parses one element at a time, so memory stays bounded by the largest element, never the file).
 */
import { createReadStream } from "node:fs";
import { open } from "node:fs/promises";
import { StringDecoder } from "node:string_decoder";

export type RawRecord = { line: number; value: unknown; error?: undefined } | { line: number; error: string; value?: undefined };

/** Decoded text chunks of a file; reports raw bytes read. */
export async function* textChunks(file: string, onBytes: (n: number) => void): AsyncGenerator<string> {
  const decoder = new StringDecoder("utf8");
  let first = true;
  for await (const buf of createReadStream(file, { highWaterMark: 1 << 20 }) as AsyncIterable<Buffer>) {
    onBytes(buf.length);
    let text = decoder.write(buf);
    if (first) {
      if (text.charCodeAt(0) === 0xfeff) text = text.slice(1);
      first = false;
    }
    if (text) yield text;
  }
  const rest = decoder.end();
  if (rest) yield rest;
}

/** Lines without their terminator (\n or \r\n), with 1-based numbers. */
export async function* readLines(file: string, onBytes: (n: number) => void): AsyncGenerator<{ line: number; text: string }> {
  let carry = "";
  let line = 0;
  for await (const chunk of textChunks(file, onBytes)) {
    const text = carry + chunk;
    let start = 0;
    for (let nl = text.indexOf("\n", start); nl >= 0; nl = text.indexOf("\n", start)) {
      line++;
      const end = nl > start && text.charCodeAt(nl - 1) === 13 ? nl - 1 : nl;
      yield { line, text: text.slice(start, end) };
      start = nl + 1;
    }
    carry = text.slice(start);
  }
  if (carry.length > 0) yield { line: line + 1, text: carry.endsWith("\r") ? carry.slice(0, -1) : carry };
}

/** JSONL records; blank lines are skipped, malformed ones come back with `error`. */
export async function* readJsonl(file: string, onBytes: (n: number) => void): AsyncGenerator<RawRecord> {
  for await (const { line, text } of readLines(file, onBytes)) {
    if (text.trim() === "") continue;
    try {
      yield { line, value: JSON.parse(text) as unknown };
    } catch (err) {
      yield { line, error: `malformed JSON: ${err instanceof Error ? err.message : String(err)}` };
    }
  }
}

/** The first non-whitespace character of a file ("" when empty). */
export async function firstChar(file: string): Promise<string> {
  const fh = await open(file, "r");
  try {
    const buf = Buffer.alloc(4096);
    const { bytesRead } = await fh.read(buf, 0, buf.length, 0);
    const m = /[^\s\uFEFF]/.exec(buf.subarray(0, bytesRead).toString("utf8"));
    return m ? m[0] : "";
  } finally {
    await fh.close();
  }
}

/** A JSON array file or a JSONL file, told apart by the first character. */
export async function* readJsonRecords(file: string, onBytes: (n: number) => void): AsyncGenerator<RawRecord> {
  if ((await firstChar(file)) === "[") yield* readJsonArray(file, onBytes);
  else yield* readJsonl(file, onBytes);
}

const WS = new Set([32, 9, 10, 13]);

/** Elements of a top-level JSON array, each with the line it starts on. */
export async function* readJsonArray(file: string, onBytes: (n: number) => void): AsyncGenerator<RawRecord> {
  let line = 1;
  let opened = false;
  let closed = false;
  let depth = 0;
  let inString = false;
  let escape = false;
  let started = false;
  let elemLine = 0;
  let pieces: string[] = [];
  const finish = (): RawRecord | null => {
    if (!started) return null;
    const text = pieces.join("");
    pieces = [];
    started = false;
    try {
      return { line: elemLine, value: JSON.parse(text) as unknown };
    } catch (err) {
      return { line: elemLine, error: `malformed JSON: ${err instanceof Error ? err.message : String(err)}` };
    }
  };
  for await (const chunk of textChunks(file, onBytes)) {
    if (closed) continue;
    let from = 0;
    const out: RawRecord[] = [];
    for (let i = 0; i < chunk.length; i++) {
      const c = chunk.charCodeAt(i);
      if (c === 10) line++;
      if (!opened) {
        if (WS.has(c)) continue;
        if (c !== 91 /* [ */) {
          yield { line, error: "malformed JSON: the file does not start with [" };
          return;
        }
        opened = true;
        continue;
      }
      if (inString) {
        if (escape) escape = false;
        else if (c === 92) escape = true;
        else if (c === 34) inString = false;
        continue;
      }
      if (c === 34 || c === 123 || c === 91) {
        if (c === 34) inString = true;
        else depth++;
        if (!started) {
          started = true;
          elemLine = line;
          from = i;
        }
      } else if (c === 125 || c === 93) {
        if (depth === 0 && c === 93) {
          if (started) pieces.push(chunk.slice(from, i));
          const r = finish();
          if (r) out.push(r);
          closed = true;
          break;
        }
        depth--;
      } else if (c === 44 /* , */ && depth === 0) {
        if (started) pieces.push(chunk.slice(from, i));
        const r = finish();
        if (r) out.push(r);
      } else if (!WS.has(c) && !started) {
        started = true;
        elemLine = line;
        from = i;
      }
    }
    if (started && !closed) {
      pieces.push(chunk.slice(from));
    }
    for (const r of out) yield r;
    if (started && !closed) from = 0;
  }
  if (!closed) yield { line: started ? elemLine : line, error: "malformed JSON: the array is not closed (truncated file?)" };
}
