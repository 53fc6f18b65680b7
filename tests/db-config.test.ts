import { describe, expect, it } from "vitest";
import path from "node:path";
import { DatabaseConfigError, databaseName, redact, resolveDatabaseTarget } from "@/lib/db/config";
import { schemaFromUrl } from "@/lib/db";

describe("resolveDatabaseTarget", () => {
  const cases: Array<{ env: Record<string, string>; expected: ReturnType<typeof resolveDatabaseTarget> }> = [
    { env: {}, expected: { kind: "pglite", dir: path.resolve(".data/pglite") } },
    { env: { DATABASE_URL: "  " }, expected: { kind: "pglite", dir: path.resolve(".data/pglite") } },
    { env: { CONCORD_DATA_DIR: "/tmp/x" }, expected: { kind: "pglite", dir: "/tmp/x" } },
    { env: { DATABASE_URL: "pglite:/tmp/db" }, expected: { kind: "pglite", dir: "/tmp/db" } },
    { env: { DATABASE_URL: "pglite:memory" }, expected: { kind: "pglite", dir: null } },
    { env: { DATABASE_URL: "postgres://u:p@localhost:5432/x" }, expected: { kind: "postgres", url: "postgres://u:p@localhost:5432/x" } },
    { env: { DATABASE_URL: "postgresql://localhost/x" }, expected: { kind: "postgres", url: "postgresql://localhost/x" } },
  ];
  it.each(cases)("$env", ({ env, expected }) => {
    expect(resolveDatabaseTarget(env)).toEqual(expected);
  });

  it.each(["mysql://root@localhost/x", "file:./dev.db", "hello", "postgres://"])("refuses %s with one clear line", (url) => {
    expect(() => resolveDatabaseTarget({ DATABASE_URL: url })).toThrow(DatabaseConfigError);
    try {
      resolveDatabaseTarget({ DATABASE_URL: url });
    } catch (err) {
      expect((err as Error).message).not.toContain("\n");
      expect((err as Error).message).toMatch(/DATABASE_URL/);
    }
  });

  it("hides passwords in messages", () => {
    expect(redact("postgres://me:secret@h:5432/db")).toBe("postgres://me:***@h:5432/db");
    expect(() => resolveDatabaseTarget({ DATABASE_URL: "mysql://me:secret@h/db" })).toThrow(/me:\*\*\*@/);
  });

  it("reads the database name", () => {
    expect(databaseName("postgres://127.0.0.1:5432/concord_test")).toBe("concord_test");
    expect(databaseName("not a url")).toBe("");
  });
});

describe("schemaFromUrl", () => {
  it.each([
    ["postgres://h/db?schema=t_abc", "t_abc"],
    ["postgres://h/db?options=-c%20search_path%3Dt_x1", "t_x1"],
    ["postgres://h/db", undefined],
    ["postgres://h/db?schema=bad;drop", undefined],
  ])("%s → %s", (url, schema) => {
    expect(schemaFromUrl(url)).toBe(schema);
  });
});
