/**
 * The single error mapper for route handlers, and the helpers every `route.ts` uses:
 * parse with zod → authorize → one service call → respond.
 *
 * Error body shape, everywhere: `{ "error": { "code", "message", "details"? } }`.
 */
import { NextResponse } from "next/server";
import { ZodError, type ZodType } from "zod";
import { AppError } from "@/lib/errors";

export interface ErrorBody {
  error: { code: string; message: string; details?: unknown };
}

export function errorResponse(err: unknown): NextResponse<ErrorBody> {
  if (err instanceof ZodError) {
    return NextResponse.json(
      {
        error: {
          code: "unprocessable",
          message: "the request is not valid",
          details: err.issues.map((i) => ({ path: i.path.join("."), message: i.message })),
        },
      },
      { status: 422 },
    );
  }
  if (err instanceof AppError) {
    return NextResponse.json(
      { error: { code: err.code, message: err.message, ...(err.details ? { details: err.details } : {}) } },
      { status: err.status, headers: err.headers },
    );
  }
  const id = Math.random().toString(36).slice(2, 10);
  console.error(`[concord] unhandled error ${id}:`, err);
  return NextResponse.json(
    { error: { code: "internal", message: `internal error (reference ${id})` } },
    { status: 500 },
  );
}

/** Wraps a handler so every thrown error goes through `errorResponse`. */
export function handle<C>(fn: (req: Request, ctx: C) => Promise<Response>): (req: Request, ctx: C) => Promise<Response> {
  return async (req, ctx) => {
    try {
      return await fn(req, ctx);
    } catch (err) {
      return errorResponse(err);
    }
  };
}

export const MAX_JSON_BYTES = 64 * 1024;

/** Reads and validates a JSON body: oversized → 413, malformed → 422, schema mismatch → 422. */
export async function parseJson<T>(req: Request, schema: ZodType<T>, maxBytes = MAX_JSON_BYTES): Promise<T> {
  const declared = Number(req.headers.get("content-length") ?? "0");
  if (declared > maxBytes) throw new AppError("payload_too_large", `the body is larger than ${maxBytes} bytes`);
  const text = await req.text();
  if (Buffer.byteLength(text) > maxBytes) throw new AppError("payload_too_large", `the body is larger than ${maxBytes} bytes`);
  let value: unknown;
  try {
    value = text === "" ? {} : JSON.parse(text);
  } catch {
    throw new AppError("unprocessable", "the body is not valid JSON");
  }
  return schema.parse(value);
}

/** Validates the query string against a schema (values arrive as strings). */
export function parseQuery<T>(req: Request, schema: ZodType<T>): T {
  const params = Object.fromEntries(new URL(req.url).searchParams.entries());
  return schema.parse(params);
}

export function json<T>(body: T, init?: ResponseInit): NextResponse<T> {
  return NextResponse.json(body, init);
}
