import { requireMaintainerPage } from "@/lib/auth/guard";
import { recentJobs } from "@/lib/importers/jobs";
import { IMPORT_FORMATS } from "@/lib/importers";
import { ImportForm } from "@/components/import/import-form";
import { ImportJobList } from "@/components/import/job-list";

export const dynamic = "force-dynamic";

export default async function AdminImportPage() {
  await requireMaintainerPage();
  const jobs = await recentJobs();
  return (
    <div className="space-y-8">
      <div>
        <h1 className="text-2xl font-bold">Import data</h1>
        <p className="mt-1 text-sm text-slate-600">
          Upload files (or a whole folder) in one of the public formats. The import runs on the server with the same code
          as <code>npm run -s concord -- import</code>; re-importing the same files adds nothing.
        </p>
      </div>
      <ImportForm formats={[...IMPORT_FORMATS]} />
      <ImportJobList jobs={jobs} />
    </div>
  );
}
