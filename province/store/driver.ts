/**
 * The province store's one SQL interface over two engines that speak the same PostgreSQL
 * (docs/decisions/0090-province-level.md):
 * - PGlite (`@electric-sql/pglite`): PostgreSQL compiled to WASM, in-process, with its files
 *   under the data folder. The one-command default: nothing to install.
 * - A PostgreSQL server through `pg` (node-postgres) when `QMS_PROVINCE_DATABASE_URL` is set:
 *   `pg` takes the same `$1` placeholders and returns the same `{ rows }` as PGlite, so every
 *   SQL text of the store runs unchanged on both; it is the most used client, has a pool, and
 *   runs on Bun.
 * Both return int8 as a JavaScript number (instants in ms and ids stay far below 2^53) and
 * numeric as a number; queries cast dates to text so that no engine-specific Date parsing applies.
 */
import { PGlite } from "@electric-sql/pglite";
import pg from "pg";

export interface Sql {
  readonly kind: "pglite" | "postgres";
  /** One statement with `$n` parameters. */
  query<T = Record<string, unknown>>(text: string, params?: unknown[]): Promise<T[]>;
  /** Several statements, no parameters (migrations). */
  exec(text: string): Promise<void>;
  /** Runs `fn` in one transaction: COMMIT when it resolves, ROLLBACK when it throws. */
  transaction<T>(fn: (tx: Sql) => Promise<T>): Promise<T>;
  close(): Promise<void>;
}

const INT8 = 20;
const NUMERIC = 1700;
const toNumber = (v: string) => Number(v);

/** An embedded PostgreSQL (PGlite) with its files in `dataDir` (undefined = in memory). */
export async function openPglite(dataDir?: string): Promise<Sql> {
  const db = await PGlite.create({
    dataDir,
    parsers: { [INT8]: toNumber, [NUMERIC]: toNumber },
  });
  const wrap = (q: Pick<PGlite, "query" | "exec">, top: boolean): Sql => ({
    kind: "pglite",
    query: async <T>(text: string, params?: unknown[]) => (await q.query<T>(text, params)).rows,
    exec: async (text) => {
      await q.exec(text);
    },
    transaction: (fn) => {
      if (!top) throw new Error("nested transaction");
      return db.transaction((tx) => fn(wrap(tx, false)));
    },
    close: () => db.close(),
  });
  return wrap(db, true);
}

/**
 * PGlite with its files in `dataDir`, in a worker thread of its own (store/pglite-worker.ts):
 * the server's event loop stays free for the live wall and HTTP while the database works, which
 * in process it could not (PGlite runs each statement synchronously). Same SQL, same rows.
 */
export async function openPgliteWorker(dataDir?: string): Promise<Sql> {
  const worker = new Worker(new URL("./pglite-worker.ts", import.meta.url).href);
  let next = 1;
  const waiting = new Map<number, { resolve: (v: unknown) => void; reject: (e: Error) => void }>();
  let dead: Error | null = null;
  worker.onmessage = (
    ev: MessageEvent<{ id: number; ok: boolean; rows?: unknown[]; error?: Record<string, unknown> }>,
  ) => {
    const m = ev.data;
    const w = waiting.get(m.id);
    if (!w) return;
    waiting.delete(m.id);
    if (m.ok) w.resolve(m.rows);
    else w.reject(Object.assign(new Error(String(m.error?.message)), m.error));
  };
  worker.onerror = (e) => {
    dead = new Error(`PGlite worker failed: ${e.message}`);
    for (const w of waiting.values()) w.reject(dead);
    waiting.clear();
  };
  const call = <T>(msg: Record<string, unknown>): Promise<T> => {
    if (dead) return Promise.reject(dead);
    const id = next++;
    return new Promise<T>((resolve, reject) => {
      waiting.set(id, { resolve: resolve as (v: unknown) => void, reject });
      worker.postMessage({ ...msg, id });
    });
  };
  await call({ op: "open", dataDir });
  let txs = 0;
  const on = (tx: number | undefined): Sql => ({
    kind: "pglite",
    query: async <T>(text: string, params?: unknown[]) => call<T[]>({ op: "query", text, params, tx }),
    exec: async (text) => {
      await call({ op: "exec", text, tx });
    },
    async transaction<T>(fn: (tx: Sql) => Promise<T>): Promise<T> {
      if (tx !== undefined) throw new Error("nested transaction");
      const id = ++txs;
      await call({ op: "begin", tx: id });
      let r: T;
      try {
        r = await fn(on(id));
      } catch (e) {
        await call({ op: "end", tx: id, commit: false }).catch(() => {});
        throw e;
      }
      await call({ op: "end", tx: id, commit: true });
      return r;
    },
    close: async () => {
      await call({ op: "close" }).catch(() => {});
      worker.terminate();
    },
  });
  return on(undefined);
}

/** A PostgreSQL server through a `pg` pool. */
export async function openPostgres(url: string, max = 8): Promise<Sql> {
  const types = {
    getTypeParser: (oid: number, format?: "text" | "binary") =>
      oid === INT8 || oid === NUMERIC ? toNumber : pg.types.getTypeParser(oid, format),
  };
  const pool = new pg.Pool({ connectionString: url, max, types: types as pg.CustomTypesConfig });
  // A dropped server connection of an idle client must not crash the process (PostgreSQL restart).
  pool.on("error", (e) => console.warn(`[province] PostgreSQL connection lost: ${e.message}`));
  await pool.query("SELECT 1");
  const onClient = (c: pg.PoolClient): Sql => ({
    kind: "postgres",
    query: async <T>(text: string, params?: unknown[]) => (await c.query(text, params)).rows as T[],
    exec: async (text) => {
      await c.query(text);
    },
    transaction: () => {
      throw new Error("nested transaction");
    },
    close: async () => {},
  });
  return {
    kind: "postgres",
    query: async <T>(text: string, params?: unknown[]) => (await pool.query(text, params)).rows as T[],
    exec: async (text) => {
      await pool.query(text);
    },
    async transaction<T>(fn: (tx: Sql) => Promise<T>): Promise<T> {
      const c = await pool.connect();
      let broken = false;
      try {
        await c.query("BEGIN");
        const r = await fn(onClient(c));
        await c.query("COMMIT");
        return r;
      } catch (e) {
        await c.query("ROLLBACK").catch(() => {
          broken = true;
        });
        throw e;
      } finally {
        c.release(broken);
      }
    },
    close: () => pool.end(),
  };
}
