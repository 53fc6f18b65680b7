/**
 * `npm run bench`: prints figures, never pass/fail. Each `bench/*.bench.ts` default-exports an async function that
 * prints its own lines. `npm run bench -- ranking` runs only files whose name contains "ranking".
 */
import { readdirSync } from "node:fs";
import path from "node:path";
import { pathToFileURL } from "node:url";

async function main(): Promise<void> {
  const filter = process.argv[2];
  const dir = path.resolve(__dirname);
  const files = readdirSync(dir)
    .filter((f) => f.endsWith(".bench.ts"))
    .filter((f) => !filter || f.includes(filter))
    .sort();
  for (const file of files) {
    process.stdout.write(`\n== ${file.replace(/\.bench\.ts$/, "")} ==\n`);
    const mod = (await import(pathToFileURL(path.join(dir, file)).href)) as { default: () => Promise<void> };
    await mod.default();
  }
}

main().then(
  () => process.exit(0),
  (err: unknown) => {
    console.error(err);
    process.exit(1);
  },
);
