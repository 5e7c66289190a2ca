/**
 * What every request handler can reach: the store, the processing queue and
 * who is asking (set by the auth middleware before any route runs).
 */
import type { Store, User, Viewer } from "../store/types.ts";

export interface ServerDeps {
  store: Store;
  /** Wakes the background processing after an upload. */
  notifyQueue: () => void;
  /** Largest upload accepted, in bytes. */
  maxUploadBytes: number;
}

export interface AppEnv {
  Variables: {
    deps: ServerDeps;
    /** The signed-in user, or null for an anonymous reader. */
    user: User | null;
    viewer: Viewer;
    /** The request's validated query parameters (see route.ts). */
    query: Record<string, unknown>;
    /** The request's validated JSON body (see route.ts). */
    body: unknown;
  };
}
