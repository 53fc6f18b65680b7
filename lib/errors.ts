/**
 * The one error type services throw. Route handlers never build error responses themselves: lib/http/route.ts maps
 * AppError → its status, a zod error → 422, anything else → 500 (logged, hidden from the client).
 */
export type ErrorCode =
  | "bad_request"
  | "unauthenticated"
  | "forbidden"
  | "not_found"
  | "conflict"
  | "gone"
  | "payload_too_large"
  | "unprocessable"
  | "rate_limited"
  | "upstream"
  | "unavailable";

const STATUS: Record<ErrorCode, number> = {
  bad_request: 400,
  unauthenticated: 401,
  forbidden: 403,
  not_found: 404,
  conflict: 409,
  gone: 410,
  payload_too_large: 413,
  unprocessable: 422,
  rate_limited: 429,
  upstream: 502,
  unavailable: 503,
};

export class AppError extends Error {
  readonly status: number;
  constructor(
    readonly code: ErrorCode,
    message: string,
    readonly details?: Record<string, unknown>,
    /** Extra response headers, e.g. Retry-After. */
    readonly headers?: Record<string, string>,
  ) {
    super(message);
    this.name = "AppError";
    this.status = STATUS[code];
  }
}

export const notFound = (what: string) => new AppError("not_found", `${what} not found`);
export const forbidden = (message = "this needs the maintainer role") => new AppError("forbidden", message);
export const unauthenticated = (message = "sign in first") => new AppError("unauthenticated", message);
export const conflict = (message: string, details?: Record<string, unknown>) => new AppError("conflict", message, details);
export const unprocessable = (message: string, details?: Record<string, unknown>) =>
  new AppError("unprocessable", message, details);
export const rateLimited = (retryAfterSeconds: number) =>
  new AppError("rate_limited", "too many requests; slow down", { retryAfterSeconds }, {
    "Retry-After": String(Math.max(1, Math.ceil(retryAfterSeconds))),
  });
