/**
 * The upload size limit. Over the limit the answer is 413 in the API's
 * error shape, and the rest of the body is read and dropped before the
 * connection closes ("lingering close"): a client still sending would
 * otherwise see the connection reset instead of the answer. A sender that
 * keeps going past a bound is cut off.
 */
import type { HttpBindings } from "@hono/node-server";
import type { Context, MiddlewareHandler } from "hono";
import { bodyLimit } from "hono/body-limit";
import type { AppEnv } from "./env.ts";
import { ApiError } from "./errors.ts";

/** How long the rest of a refused body is read before the connection is cut. */
const LINGER_MS = 10_000;

/** A size for people: 256 KB, 50 MB. */
export function formatSize(bytes: number): string {
  if (bytes < 1024 * 1024) return `${Math.round(bytes / 1024)} KB`;
  return `${Math.round((bytes / 1048576) * 10) / 10} MB`;
}

function drain(c: Context<AppEnv>): void {
  const incoming = (c.env as HttpBindings | undefined)?.incoming;
  if (!incoming || incoming.readableEnded) return;
  c.header("connection", "close");
  const timer = setTimeout(() => incoming.socket?.destroy(), LINGER_MS);
  timer.unref();
  incoming.on("end", () => clearTimeout(timer));
  incoming.resume();
}

export function uploadLimit(maxBytes: number): MiddlewareHandler<AppEnv> {
  const limit = bodyLimit({
    maxSize: maxBytes,
    onError: (c) => {
      drain(c as Context<AppEnv>);
      throw new ApiError("too_large", `上传的文件过大，上限为 ${formatSize(maxBytes)}`);
    },
  });
  return async (c, next) => {
    try {
      return await limit(c, next);
    } catch (e) {
      // The sender went away mid-body: its upload, not our failure (nothing was kept).
      const incoming = (c.env as HttpBindings | undefined)?.incoming;
      if (!(e instanceof ApiError) && incoming && !incoming.complete) {
        throw new ApiError("bad_request", "上传中断：请求体不完整，未保存");
      }
      throw e;
    }
  };
}
