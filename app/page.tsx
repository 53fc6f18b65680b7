import Link from "next/link";
import { getHealth } from "@/lib/health/service";

export const dynamic = "force-dynamic";

const sections = [
  { href: "/arena", title: "Arena", text: "Read two anonymous answers to the same prompt and vote. The names appear only after your vote." },
  { href: "/leaderboard", title: "Leaderboard", text: "Bradley-Terry ratings from the crowd's votes, with bootstrap confidence intervals and ranks." },
  { href: "/judges", title: "Judges", text: "How far each LLM judge's ranking is from the crowd's: agreement, Kendall τ, position and length bias." },
  { href: "/admin", title: "Admin", text: "For maintainers: systems, prompt sets, judges, runs, imports and flagged voters." },
];

export default async function HomePage() {
  const health = await getHealth();
  return (
    <div className="space-y-8">
      <section className="space-y-3">
        <h1 className="text-3xl font-bold tracking-tight">Concord</h1>
        <p className="max-w-3xl text-slate-700">
          People and LLM judges vote on the same anonymous, pairwise battles between AI systems. Concord ranks the systems
          from each source of votes and shows how far each judge&apos;s ranking is from the human one, to answer one
          question: <em>can this judge rank systems the way people do?</em>
        </p>
        {health.demo && (
          <p className="inline-block rounded bg-amber-100 px-2 py-1 text-sm text-amber-900" data-testid="demo-banner">
            Demo data: the systems, prompts, answers and votes here are simulated and labelled <strong>demo</strong>.
          </p>
        )}
      </section>
      <ul className="grid gap-4 sm:grid-cols-2">
        {sections.map((s) => (
          <li key={s.href}>
            <Link href={s.href} className="block h-full rounded-lg border border-slate-200 bg-white p-4 shadow-sm hover:border-blue-400">
              <h2 className="font-semibold text-blue-800">{s.title}</h2>
              <p className="mt-1 text-sm text-slate-600">{s.text}</p>
            </Link>
          </li>
        ))}
      </ul>
      <section aria-label="Status" className="text-sm text-slate-600">
        <p>
          Database: <span data-testid="db-kind">{health.database.kind}</span>, migration{" "}
          <code>{health.database.migration ?? "none"}</code>. {health.counts.systems} systems, {health.counts.prompts}{" "}
          prompts, {health.counts.battles} battles, {health.counts.votes} votes.{" "}
          <Link href="/api/health" className="underline">
            Health
          </Link>
        </p>
      </section>
    </div>
  );
}
