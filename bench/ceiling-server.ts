/**
 * The ceiling of issue 10's side-by-side (`npm run bench:ceiling`): the least a Bun + Hono +
 * bun:sqlite server can do per request: parse the JSON body, one INSERT in SQLite (WAL,
 * synchronous = NORMAL, as the hall's store), answer JSON. `POST /api/tickets` inserts a
 * ticket; `POST /api/counters/{n}/call-next` and `/finish` insert one row each.
 */
import { Database } from "bun:sqlite";
import { join } from "node:path";
import { Hono } from "hono";

const db = new Database(join(process.env.QMS_DATA_DIR ?? "/tmp", "ceiling.db"));
db.exec("PRAGMA journal_mode = WAL");
db.exec("PRAGMA synchronous = NORMAL");
db.exec(
  "CREATE TABLE IF NOT EXISTS tickets (id INTEGER PRIMARY KEY, service_id TEXT NOT NULL, priority TEXT NOT NULL, issued_at INTEGER NOT NULL)",
);
db.exec(
  "CREATE TABLE IF NOT EXISTS actions (id INTEGER PRIMARY KEY, counter INTEGER NOT NULL, type TEXT NOT NULL, at INTEGER NOT NULL)",
);
const issue = db.query<{ id: number }, [string, string, number]>(
  "INSERT INTO tickets (service_id, priority, issued_at) VALUES (?, ?, ?) RETURNING id",
);
const act = db.query<{ id: number }, [number, string, number]>(
  "INSERT INTO actions (counter, type, at) VALUES (?, ?, ?) RETURNING id",
);

const app = new Hono();
app.get("/api/health", (c) => c.json({ status: "ok" }));
app.post("/api/tickets", async (c) => {
  const b = await c.req.json<{ serviceId: string; priority?: string }>();
  const row = issue.get(b.serviceId, b.priority ?? "none", Date.now())!;
  return c.json({ ticket: { id: row.id, serviceId: b.serviceId, status: "waiting" } }, 201);
});
app.post("/api/counters/:n/:action", (c) => {
  const row = act.get(Number(c.req.param("n")), c.req.param("action"), Date.now())!;
  return c.json({ id: row.id }, 200);
});

Bun.serve({ port: Number(process.env.PORT), hostname: "127.0.0.1", fetch: app.fetch });
