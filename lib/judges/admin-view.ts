/** What the /admin/judges page shows: judges, recent runs, prompt sets for the run form. */
import { listJudges, type JudgeView } from "./configs/service";
import { findPromptSetOptions } from "./configs/queries";
import { listRuns, type RunView } from "./runs/service";

export interface JudgesAdminView {
  judges: JudgeView[];
  runs: RunView[];
  sets: Array<{ slug: string; name: string }>;
}

export async function getJudgesAdminView(): Promise<JudgesAdminView> {
  const [judges, runs, sets] = await Promise.all([listJudges(), listRuns({ take: 30 }), findPromptSetOptions()]);
  return { judges, runs, sets };
}
