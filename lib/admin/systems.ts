/**
 * Maintainers' system administration: list, create, edit. Keys never touch the database: a system stores the NAME
 * of the environment variable that holds its key (`apiKeyEnv`), and the admin view says only whether it is set.
 */
import { conflict, notFound, unprocessable } from "@/lib/errors";
import type { Prisma } from "@/lib/generated/prisma/client";
import {
  generationParamsSchema,
  type GenerationParams,
  type SystemCreateInput,
  type SystemUpdateInput,
} from "@/lib/validation/admin";
import { findAllSystems, findSystemById, insertSystem, updateSystemRow, type SystemAdminRow } from "./queries-systems";
import { isRecordNotFound, isUniqueViolation } from "./prisma-errors";

export interface SystemView {
  id: number;
  slug: string;
  name: string;
  organization: string;
  family: string;
  description: string;
  baseUrl: string | null;
  model: string | null;
  apiKeyEnv: string | null;
  /** Whether the named environment variable is set on this server (its value is never shown). */
  keyPresent: boolean;
  params: GenerationParams;
  active: boolean;
  weight: number;
  outage: boolean;
  boost: number;
  isDemo: boolean;
  /** True when live battles can use it: an endpoint, active, weight > 0 and no outage. */
  live: boolean;
  updatedAt: string;
}

export function toSystemView(row: SystemAdminRow, env: NodeJS.ProcessEnv = process.env): SystemView {
  const params = generationParamsSchema.safeParse(row.params);
  return {
    ...row,
    params: params.success ? params.data : {},
    keyPresent: Boolean(row.apiKeyEnv && env[row.apiKeyEnv]),
    live: Boolean(row.baseUrl && row.model && row.active && row.weight > 0 && !row.outage),
    updatedAt: row.updatedAt.toISOString(),
  };
}

export async function listSystems(): Promise<SystemView[]> {
  return (await findAllSystems()).map((r) => toSystemView(r));
}

export async function getSystem(id: number): Promise<SystemView> {
  const row = await findSystemById(id);
  if (!row) throw notFound(`system ${id}`);
  return toSystemView(row);
}

export async function createSystem(input: SystemCreateInput): Promise<SystemView> {
  try {
    return toSystemView(await insertSystem({ ...input, params: input.params as Prisma.InputJsonValue }));
  } catch (err) {
    if (isUniqueViolation(err)) throw conflict(`a system with slug "${input.slug}" already exists`, { field: "slug" });
    throw err;
  }
}

export async function updateSystem(id: number, input: SystemUpdateInput): Promise<SystemView> {
  const { params, ...rest } = input;
  const data: Prisma.SystemUpdateInput = { ...rest, ...(params ? { params: params as Prisma.InputJsonValue } : {}) };
  if ((input.baseUrl === undefined) !== (input.model === undefined)) {
    // An edit of one half of the endpoint must keep the pair complete.
    const current = await findSystemById(id);
    if (!current) throw notFound(`system ${id}`);
    const baseUrl = input.baseUrl !== undefined ? input.baseUrl : current.baseUrl;
    const model = input.model !== undefined ? input.model : current.model;
    if ((baseUrl === null) !== (model === null)) {
      throw unprocessable("a system needs both an endpoint base URL and a model, or neither", { field: "model" });
    }
  }
  try {
    return toSystemView(await updateSystemRow(id, data));
  } catch (err) {
    if (isRecordNotFound(err)) throw notFound(`system ${id}`);
    if (isUniqueViolation(err)) throw conflict(`a system with slug "${input.slug}" already exists`, { field: "slug" });
    throw err;
  }
}
