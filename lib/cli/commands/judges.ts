import type { CliCommand } from "../types";
import { UsageError } from "../types";
import { flagString, parseArgs } from "../args";
import { withCliDb } from "../db";
import { sliceSchema } from "@/lib/validation/slice";
import { getJudgeLeaderboard, toMachineJson } from "@/lib/judges/dashboard/service";
import type { JudgeLeaderboard } from "@/lib/judges/dashboard/types";

const usage = `usage: npm run -s concord -- judges [--set SLUG] [--category C] [--language L] [--from YYYY-MM-DD] [--to YYYY-MM-DD]
                                  [--exclude-flagged] [--format table|json]
  The judge leaderboard: every judge ranked by Kendall τ between its Bradley–Terry ranking and the crowd's on the
  slice, with MT-Bench agreement (with/without ties), Cohen's κ, position consistency and the crowd's human–human
  agreement (the ceiling). --format json prints {"judges":[…],"human_human":{…}} (same as GET /api/judges).`;

const f = (x: number | null, digits = 3) => (x === null ? "—" : x.toFixed(digits));

function table(lb: JudgeLeaderboard): string {
  const head = ["judge", "tau", "tau 95% CI", "rho", "agree", "agree-noties", "n", "kappa", "pos-cons", "systems", "battles"];
  const rows = lb.judges.map((j) => [
    j.judge,
    f(j.kendallTau),
    j.tauCiLow === null ? "—" : `[${f(j.tauCiLow, 2)}, ${f(j.tauCiHigh, 2)}]`,
    f(j.spearman),
    f(j.agreement),
    f(j.agreementNoTies),
    String(j.nAgreement),
    f(j.kappa),
    f(j.positionConsistency),
    String(j.systems),
    String(j.battles) + (j.warnings.length ? " *" : ""),
  ]);
  const hh = lb.humanHuman;
  rows.push(["(human–human)", "", "", "", f(hh.agreement), f(hh.agreementNoTies), String(hh.n), f(hh.kappa), "", "", ""]);
  const widths = head.map((h, i) => Math.max(h.length, ...rows.map((r) => r[i].length)));
  const line = (r: string[]) => r.map((c, i) => (i === 0 ? c.padEnd(widths[i]) : c.padStart(widths[i]))).join("  ");
  const notes = lb.judges.flatMap((j) => j.warnings.map((w) => `* ${j.judge}: ${w}`));
  return [line(head), ...rows.map(line), ...notes].join("\n") + "\n";
}

const command: CliCommand = {
  name: "judges",
  summary: "judge leaderboard: how closely each judge ranks like the crowd",
  usage,
  async run(args, io) {
    const p = parseArgs(args, { values: ["set", "category", "language", "from", "to", "format"], booleans: ["exclude-flagged"] });
    if (p.positional.length) throw new UsageError(`unexpected argument "${p.positional[0]}"`);
    const format = flagString(p, "format") ?? "table";
    if (format !== "table" && format !== "json") throw new UsageError(`--format is table or json, got "${format}"`);
    const parsed = sliceSchema.safeParse({
      set: flagString(p, "set"),
      category: flagString(p, "category"),
      language: flagString(p, "language"),
      from: flagString(p, "from"),
      to: flagString(p, "to"),
      excludeFlagged: p.flags.has("exclude-flagged"),
    });
    if (!parsed.success) throw new UsageError(parsed.error.issues.map((i) => i.message).join("; "));
    return withCliDb(async () => {
      const lb = await getJudgeLeaderboard(parsed.data);
      io.stdout.write(format === "json" ? JSON.stringify(toMachineJson(lb), null, 2) + "\n" : table(lb));
      return 0;
    });
  },
};

export default command;
