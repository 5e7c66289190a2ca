/**
 * A real gongkai server on a loopback port for tests, over a fresh SQLite
 * file or a fresh PostgreSQL database (test/helpers/postgres.ts), and a
 * small client that speaks its API the way a script would.
 */
import { mkdtempSync, readFileSync, rmSync } from "node:fs";
import { tmpdir } from "node:os";
import { basename, join } from "node:path";
import { type RunningServer, type ServeOptions, startServer } from "../../src/server/serve.ts";
import { openStore } from "../../src/store/open.ts";
import type { Store } from "../../src/store/types.ts";
import { startTestPostgres, type TestPostgres } from "./postgres.ts";

type RequestBody = NonNullable<RequestInit["body"]>;

export type StoreKind = "sqlite" | "postgres";
export const STORE_KINDS: readonly StoreKind[] = ["sqlite", "postgres"];

/** Fresh, empty stores of one kind; stop() removes them all. */
export interface StoreMaker {
  kind: StoreKind;
  /** A --db spec for a store never used before. */
  newSpec(): Promise<string>;
  stop(): Promise<void>;
}

export async function storeMaker(kind: StoreKind): Promise<StoreMaker> {
  if (kind === "postgres") {
    const pg: TestPostgres = await startTestPostgres();
    return { kind, newSpec: () => pg.newDatabase(), stop: () => pg.stop() };
  }
  const dir = mkdtempSync(join(tmpdir(), "gongkai-server-test-"));
  let n = 0;
  return {
    kind,
    newSpec: async () => join(dir, `store-${++n}.db`),
    stop: async () => rmSync(dir, { recursive: true, force: true }),
  };
}

export interface TestServer extends RunningServer {
  spec: string;
  /** A client without a token (an anonymous reader). */
  anonymous: Client;
  /** Sign in; the client carries the token. */
  login(username: string, password: string): Promise<Client>;
}

/** Start a server on 127.0.0.1, port 0, over the store `spec` names. */
export async function startTestServer(
  spec: string,
  opts: Partial<Omit<ServeOptions, "store" | "port">> = {},
): Promise<TestServer> {
  const store: Store = await openStore(spec);
  const server = await startServer({ port: 0, store, pollMs: 200, log: () => {}, ...opts });
  const anonymous = new Client(server.url);
  return {
    ...server,
    close: () => server.close(),
    spec,
    anonymous,
    login: async (username, password) => {
      const r = await anonymous.post("/api/login", { json: { username, password } });
      if (r.status !== 200) throw new Error(`login ${username}: ${r.status} ${r.text}`);
      return new Client(server.url, (r.body as { token: string }).token);
    },
  };
}

export interface ApiResponse<T = unknown> {
  status: number;
  headers: Headers;
  /** The parsed JSON body (undefined when the body is not JSON). */
  body: T;
  text: string;
  bytes: Uint8Array;
}

export interface RequestOptions {
  json?: unknown;
  form?: FormData;
  body?: RequestBody;
  headers?: Record<string, string>;
}

export class Client {
  readonly url: string;
  readonly token: string | undefined;
  constructor(url: string, token?: string) {
    this.url = url;
    this.token = token;
  }

  async request<T = unknown>(
    method: string,
    path: string,
    opts: RequestOptions = {},
  ): Promise<ApiResponse<T>> {
    const headers: Record<string, string> = { ...(opts.headers ?? {}) };
    if (this.token) headers.authorization = `Bearer ${this.token}`;
    let body: RequestBody | undefined = opts.body;
    if (opts.json !== undefined) {
      headers["content-type"] = "application/json";
      body = JSON.stringify(opts.json);
    } else if (opts.form) body = opts.form;
    const res = await fetch(this.url + path, { method, headers, ...(body ? { body } : {}) });
    const bytes = new Uint8Array(await res.arrayBuffer());
    const text = new TextDecoder().decode(bytes);
    let parsed: unknown;
    if ((res.headers.get("content-type") ?? "").includes("application/json"))
      parsed = JSON.parse(text);
    return { status: res.status, headers: res.headers, body: parsed as T, text, bytes };
  }

  get<T = unknown>(path: string, opts?: RequestOptions) {
    return this.request<T>("GET", path, opts);
  }
  post<T = unknown>(path: string, opts?: RequestOptions) {
    return this.request<T>("POST", path, opts);
  }

  /** Upload a file as multipart field `file`, with extra form fields. */
  upload(file: string, fields: Record<string, string> = {}) {
    const form = new FormData();
    form.append("file", new Blob([readFileSync(file)]), basename(file));
    for (const [k, v] of Object.entries(fields)) form.append(k, v);
    return this.post<{ id: string; status: string; created: boolean }>("/api/documents", { form });
  }

  /** Poll a document until its processing ends (done or error); fails after `deadlineMs`. */
  async waitProcessed(
    id: string,
    deadlineMs = 300_000,
  ): Promise<ApiResponse<Record<string, unknown>>> {
    const until = Date.now() + deadlineMs;
    for (;;) {
      const r = await this.get<Record<string, unknown>>(`/api/documents/${id}`);
      if (r.status !== 200) throw new Error(`GET /api/documents/${id}: ${r.status} ${r.text}`);
      if (r.body.status === "done" || r.body.status === "error") return r;
      if (Date.now() > until) throw new Error(`document ${id} still ${String(r.body.status)}`);
      await new Promise((resolve) => setTimeout(resolve, 50));
    }
  }
}

/** The error shape every failure must have: a stable code and a Chinese message. */
export function isChineseError(body: unknown): boolean {
  if (!body || typeof body !== "object") return false;
  const keys = Object.keys(body);
  const error = (body as { error?: unknown }).error;
  if (keys.length !== 1 || !error || typeof error !== "object") return false;
  const { code, message } = error as { code?: unknown; message?: unknown };
  return (
    Object.keys(error).length === 2 &&
    typeof code === "string" &&
    typeof message === "string" &&
    /[\u4e00-\u9fff]/.test(message)
  );
}
