/**
 * A streaming CSV parser (RFC 4180): comma-separated, fields optionally in double quotes, `""` for a quote inside
 * quotes, newlines allowed inside quoted fields, LF or CRLF row ends. Each row comes with the line it starts on; a
 * row with a stray quote or text after a closing quote comes back with `error` and parsing continues.
 */
import { textChunks } from "./readers";

export type CsvRow = { line: number; fields: string[]; error?: string };

export async function* readCsv(file: string, onBytes: (n: number) => void): AsyncGenerator<CsvRow> {
  let fields: string[] = [];
  let field = "";
  let inQuotes = false;
  let afterQuote = false;
  let rowLine = 1;
  let line = 1;
  let error: string | undefined;
  let rowHasContent = false;
  let pendingCr = false;
  const endRow = (): CsvRow | null => {
    fields.push(field);
    const row: CsvRow = { line: rowLine, fields, ...(error ? { error } : {}) };
    const empty = !rowHasContent && fields.length === 1 && field === "";
    fields = [];
    field = "";
    error = undefined;
    afterQuote = false;
    rowHasContent = false;
    rowLine = line;
    return empty ? null : row;
  };
  for await (const chunk of textChunks(file, onBytes)) {
    const out: CsvRow[] = [];
    let i = 0;
    while (i < chunk.length) {
      const ch = chunk[i];
      if (pendingCr) {
        pendingCr = false;
        if (ch === "\n") {
          i++;
          continue;
        }
      }
      if (inQuotes) {
        if (ch === '"') {
          if (i + 1 < chunk.length) {
            if (chunk[i + 1] === '"') {
              field += '"';
              i += 2;
              continue;
            }
            inQuotes = false;
            afterQuote = true;
            i++;
            continue;
          }
          // The quote is the chunk's last character: decide with the next chunk.
          inQuotes = false;
          afterQuote = true;
          i++;
          continue;
        }
        if (ch === "\n") line++;
        // Copy a run of ordinary characters at once.
        let j = i + 1;
        while (j < chunk.length && chunk[j] !== '"' && chunk[j] !== "\n") j++;
        field += chunk.slice(i, j);
        i = j;
        continue;
      }
      if (ch === ",") {
        fields.push(field);
        field = "";
        afterQuote = false;
        rowHasContent = true;
        i++;
      } else if (ch === "\n" || ch === "\r") {
        line++;
        const r = endRow();
        if (r) out.push(r);
        if (ch === "\r") pendingCr = true;
        i++;
      } else if (ch === '"') {
        if (afterQuote) {
          // `""` split across chunks, or `"a""b"`: a literal quote inside the quoted field.
          field += '"';
          inQuotes = true;
          afterQuote = false;
        } else if (field === "") {
          inQuotes = true;
        } else {
          error ??= `malformed CSV: a quote inside an unquoted field (column ${fields.length + 1})`;
          field += ch;
        }
        rowHasContent = true;
        i++;
      } else {
        if (afterQuote) error ??= `malformed CSV: text after a closing quote (column ${fields.length + 1})`;
        let j = i + 1;
        while (j < chunk.length && chunk[j] !== "," && chunk[j] !== "\n" && chunk[j] !== "\r" && chunk[j] !== '"') j++;
        field += chunk.slice(i, j);
        rowHasContent = true;
        i = j;
      }
    }
    for (const r of out) yield r;
  }
  if (inQuotes) {
    error ??= "malformed CSV: a quoted field is not closed before the end of the file";
  }
  const last = endRow();
  if (last) yield last;
}
