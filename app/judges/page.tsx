import type { Metadata } from "next";
import { getJudgeLeaderboard } from "@/lib/judges/dashboard/service";
import { sliceSchema } from "@/lib/validation/slice";
import { firstValues } from "@/lib/validation/judges-dashboard";
import { JudgeLeaderboardView } from "@/components/judges/leaderboard-view";

export const dynamic = "force-dynamic";
export const metadata: Metadata = { title: "Judges" };

type Props = { searchParams: Promise<Record<string, string | string[] | undefined>> };

export default async function JudgesPage({ searchParams }: Props) {
  const slice = sliceSchema.parse(firstValues(await searchParams));
  const lb = await getJudgeLeaderboard(slice);
  return <JudgeLeaderboardView lb={lb} slice={slice} />;
}
