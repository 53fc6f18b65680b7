/** Text progress for `concord judge run --wait`: a bar line and the final summary. Pure functions. */
import type { RunView } from "./service";

export function progressLine(r: RunView, width = 30): string {
  const filled = Math.round((Math.min(100, r.percent) / 100) * width);
  const bar = "#".repeat(filled) + ".".repeat(width - filled);
  const eta = r.etaSeconds === null ? "" : ` · ETA ${Math.ceil(r.etaSeconds)} s`;
  return `[${bar}] ${r.percent.toFixed(0).padStart(3)}% ${r.doneTasks} done, ${r.failedTasks} failed, ${r.unparseableTasks} unparseable, ${r.remainingTasks} left · ${r.throughput.toFixed(1)}/s${eta}`;
}

export function summaryLines(r: RunView): string {
  return [
    `run ${r.id} (${r.judge.slug}): ${r.status}`,
    `tasks ${r.totalTasks}  done ${r.doneTasks}  failed ${r.failedTasks}  unparseable ${r.unparseableTasks}`,
    `tokens ${r.promptTokens + r.completionTokens} (prompt ${r.promptTokens}, completion ${r.completionTokens})  cost $${r.costUsd.toFixed(4)}`,
    `seconds ${r.elapsedSeconds.toFixed(1)}`,
  ].join("\n");
}
