/**
 * The API's one error shape: `{"error":{"code","message"}}`, the message in
 * Chinese, the code stable for scripts. Every failure a client can see —
 * bad input, no token, no right, not found, too large, and our own bugs —
 * leaves the server in this shape, never as a stack trace.
 */
import type { ContentfulStatusCode } from "hono/utils/http-status";

export type ApiErrorCode =
  | "bad_request"
  | "unauthorized"
  | "forbidden"
  | "not_found"
  | "conflict"
  | "too_large"
  | "unsupported_media_type"
  | "unprocessable"
  | "internal";

const STATUS: Record<ApiErrorCode, ContentfulStatusCode> = {
  bad_request: 400,
  unauthorized: 401,
  forbidden: 403,
  not_found: 404,
  conflict: 409,
  too_large: 413,
  unsupported_media_type: 415,
  unprocessable: 422,
  internal: 500,
};

export interface ErrorBody {
  error: { code: ApiErrorCode; message: string };
}

export class ApiError extends Error {
  readonly code: ApiErrorCode;
  readonly status: ContentfulStatusCode;
  constructor(code: ApiErrorCode, message: string) {
    super(message);
    this.name = "ApiError";
    this.code = code;
    this.status = STATUS[code];
  }
}

export function errorBody(code: ApiErrorCode, message: string): ErrorBody {
  return { error: { code, message } };
}

export const STATUS_OF = STATUS;
