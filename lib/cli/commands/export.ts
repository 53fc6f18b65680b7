import { createWriteStream } from "node:fs";
import type { CliCommand } from "../types";
import { UsageError } from "../types";
import { flagString, parseArgs } from "../args";
import { withCliDb } from "../db";

const usage = `usage: npm run -s concord -- export votes|battles [--format jsonl|csv|fastchat] [--out FILE]
       [--set SLUG] [--category C] [--voter-kind human|judge] [--judge SLUG] [--since DATE] [--until DATE]
       [--public [--salt S] [--include-private]]
  jsonl/csv use the generic import layout (README: "Exporting"), so an export re-imports with \`import csv\`.
  fastchat writes clean-battle records (model_a = the system shown on the left).
  --public replaces voter ids by salted hashes (salt: --salt, else the export.salt setting) and leaves out the
  texts of live battles unless --include-private.`;

const command: CliCommand = {
  name: "export",
  summary: "export votes or battles (jsonl, csv, fastchat)",
  usage,
  async run(args, io) {
    const p = parseArgs(args, {
      values: ["format", "out", "set", "category", "voter-kind", "judge", "since", "until", "salt"],
      booleans: ["public", "include-private"],
    });
    const kind = p.positional[0];
    if (kind !== "votes" && kind !== "battles") throw new UsageError(`expected votes or battles, got "${kind ?? ""}"`);
    const format = flagString(p, "format") ?? "jsonl";
    if (format !== "jsonl" && format !== "csv" && format !== "fastchat") throw new UsageError(`--format must be jsonl, csv or fastchat`);
    const voterKind = flagString(p, "voter-kind");
    if (voterKind !== undefined && voterKind !== "human" && voterKind !== "judge") throw new UsageError("--voter-kind must be human or judge");
    const date = (name: string) => {
      const v = flagString(p, name);
      if (v === undefined) return undefined;
      const d = new Date(v);
      if (Number.isNaN(d.getTime())) throw new UsageError(`--${name} is not a date: "${v}"`);
      return d;
    };
    const opts = {
      format: format as "jsonl" | "csv" | "fastchat",
      set: flagString(p, "set"),
      category: flagString(p, "category"),
      voterKind: voterKind as "human" | "judge" | undefined,
      judge: flagString(p, "judge"),
      since: date("since"),
      until: date("until"),
      publicRelease: p.flags.has("public"),
      includePrivate: p.flags.has("include-private"),
      salt: flagString(p, "salt"),
    };
    const { exportLines } = await import("@/lib/exporters");
    const outPath = flagString(p, "out");
    return withCliDb(async ({ db }) => {
      const file = outPath ? createWriteStream(outPath) : null;
      const out = file ?? io.stdout;
      let n = 0;
      for await (const line of exportLines(db, kind, opts)) {
        n++;
        if (!out.write(line)) await new Promise<void>((r) => (out as NodeJS.EventEmitter).once("drain", () => r()));
      }
      if (file) {
        await new Promise<void>((resolve, reject) => {
          file.once("error", reject);
          file.end(() => resolve());
        });
        io.stderr.write(`wrote ${n} lines to ${outPath}\n`);
      }
      return 0;
    });
  },
};

export default command;
