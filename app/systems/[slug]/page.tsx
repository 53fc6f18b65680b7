import type { Metadata } from "next";
import { notFound } from "next/navigation";
import { AppError } from "@/lib/errors";
import { getSystemPage } from "@/lib/systems/service";
import { SystemView } from "@/components/leaderboard/system-view";

export const dynamic = "force-dynamic";
export const metadata: Metadata = { title: "System" };

export default async function SystemPage({ params }: { params: Promise<{ slug: string }> }) {
  const data = await getSystemPage((await params).slug).catch((err: unknown) => {
    if (err instanceof AppError && err.code === "not_found") notFound();
    throw err;
  });
  return <SystemView data={data} />;
}
