/**
 * PGlite in a worker thread (province/store/driver.ts `openPgliteWorker`). PGlite runs
 * PostgreSQL compiled to WASM synchronously: in the server's own thread every statement holds
 * the event loop, and a hundred halls catching up at once kept the live wall (MQTT summaries,
 * SSE frames) from running for seconds at a time. Here the database has a thread of its own;
 * the server's thread only sends statements and receives rows.
 *
 * Messages in: { id, op: "open", dataDir } | { id, op: "query", text, params, tx? } |
 * { id, op: "exec", text, tx? } | { id, op: "begin", tx } | { id, op: "end", tx, commit } |
 * { id, op: "close" }. Out: { id, ok: true, rows? } | { id, ok: false, error: { message, code, … } }.
 * A transaction (`begin` … `end`) runs inside PGlite's own `transaction()`, so its statements
 * are the only ones the database runs until it ends (others wait, as in process).
 */
import { PGlite, type Transaction } from "@electric-sql/pglite";

declare const self: Worker;

type In =
  | { id: number; op: "open"; dataDir?: string }
  | { id: number; op: "query"; text: string; params?: unknown[]; tx?: number }
  | { id: number; op: "exec"; text: string; tx?: number }
  | { id: number; op: "begin"; tx: number }
  | { id: number; op: "end"; tx: number; commit: boolean }
  | { id: number; op: "close" };

const INT8 = 20;
const NUMERIC = 1700;
const toNumber = (v: string) => Number(v);

let db: PGlite | null = null;
const open = new Map<number, { tx: Transaction; end: (commit: boolean) => void }>();

/** A rollback asked for by the server's thread (its callback threw). */
class Rollback extends Error {}

function fail(id: number, e: unknown) {
  const x = e as Record<string, unknown>;
  const error: Record<string, unknown> = { message: String((e as Error)?.message ?? e) };
  for (const k of ["code", "detail", "hint", "severity", "constraint", "table", "schema"])
    if (x?.[k] !== undefined) error[k] = x[k];
  self.postMessage({ id, ok: false, error });
}

self.onmessage = async (ev: MessageEvent<In>) => {
  const m = ev.data;
  try {
    switch (m.op) {
      case "open":
        db = await PGlite.create({ dataDir: m.dataDir, parsers: { [INT8]: toNumber, [NUMERIC]: toNumber } });
        self.postMessage({ id: m.id, ok: true });
        return;
      case "query": {
        const on = m.tx === undefined ? db! : open.get(m.tx)!.tx;
        const r = await on.query(m.text, m.params);
        self.postMessage({ id: m.id, ok: true, rows: r.rows });
        return;
      }
      case "exec": {
        const on = m.tx === undefined ? db! : open.get(m.tx)!.tx;
        await on.exec(m.text);
        self.postMessage({ id: m.id, ok: true });
        return;
      }
      case "begin": {
        let started!: () => void;
        const ready = new Promise<void>((r) => (started = r));
        const done = db!
          .transaction(
            (tx) =>
              new Promise<void>((resolve, reject) => {
                open.set(m.tx, { tx, end: (commit) => (commit ? resolve() : reject(new Rollback())) });
                started();
              }),
          )
          .catch((e) => {
            if (!(e instanceof Rollback)) throw e;
          });
        ready.then(() => self.postMessage({ id: m.id, ok: true }));
        // The end message answers when COMMIT (or ROLLBACK) has run.
        endings.set(m.tx, done);
        return;
      }
      case "end": {
        const t = open.get(m.tx)!;
        open.delete(m.tx);
        t.end(m.commit);
        const done = endings.get(m.tx)!;
        endings.delete(m.tx);
        await done;
        self.postMessage({ id: m.id, ok: true });
        return;
      }
      case "close":
        await db?.close();
        self.postMessage({ id: m.id, ok: true });
        return;
    }
  } catch (e) {
    fail(m.id, e);
  }
};

const endings = new Map<number, Promise<void>>();
