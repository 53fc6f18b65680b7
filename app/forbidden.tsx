import Link from "next/link";

export default function Forbidden() {
  return (
    <div className="space-y-3">
      <h1 className="text-2xl font-bold">403 · Maintainers only</h1>
      <p className="text-slate-700">This page needs the maintainer role.</p>
      <Link className="text-blue-700 underline" href="/signin">
        Sign in
      </Link>
    </div>
  );
}
