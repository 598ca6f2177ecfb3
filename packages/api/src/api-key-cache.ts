import type { Database } from "@taskforge/db";
import { listenOn } from "./listen";
import { logger } from "./logger";

/**
 * A few seconds' memory of authenticated API keys, so a busy key costs no database round trip per
 * request. Revocation stays immediate: every change that can take a key's rights away (revoking it,
 * a creator's roles changing or the creator leaving, bootstrap keys replaced) calls
 * `forgetApiKeys`, which empties this process's cache and, on PostgreSQL, NOTIFYs the other
 * processes, whose listener empties theirs. A process whose listener is not connected does not
 * cache at all, so a lost notification can never keep a revoked key alive. PGlite lives in one
 * process, so emptying the local cache is enough there.
 */
export const API_KEY_CHANNEL = "taskforge_api_keys";

export const DEFAULT_API_KEY_CACHE_TTL_MS = 5_000;

type Entry<T> = { value: T; expiresAt: number };

type CacheState = {
  entries: Map<string, Entry<unknown>>;
  /** Whether entries may be kept (PGlite, or PostgreSQL with a connected listener). */
  active: boolean;
  ttlMs: number;
  /** Bumped on every invalidation: a lookup that started before one must not store its answer. */
  generation: number;
};

// On globalThis: the Next.js bundle and the server that mounts it each hold their own copy of this
// module, and an invalidation made by one must reach the cache the other reads.
const registry = ((globalThis as Record<symbol, unknown>)[Symbol.for("taskforge.apiKeyCache")] ??=
  new WeakMap<object, CacheState>()) as WeakMap<object, CacheState>;

const stateOf = (owner: object): CacheState => {
  let state = registry.get(owner);
  if (!state) {
    state = {
      entries: new Map(),
      active: false,
      ttlMs: DEFAULT_API_KEY_CACHE_TTL_MS,
      generation: 0,
    };
    registry.set(owner, state);
  }
  return state;
};

const clear = (state: CacheState) => {
  state.entries.clear();
  state.generation++;
};

/**
 * Reads `hash` through the cache of `owner` (the database's Prisma client): `load` runs on a miss,
 * and its answer is kept for the TTL unless it is null or an invalidation happened meanwhile.
 */
export const cachedApiKeyLookup = async <T>(
  owner: object,
  hash: string,
  load: () => Promise<T | null>,
): Promise<{ value: T | null; cached: boolean }> => {
  const state = registry.get(owner);
  if (!state?.active) return { value: await load(), cached: false };
  const hit = state.entries.get(hash);
  const now = Date.now();
  if (hit && hit.expiresAt > now) return { value: hit.value as T, cached: true };
  if (hit) state.entries.delete(hash);
  const generation = state.generation;
  const value = await load();
  if (value !== null && state.active && state.generation === generation) {
    state.entries.set(hash, { value, expiresAt: Date.now() + state.ttlMs });
  }
  return { value, cached: false };
};

/**
 * Forgets every cached key of `db`, here and (PostgreSQL) in every process listening. Call it after
 * the change committed.
 */
export const forgetApiKeys = async (db: Database): Promise<void> => {
  const state = registry.get(db.prisma);
  if (state) clear(state);
  if (db.kind === "postgres") await db.sql.query(`SELECT pg_notify($1, '')`, [API_KEY_CHANNEL]);
};

export type ApiKeyCacheHandle = {
  /** Settles once the first LISTEN attempt did (the cache is on from then if it succeeded). */
  ready: Promise<void>;
  stop: () => Promise<void>;
};

/**
 * Turns the cache on for `db`. On PostgreSQL it stays on only while a LISTEN connection to
 * `databaseUrl` is up: losing it empties the cache and turns it off until the listener is back.
 */
export const startApiKeyCache = (
  db: Database,
  options: { databaseUrl?: string | undefined; ttlMs?: number } = {},
): ApiKeyCacheHandle => {
  const state = stateOf(db.prisma);
  state.ttlMs = options.ttlMs ?? DEFAULT_API_KEY_CACHE_TTL_MS;
  const idle: ApiKeyCacheHandle = { ready: Promise.resolve(), stop: () => Promise.resolve() };
  if (state.ttlMs <= 0) return idle;
  if (db.kind !== "postgres") {
    state.active = true;
    return {
      ready: Promise.resolve(),
      stop: () => {
        state.active = false;
        clear(state);
        return Promise.resolve();
      },
    };
  }
  const databaseUrl = options.databaseUrl;
  if (!databaseUrl) return idle;

  const listener = listenOn(databaseUrl, API_KEY_CHANNEL, {
    onNotify: () => clear(state),
    onListening: () => {
      // Whatever was revoked while nobody listened is read fresh from now on.
      clear(state);
      state.active = true;
    },
    onLost: (error) => {
      state.active = false;
      clear(state);
      logger.warn({ err: error }, "API key cache listener lost; caching paused");
    },
  });
  return {
    ready: listener.ready,
    stop: async () => {
      state.active = false;
      clear(state);
      await listener.close();
    },
  };
};
