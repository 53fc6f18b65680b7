import { readFile } from "node:fs/promises";
import type { CliCommand, CliIo } from "../types";
import { UsageError } from "../types";
import { flagNumber, flagString, parseArgs, type ParsedArgs } from "../args";
import { withCliDb } from "../db";
import { BUILTIN_TEMPLATE_IDS, cascadeSchema, judgeCreateSchema, runCreateSchema } from "@/lib/validation/judges";
import { createJudge, listJudges } from "@/lib/judges/configs/service";
import { createRun, getRun, listRuns, runAction } from "@/lib/judges/runs/service";
import { progressLine, summaryLines } from "@/lib/judges/runs/progress";
import { startWorker, workerCapacityFromEnv } from "@/lib/judges/embedded-worker";
import { runCascadeReport } from "@/lib/judges/runs/cascade";
import { issueApiKey, listApiKeys, revokeApiKey } from "@/lib/judges/apikeys/service";
import { parseTemplateText } from "@/lib/judges/core";

const usage = `usage: npm run -s concord -- judge <subcommand> …
  judge add --slug S --base-url URL --model M --template mtbench-pair-v2|mtbench-ref|arena-hard|FILE
            [--api-key-env NAME] [--name N] [--family F] [--concurrency N] [--temperature T] [--max-tokens N]
            [--timeout-ms N] [--rpm N] [--tpm N] [--price-prompt USD/M] [--price-completion USD/M]
  judge add --slug S --kind baseline --rule longer|random
  judge add --slug S --kind panel --rule majority|mean --members a,b,c   (first member breaks ties)
  judge add --slug S --kind external                                     (votes through the API with a key)
  judge list [--format json]
  judge run S [--set SLUG] [--category C] [--systems a,b] [--human-voted] [--baseline SYSTEM] [--limit N]
            [--combine mtbench|arena-hard] [--label L] [--wait] [--concurrency N] [--format json]
      Judges every selected battle in both orders. --wait runs a worker here too, draws a progress bar and
      exits with a summary when the run is finished.
  judge runs [--judge S] [--format json]
  judge status|pause|resume|cancel RUN_ID [--format json]
  judge cascade --judges cheap,strong [--alpha 0.1] [--delta 0.1] [--set SLUG] [--format json]
  judge key add S [--name N] | judge key list S | judge key revoke KEY_ID`;

const list = (v: string | undefined) => (v ? v.split(",").map((s) => s.trim()).filter(Boolean) : undefined);

function formatOf(p: ParsedArgs): "table" | "json" {
  const f = flagString(p, "format") ?? "table";
  if (f !== "table" && f !== "json") throw new UsageError(`--format is table or json, got "${f}"`);
  return f;
}

function zodUsage<T>(r: { success: true; data: T } | { success: false; error: { issues: Array<{ path: PropertyKey[]; message: string }> } }): T {
  if (!r.success) throw new UsageError(r.error.issues.map((i) => `${i.path.map(String).join(".") || "input"}: ${i.message}`).join("; "));
  return r.data;
}

async function add(p: ParsedArgs, io: CliIo): Promise<number> {
  let template = flagString(p, "template") ?? "mtbench-pair-v2";
  let customTemplate: string | undefined;
  if (!(BUILTIN_TEMPLATE_IDS as readonly string[]).includes(template)) {
    const text = await readFile(template, "utf8").catch(() => {
      throw new UsageError(`--template is a built-in (${BUILTIN_TEMPLATE_IDS.join(", ")}) or a readable file, got "${template}"`);
    });
    parseTemplateText(text, template.toLowerCase().endsWith(".json") ? "json" : "front-matter");
    customTemplate = text;
    template = "custom";
  }
  const num = (name: string) => (flagString(p, name) === undefined ? undefined : flagNumber(p, name, 0));
  const params = Object.fromEntries(
    Object.entries({ temperature: num("temperature"), maxTokens: num("max-tokens"), timeoutMs: num("timeout-ms") }).filter(([, v]) => v !== undefined),
  );
  const input = zodUsage(
    judgeCreateSchema.safeParse({
      slug: flagString(p, "slug"),
      name: flagString(p, "name"),
      kind: flagString(p, "kind") ?? "llm",
      family: flagString(p, "family") ?? "",
      baseUrl: flagString(p, "base-url"),
      model: flagString(p, "model"),
      apiKeyEnv: flagString(p, "api-key-env"),
      template,
      customTemplate,
      params,
      concurrency: num("concurrency") ?? 4,
      rpm: num("rpm") ?? null,
      tpm: num("tpm") ?? null,
      pricePromptPerM: num("price-prompt") ?? 0,
      priceCompletionPerM: num("price-completion") ?? 0,
      rule: flagString(p, "rule"),
      members: list(flagString(p, "members")),
    }),
  );
  return withCliDb(async () => {
    const j = await createJudge(input);
    io.stdout.write(formatOf(p) === "json" ? JSON.stringify(j, null, 2) + "\n" : `judge ${j.slug} added (id ${j.id}, ${j.kind})\n`);
    return 0;
  });
}

async function waitForRun(runId: number, io: CliIo, concurrency: number): Promise<Awaited<ReturnType<typeof getRun>>> {
  const { getDb, getRawSql } = await import("@/lib/db");
  const handle = startWorker(await getDb(), { runId, untilRunFinished: true, capacity: concurrency, raw: await getRawSql(), log: (l) => io.stderr.write(l + "\n") });
  const stopAll = () => handle.worker.stop();
  process.once("SIGINT", stopAll);
  process.once("SIGTERM", stopAll);
  let lastLog = 0;
  let run = await getRun(runId);
  const draw = async () => {
    run = await getRun(runId);
    if (io.isTty) io.stdout.write(`\r${progressLine(run)}\x1b[K`);
    else if (Date.now() - lastLog > 5_000) {
      lastLog = Date.now();
      io.stderr.write(progressLine(run) + "\n");
    }
  };
  const timer = setInterval(() => void draw(), 500);
  await handle.done;
  clearInterval(timer);
  await draw();
  if (io.isTty) io.stdout.write("\n");
  process.off("SIGINT", stopAll);
  process.off("SIGTERM", stopAll);
  return run;
}

async function runCmd(p: ParsedArgs, io: CliIo): Promise<number> {
  const slug = p.positional[1];
  if (!slug) throw new UsageError("judge run needs the judge's slug");
  const limit = flagString(p, "limit");
  const input = zodUsage(
    runCreateSchema.safeParse({
      judge: slug,
      label: flagString(p, "label") ?? "",
      combine: flagString(p, "combine") ?? "mtbench",
      selection: Object.fromEntries(
        Object.entries({
          set: flagString(p, "set"),
          category: flagString(p, "category"),
          systems: list(flagString(p, "systems")),
          humanVotedOnly: p.flags.has("human-voted") ? true : undefined,
          baseline: flagString(p, "baseline"),
          limit: limit === undefined ? undefined : Number(limit),
        }).filter(([, v]) => v !== undefined),
      ),
    }),
  );
  const format = formatOf(p);
  return withCliDb(async () => {
    let run = await createRun(input);
    if (format === "table") io.stdout.write(`run ${run.id}: ${run.totalTasks} tasks (${run.totalTasks / 2} battles × 2 orders), ${run.status}\n`);
    if (p.flags.has("wait") && run.status === "running") run = await waitForRun(run.id, io, flagNumber(p, "concurrency", workerCapacityFromEnv()));
    io.stdout.write(format === "json" ? JSON.stringify(run, null, 2) + "\n" : p.flags.has("wait") ? summaryLines(run) + "\n" : "");
    return run.status === "failed" ? 1 : 0;
  });
}

function table(head: string[], rows: string[][]): string {
  const widths = head.map((h, i) => Math.max(h.length, ...rows.map((r) => r[i].length)));
  return [head, ...rows].map((r) => r.map((c, i) => c.padEnd(widths[i])).join("  ").trimEnd()).join("\n") + "\n";
}

async function key(p: ParsedArgs, io: CliIo): Promise<number> {
  const [, sub, arg] = p.positional;
  return withCliDb(async () => {
    if (sub === "add" && arg) {
      const k = await issueApiKey(arg, flagString(p, "name") ?? "");
      io.stdout.write(`API key for ${arg} (shown once; store it now):\n${k.key}\n`);
    } else if (sub === "list" && arg) {
      const keys = await listApiKeys(arg);
      io.stdout.write(table(["id", "prefix", "name", "created", "last used", "revoked"], keys.map((k) => [String(k.id), k.prefix, k.name, k.createdAt, k.lastUsedAt ?? "", k.revokedAt ?? ""])));
    } else if (sub === "revoke" && arg) {
      await revokeApiKey(Number(arg));
      io.stdout.write(`key ${arg} revoked\n`);
    } else throw new UsageError("judge key add SLUG | key list SLUG | key revoke KEY_ID");
    return 0;
  });
}

const command: CliCommand = {
  name: "judge",
  summary: "LLM judges: add configs, run both-order judgments, cascades, API keys",
  usage,
  async run(args, io) {
    const p = parseArgs(args, {
      values: [
        "slug", "name", "kind", "family", "base-url", "model", "template", "api-key-env", "concurrency", "temperature", "max-tokens",
        "timeout-ms", "rpm", "tpm", "price-prompt", "price-completion", "rule", "members", "set", "category", "systems", "baseline",
        "limit", "combine", "label", "format", "judge", "judges", "alpha", "delta",
      ],
      booleans: ["wait", "human-voted"],
    });
    const sub = p.positional[0];
    const format = () => formatOf(p);
    switch (sub) {
      case "add":
        return add(p, io);
      case "run":
        return runCmd(p, io);
      case "key":
        return key(p, io);
      case "list":
        return withCliDb(async () => {
          const judges = await listJudges();
          io.stdout.write(
            format() === "json"
              ? JSON.stringify({ judges }, null, 2) + "\n"
              : table(["slug", "kind", "model", "template", "concurrency", "family"], judges.map((j) => [j.slug, j.kind, j.model ?? (j.rule ?? ""), j.template ?? "", String(j.concurrency), j.family])),
          );
          return 0;
        });
      case "runs":
        return withCliDb(async () => {
          const runs = await listRuns({ judgeSlug: flagString(p, "judge") });
          io.stdout.write(
            format() === "json"
              ? JSON.stringify({ runs }, null, 2) + "\n"
              : table(["id", "judge", "status", "tasks", "done", "failed", "unparseable", "cost"], runs.map((r) => [String(r.id), r.judge.slug, r.status, String(r.totalTasks), String(r.doneTasks), String(r.failedTasks), String(r.unparseableTasks), `$${r.costUsd.toFixed(4)}`])),
          );
          return 0;
        });
      case "status":
      case "pause":
      case "resume":
      case "cancel": {
        const id = Number(p.positional[1]);
        if (!Number.isInteger(id) || id <= 0) throw new UsageError(`judge ${sub} needs a run id`);
        return withCliDb(async () => {
          const run = sub === "status" ? await getRun(id) : await runAction(id, sub);
          io.stdout.write(format() === "json" ? JSON.stringify(run, null, 2) + "\n" : summaryLines(run) + "\n");
          return 0;
        });
      }
      case "cascade": {
        const input = zodUsage(
          cascadeSchema.safeParse({
            judges: list(flagString(p, "judges")) ?? [],
            alpha: flagNumber(p, "alpha", 0.1),
            delta: flagNumber(p, "delta", 0.1),
            set: flagString(p, "set"),
          }),
        );
        return withCliDb(async () => {
          const r = await runCascadeReport(input);
          if (format() === "json") io.stdout.write(JSON.stringify(r, null, 2) + "\n");
          else {
            io.stdout.write(`cascade ${input.judges.join(" → ")} (α ${input.alpha}, δ ${input.delta}), saved as run ${r.runId}\n`);
            io.stdout.write(`calibration battles ${r.calibrationBattles}, held-out ${r.heldOutBattles}\n`);
            r.stages.forEach((s) => io.stdout.write(`  ${s.judge}: threshold ${s.threshold ?? "never trusted"}\n`));
            io.stdout.write(`held-out: coverage ${(100 * r.heldOut.coverage).toFixed(1)}%, agreement ${Number.isNaN(r.heldOut.agreement) ? "—" : (100 * r.heldOut.agreement).toFixed(1) + "%"} (target ≥ ${(100 * (1 - input.alpha)).toFixed(0)}%), abstained ${r.heldOut.abstained}\n`);
          }
          return 0;
        });
      }
      default:
        throw new UsageError(sub ? `unknown subcommand "${sub}"` : "a subcommand is needed");
    }
  },
};

export default command;

const workerUsage = `usage: npm run worker [-- --concurrency N] [--run RUN_ID] [--lease-ms N]
  Processes queued judge tasks until stopped (SIGINT/SIGTERM: finishes in-flight tasks, releases the rest).
  Several workers (processes, or the one inside npm start) share runs without duplicates.`;

export const workerCommand: CliCommand = {
  name: "worker",
  summary: "process queued judge tasks until stopped",
  usage: workerUsage,
  async run(args, io) {
    const p = parseArgs(args, { values: ["concurrency", "run", "lease-ms", "poll-ms"] });
    const run = flagString(p, "run");
    return withCliDb(async (h) => {
      const handle = startWorker(h.db, {
        raw: h.raw,
        capacity: flagNumber(p, "concurrency", workerCapacityFromEnv()),
        runId: run === undefined ? undefined : Number(run),
        leaseMs: flagNumber(p, "lease-ms", 60_000),
        pollMs: flagNumber(p, "poll-ms", 500),
        log: (l) => io.stderr.write(l + "\n"),
      });
      const stop = () => {
        io.stderr.write(`worker ${handle.worker.owner}: stopping (finishing in-flight tasks)…\n`);
        handle.worker.stop();
      };
      process.once("SIGINT", stop);
      process.once("SIGTERM", stop);
      io.stderr.write(`worker ${handle.worker.owner}: started\n`);
      await handle.done;
      io.stderr.write(`worker ${handle.worker.owner}: stopped after ${handle.worker.stats.written} results\n`);
      return 0;
    });
  },
};
