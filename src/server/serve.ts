/**
 * Start the HTTP API: open the store, start the background processing
 * (which first requeues what a crash left processing), listen. The handle
 * closes all three in order, finishing the document in hand.
 */
import { readFileSync } from "node:fs";
import type { AddressInfo } from "node:net";
import { serve } from "@hono/node-server";
import { DocumentQueue } from "../jobs/queue.ts";
import type { Store } from "../store/types.ts";
import { createApp } from "./app.ts";

export const DEFAULT_MAX_UPLOAD_BYTES = 50 * 1024 * 1024;

/** How long close() lets requests in flight finish. */
const CLOSE_GRACE_MS = 5000;

export interface ServeOptions {
  /** 0: any free port (tests). */
  port: number;
  /** Default 127.0.0.1: only this machine; 0.0.0.0 to serve a network. */
  host?: string;
  /** The store to serve; the caller keeps it open or has close() close it (closeStore). */
  store: Store;
  /** Close the store when the server closes. Default true. */
  closeStore?: boolean;
  maxUploadBytes?: number;
  /** How often an idle worker looks for documents queued by another process. */
  pollMs?: number;
  log?: (message: string) => void;
}

export interface RunningServer {
  /** http://host:port */
  url: string;
  port: number;
  store: Store;
  /** How many documents left processing by an earlier run went back to the queue. */
  requeued: number;
  close(): Promise<void>;
}

function packageVersion(): string {
  const pkg = JSON.parse(readFileSync(new URL("../../package.json", import.meta.url), "utf8"));
  return (pkg as { version: string }).version;
}

export async function startServer(opts: ServeOptions): Promise<RunningServer> {
  const log = opts.log ?? ((m: string) => process.stderr.write(`${m}\n`));
  const { store } = opts;
  const queue = new DocumentQueue(store, {
    log,
    ...(opts.pollMs !== undefined ? { pollMs: opts.pollMs } : {}),
  });
  const app = createApp(
    {
      store,
      notifyQueue: () => queue.notify(),
      maxUploadBytes: opts.maxUploadBytes ?? DEFAULT_MAX_UPLOAD_BYTES,
    },
    { version: packageVersion(), log },
  );
  const requeued = await queue.start();
  const host = opts.host ?? "127.0.0.1";
  const server = await new Promise<ReturnType<typeof serve>>((resolve, reject) => {
    const s = serve({ fetch: app.fetch, port: opts.port, hostname: host }, () => resolve(s));
    s.once("error", reject);
  });
  const { port } = server.address() as AddressInfo;
  const shown = host.includes(":") ? `[${host}]` : host;
  return {
    url: `http://${shown}:${port}`,
    port,
    store,
    requeued,
    async close() {
      await new Promise<void>((resolve) => {
        server.close(() => resolve());
        if (!("closeIdleConnections" in server)) return;
        // Idle keep-alive connections would hold close() open; requests in
        // flight get a moment to finish before their connections are cut.
        server.closeIdleConnections();
        const cut = setTimeout(() => server.closeAllConnections(), CLOSE_GRACE_MS);
        cut.unref();
      });
      await queue.stop();
      if (opts.closeStore !== false) await store.close();
    },
  };
}
