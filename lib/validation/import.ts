/** zod schemas for the import/export routes and the admin upload form. */
import { z } from "zod";
import { IMPORT_FORMATS } from "@/lib/importers";

const bool = z.enum(["1", "0", "true", "false"]).transform((v) => v === "1" || v === "true");

export const exportQuerySchema = z.object({
  format: z.enum(["jsonl", "csv", "fastchat"]).default("jsonl"),
  set: z.string().min(1).max(200).optional(),
  category: z.string().min(1).max(200).optional(),
  voterKind: z.enum(["human", "judge"]).optional(),
  judge: z.string().min(1).max(200).optional(),
  since: z.coerce.date().optional(),
  until: z.coerce.date().optional(),
  public: bool.optional(),
  includePrivate: bool.optional(),
});
export type ExportQuery = z.infer<typeof exportQuerySchema>;

export const exportKindSchema = z.enum(["votes", "battles"]);

export const createImportSchema = z.object({
  format: z.enum(IMPORT_FORMATS),
  set: z.string().trim().min(1).max(100).regex(/^[a-z0-9][a-z0-9._-]*$/, "lowercase letters, digits, . _ -").optional(),
  strict: z.boolean().default(false),
  dryRun: z.boolean().default(false),
  aliases: z.record(z.string().min(1), z.string().min(1)).default({}),
});
export type CreateImportInput = z.infer<typeof createImportSchema>;

/** A relative path inside an upload: no absolute paths, no `..`. */
export const uploadPathSchema = z.object({
  path: z
    .string()
    .min(1)
    .max(500)
    .refine((p) => !p.startsWith("/") && !p.split(/[\\/]/).some((s) => s === ".." || s === ""), "a relative path without .."),
});

export const jobIdSchema = z.coerce.number().int().positive();
