/**
 * Prisma's schema engine as WebAssembly, for authoring migrations offline (the Prisma CLI cannot download its
 * native engine on these machines). Only `diff` is used: committed migrations → schema.prisma, as a SQL script.
 * The shadow database is an in-memory PGlite, whatever the real target is.
 */
import { readFileSync } from "node:fs";
import { createRequire } from "node:module";
import path from "node:path";
import { PGlite } from "@electric-sql/pglite";
import { bindMigrationAwareSqlAdapterFactory } from "@prisma/driver-adapter-utils";
import { PrismaPGlite } from "pglite-prisma-adapter";
import type { MigrationFile } from "./migrate";

interface DiffResult {
  stdout: string;
}
interface WasmSchemaEngine {
  diff(params: unknown): Promise<DiffResult>;
  free(): void;
}
interface Glue {
  __wbg_set_wasm(exports: WebAssembly.Exports): void;
  SchemaEngine: { new: (options: unknown, log: (msg: string) => void, adapter: object) => Promise<WasmSchemaEngine> };
}

async function loadEngineGlue(): Promise<Glue> {
  const require = createRequire(__filename);
  const gluePath = require.resolve("@prisma/schema-engine-wasm/schema_engine_bg");
  const glue = (await import(gluePath)) as Glue;
  const wasmBytes = readFileSync(path.join(path.dirname(gluePath), "schema_engine_bg.wasm"));
  const { instance } = await WebAssembly.instantiate(wasmBytes, { "./schema_engine_bg.js": glue as never });
  glue.__wbg_set_wasm(instance.exports);
  const start = instance.exports.__wbindgen_start as (() => void) | undefined;
  start?.();
  return glue;
}

/** SQL that takes a database from the committed migrations to the schema; empty when they already match. */
export async function diffMigrationsToSchema(opts: {
  schemaPath: string;
  migrationsDir: string;
  migrations: MigrationFile[];
}): Promise<string> {
  const glue = await loadEngineGlue();
  const shadow = new PGlite();
  const main = new PGlite();
  const shadowFactory = new PrismaPGlite(shadow);
  const mainFactory = new PrismaPGlite(main);
  const factory = {
    provider: "postgres" as const,
    adapterName: "pglite-shadow",
    connect: () => mainFactory.connect(),
    connectToShadowDb: () => shadowFactory.connect(),
  };
  const schemaText = readFileSync(opts.schemaPath, "utf8");
  const engine = await glue.SchemaEngine.new(
    { datamodels: [[opts.schemaPath, schemaText]] },
    () => undefined,
    bindMigrationAwareSqlAdapterFactory(factory as never),
  );
  try {
    const lockPath = path.join(opts.migrationsDir, "migration_lock.toml");
    const from =
      opts.migrations.length === 0
        ? { tag: "empty" }
        : {
            tag: "migrations",
            baseDir: opts.migrationsDir,
            lockfile: { path: lockPath, content: readFileSync(lockPath, "utf8") },
            shadowDbInitScript: "",
            migrationDirectories: opts.migrations.map((m) => ({
              path: path.join(opts.migrationsDir, m.name),
              migrationFile: { path: "migration.sql", content: { tag: "ok", value: m.sql } },
            })),
          };
    const result = await engine.diff({
      from,
      to: { tag: "schemaDatamodel", files: [{ path: opts.schemaPath, content: schemaText }] },
      script: true,
      exitCode: null,
      shadowDatabaseUrl: null,
      filters: { externalTables: [], externalEnums: [] },
    });
    return result.stdout;
  } finally {
    engine.free();
    await shadow.close();
    await main.close();
  }
}
