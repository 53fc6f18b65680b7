import type { CliCommand } from "../types";
import { UsageError } from "../types";
import { withCliDb } from "../db";
import { runVoterFlagging } from "@/lib/voters/service";

const usage = `usage: npm run -s concord -- voters flag [--min-votes N] [--z Z] [--dry-run]
  flag   score every human voter against the crowd's Bradley-Terry model and set Voter.flagged on outliers
         (mean log-likelihood z-score ≤ −Z over ≥ N decisive votes; defaults N = 15, Z = 3; lib/voters/flagging.ts)`;

const command: CliCommand = {
  name: "voters",
  summary: "flag outlier voters",
  usage,
  async run(args, io) {
    const [sub, ...rest] = args;
    if (sub !== "flag") throw new UsageError("expected flag");
    const opts: { minVotes?: number; zThreshold?: number; dryRun?: boolean } = {};
    for (let i = 0; i < rest.length; i++) {
      const num = () => {
        const v = Number(rest[++i]);
        if (!Number.isFinite(v) || v <= 0) throw new UsageError(`${rest[i - 1]} needs a positive number`);
        return v;
      };
      if (rest[i] === "--min-votes") opts.minVotes = Math.floor(num());
      else if (rest[i] === "--z") opts.zThreshold = num();
      else if (rest[i] === "--dry-run") opts.dryRun = true;
      else throw new UsageError(`unknown option ${rest[i]}`);
    }
    return withCliDb(async () => {
      const r = await runVoterFlagging(opts);
      io.stdout.write(`${r.scored} voters scored over ${r.votes} human votes; ${r.flagged.length} flagged${opts.dryRun ? " (dry run, nothing written)" : ""}\n`);
      for (const s of r.flagged) io.stdout.write(`  voter ${s.voterId}: ${s.reason}\n`);
      return 0;
    });
  },
};

export default command;
