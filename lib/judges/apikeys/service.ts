/**
 * API keys for external judges (kind external). A key is `concord_<32 random base64url chars>`, shown once;
 * the database keeps its SHA-256 and its first 12 characters (to recognise it). Revocation is immediate: every
 * request looks the hash up (one indexed statement, which also stamps lastUsedAt).
 *
 * With `Authorization: Bearer <key>` an agent uses the same battle API as people; `resolveJudgeAgent` turns the
 * header into the voter context the arena uses: tickets belong to a Voter row `judge:<id>`, and the votes are
 * stored as that judge's judge votes (voterKind judge) in its "api" JudgeRun.
 */
import { createHash, randomBytes } from "node:crypto";
import { notFound, unauthenticated, unprocessable } from "@/lib/errors";
import { findJudgeById, findJudgeBySlug } from "@/lib/judges/configs/queries";
import { findApiKeyById, findApiKeysOfJudge, findOrCreateApiRun, insertApiKey, markApiKeyRevoked, upsertAgentVoter, stampApiKeyUse } from "./queries";

export const API_KEY_PREFIX = "concord_";
export const hashApiKey = (key: string) => createHash("sha256").update(key).digest("hex");

export interface ApiKeyView {
  id: number;
  name: string;
  prefix: string;
  createdAt: string;
  lastUsedAt: string | null;
  revokedAt: string | null;
}

const judgeOf = (j: string | number) => (typeof j === "number" ? findJudgeById(j) : findJudgeBySlug(j));

/** Issues a key for an external judge (by slug or id); the key itself is returned only here. */
export async function issueApiKey(judgeSlug: string | number, name = ""): Promise<{ id: number; key: string; prefix: string }> {
  const judge = await judgeOf(judgeSlug);
  if (!judge) throw notFound(`judge "${judgeSlug}"`);
  if (judge.kind !== "external") throw unprocessable(`API keys are for external judges; ${judge.slug} is ${judge.kind}`);
  const key = `${API_KEY_PREFIX}${randomBytes(24).toString("base64url")}`;
  const prefix = key.slice(0, 12);
  const row = await insertApiKey(judge.id, name, prefix, hashApiKey(key));
  return { id: row.id, key, prefix };
}

export async function listApiKeys(judgeSlug: string | number): Promise<ApiKeyView[]> {
  const judge = await judgeOf(judgeSlug);
  if (!judge) throw notFound(`judge "${judgeSlug}"`);
  return (await findApiKeysOfJudge(judge.id)).map((k) => ({
    ...k,
    createdAt: k.createdAt.toISOString(),
    lastUsedAt: k.lastUsedAt?.toISOString() ?? null,
    revokedAt: k.revokedAt?.toISOString() ?? null,
  }));
}

export async function revokeApiKey(id: number): Promise<void> {
  if ((await markApiKeyRevoked(id)) === 0 && !(await findApiKeyById(id))) throw notFound(`API key ${id}`);
}

export interface JudgeAgentContext {
  voterId: number;
  kind: "judge";
  userId: null;
  ip: string;
  setCookie: null;
  judge: { judgeId: number; runId: number; keyId: number };
}

const agents = new Map<number, Promise<{ voterId: number; runId: number }>>();

async function agentOf(judgeId: number): Promise<{ voterId: number; runId: number }> {
  let a = agents.get(judgeId);
  if (!a) {
    a = Promise.all([upsertAgentVoter(judgeId), findOrCreateApiRun(judgeId)]).then(([voterId, runId]) => ({ voterId, runId }));
    a.catch(() => agents.delete(judgeId));
    agents.set(judgeId, a);
  }
  return a;
}

/** `Authorization: Bearer <key>` → the judge agent's context; a wrong, revoked or malformed key → 401. */
export async function resolveJudgeAgent(authorization: string, ip: string): Promise<JudgeAgentContext> {
  const key = authorization.replace(/^bearer\s+/i, "").trim();
  if (!key.startsWith(API_KEY_PREFIX) || key.length > 200) throw unauthenticated("invalid API key");
  const found = await stampApiKeyUse(hashApiKey(key));
  if (!found) throw unauthenticated("invalid or revoked API key");
  const { voterId, runId } = await agentOf(found.judgeId);
  return { voterId, kind: "judge", userId: null, ip, setCookie: null, judge: { judgeId: found.judgeId, runId, keyId: found.id } };
}
