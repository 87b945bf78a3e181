/**
 * Counter actions (CONTRACT.md): the officer holding counter n calls, recalls, skips,
 * starts, finishes and transfers; managers and admins may force-close a counter.
 */
import { Hono } from "hono";
import { CallSpecificBody, PauseBody, TransferBody } from "../../contract/http.ts";
import type { Actor } from "../../hall/hall.ts";
import type { AuthEnv } from "../auth.ts";
import type { AppDeps } from "../deps.ts";
import { counterParam, readJson } from "../validate.ts";

export function counterRoutes(d: AppDeps) {
  const app = new Hono<AuthEnv>();
  app.use("*", d.auth.require());
  const actor = (c: { get(k: "user"): { id: number; role: Actor["role"] } }): Actor => {
    const u = c.get("user");
    return { id: u.id, role: u.role };
  };
  const info = (n: number) => {
    const i = d.hall.counterInfo(n);
    const holder = i.officerId === null ? null : d.users.byId(i.officerId);
    return {
      number: i.number,
      officer: holder?.name ?? null,
      officerId: i.officerId,
      serviceIds: i.serviceIds,
      open: i.open,
      paused: i.paused,
      pauseReason: i.pauseReason,
      state: i.state,
      priorityCounter: i.priorityCounter,
      name: i.name,
      current: i.currentTicket,
    };
  };

  app.get("/", (c) => c.json({ counters: d.hall.config.counters.map((x) => info(x.number)) }));
  app.get("/:n", (c) => c.json({ counter: info(counterParam(c.req.param("n"))) }));

  app.post("/:n/open", (c) => {
    const n = counterParam(c.req.param("n"));
    d.hall.openCounter(n, actor(c));
    return c.json({ counter: info(n) });
  });
  app.post("/:n/close", (c) => {
    const n = counterParam(c.req.param("n"));
    d.hall.closeCounter(n, actor(c));
    return c.json({ counter: info(n) });
  });
  app.post("/:n/pause", async (c) => {
    const n = counterParam(c.req.param("n"));
    const body = await readJson(c, PauseBody);
    d.hall.pause(n, actor(c), body.reason);
    return c.json({ counter: info(n) });
  });
  app.post("/:n/resume", (c) => {
    const n = counterParam(c.req.param("n"));
    d.hall.resume(n, actor(c));
    return c.json({ counter: info(n) });
  });

  app.post("/:n/call-next", (c) => {
    const r = d.hall.callNext(counterParam(c.req.param("n")), actor(c));
    return r ? c.json({ ticket: r.ticket }) : c.body(null, 204);
  });
  app.post("/:n/call", async (c) => {
    const body = await readJson(c, CallSpecificBody);
    return c.json({
      ticket: d.hall.callSpecific(counterParam(c.req.param("n")), actor(c), body.number, body.reason).ticket,
    });
  });
  app.post("/:n/recall", (c) =>
    c.json({ ticket: d.hall.recall(counterParam(c.req.param("n")), actor(c)).ticket }),
  );
  app.post("/:n/no-show", (c) =>
    c.json({ ticket: d.hall.noShow(counterParam(c.req.param("n")), actor(c)).ticket }),
  );
  app.post("/:n/start", (c) =>
    c.json({ ticket: d.hall.start(counterParam(c.req.param("n")), actor(c)).ticket }),
  );
  app.post("/:n/finish", (c) =>
    c.json({ ticket: d.hall.finish(counterParam(c.req.param("n")), actor(c)).ticket }),
  );
  app.post("/:n/transfer", async (c) => {
    const body = await readJson(c, TransferBody);
    const n = counterParam(c.req.param("n"));
    return c.json({ ticket: d.hall.transfer(n, actor(c), body).ticket });
  });

  app.get("/:n/today", (c) => {
    const u = c.get("user");
    return c.json({ today: d.hall.officerToday(u.id) });
  });

  return app;
}
