import type { Metadata } from "next";
import { notFound } from "next/navigation";
import { AppError } from "@/lib/errors";
import { getJudgeDetail } from "@/lib/judges/dashboard/service";
import { firstValues, judgeDetailQuerySchema, judgeSlugSchema } from "@/lib/validation/judges-dashboard";
import { JudgeDetailView } from "@/components/judges/detail-view";

export const dynamic = "force-dynamic";

type Props = { params: Promise<{ slug: string }>; searchParams: Promise<Record<string, string | string[] | undefined>> };

export async function generateMetadata({ params }: Props): Promise<Metadata> {
  return { title: `Judge ${(await params).slug}` };
}

export default async function JudgePage({ params, searchParams }: Props) {
  const slug = judgeSlugSchema.safeParse((await params).slug);
  if (!slug.success) notFound();
  const query = judgeDetailQuerySchema.safeParse(firstValues(await searchParams));
  if (!query.success)
    return <p className="rounded border border-red-300 bg-red-50 p-4 text-sm">This view&apos;s filters are not valid: {query.error.issues.map((i) => `${i.path.join(".")}: ${i.message}`).join("; ")}</p>;
  const { eps, battle, ...slice } = query.data;
  let detail;
  try {
    detail = await getJudgeDetail(slug.data, slice, { epsilon: eps, battleId: battle });
  } catch (err) {
    if (err instanceof AppError && err.code === "not_found") notFound();
    throw err;
  }
  return <JudgeDetailView detail={detail} slice={slice} epsilon={eps} />;
}
