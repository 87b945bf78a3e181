/** Public routes: health, services, tickets, the hall snapshot and its event stream. */
import { Hono } from "hono";
import { PRIORITIES, type Priority } from "../../contract/domain.ts";
import { IssueTicketBody, RatingBody } from "../../contract/http.ts";
import type { AppDeps } from "../deps.ts";
import { ApiError } from "../errors.ts";
import { counterParam, readJson } from "../validate.ts";

export function publicRoutes(d: AppDeps) {
  const app = new Hono();

  app.get("/health", (c) =>
    c.json({ status: "ok", hall: d.hall.config.id, version: d.version, ...d.health() }),
  );

  app.get("/services", (c) => {
    const open = d.hall.isOpen();
    return c.json({
      services: d.hall.config.services.map((s) => ({ id: s.id, prefix: s.prefix, name: s.name, open })),
    });
  });

  app.post("/tickets", async (c) => {
    const body = await readJson(c, IssueTicketBody);
    const priority = body.priority ?? "none";
    if (!(PRIORITIES as readonly string[]).includes(priority)) throw new ApiError("invalid-priority");
    const kiosk = body.kioskId ? d.hall.config.kiosks.find((k) => k.id === body.kioskId) : undefined;
    const requestKey = body.requestId ? `${body.kioskId ?? "-"}:${body.requestId}` : undefined;
    const wait = d.ticketLimiter.check(d.clientIp(c.req.raw));
    if (wait > 0)
      throw new ApiError("too-many-requests", { retryAfterSec: wait }, { "Retry-After": String(wait) });
    const r = d.hall.issue({
      serviceId: body.serviceId,
      priority: priority as Priority,
      kioskId: kiosk?.id ?? null,
      lang: body.lang ?? "vi",
      requestKey,
    });
    if (!r.repeated) d.ticketLimiter.hit(d.clientIp(c.req.raw));
    // After the commit: print at the kiosk's printer (issue 3) if the request is that kiosk's.
    const paired = !kiosk || d.devicesAuth.mayPrintFor(c, kiosk.id);
    const print = paired
      ? d.printing?.forIssued(r.ticket, kiosk?.id, body.lang ?? "vi", r.repeated)
      : undefined;
    const refused =
      !paired && d.printing?.printerOfKiosk(kiosk?.id) ? { printRefused: "device-not-paired" } : {};
    return c.json(
      print ? { ticket: r.ticket, print } : { ticket: r.ticket, ...refused },
      r.repeated ? 200 : 201,
    );
  });

  app.get("/tickets/:code", (c) => c.json({ ticket: d.hall.ticketByCode(code(c.req.param("code"))).ticket }));

  app.post("/tickets/:code/rating", async (c) => {
    const body = await readJson(c, RatingBody);
    if (body.score < 1 || body.score > 4) throw new ApiError("invalid-rating");
    return c.json({ ticket: d.hall.rate(code(c.req.param("code")), body.score).ticket }, 201);
  });

  app.post("/tickets/:code/cancel", (c) =>
    c.json({ ticket: d.hall.cancel(code(c.req.param("code"))).ticket }),
  );

  // The counter-facing rating tablet (/counter/rating?counter=n) has no login, like the
  // rating pad: it rates the visit last finished at n, once, within the rating window
  // (docs/decisions/0051-counter-rating-tablet.md). Registered here, before the counters
  // sub-app mounts its auth middleware on /counters/*, so it stays public.
  app.get("/counters/:n/rating", (c) => {
    const n = counterParam(c.req.param("n"));
    return c.json({ counter: n, last: d.hall.ratingTarget(n) });
  });
  app.post("/counters/:n/rating", d.devicesAuth.ratingDevice(), async (c) => {
    const n = counterParam(c.req.param("n"));
    const body = await readJson(c, RatingBody);
    if (body.score < 1 || body.score > 4) throw new ApiError("invalid-rating");
    const t = d.hall.rateAtCounter(n, body.score, "tablet").ticket;
    return c.json({ counter: n, number: t.number, score: body.score }, 201);
  });

  app.get("/hall", (c) => {
    const s = d.hall.snapshot();
    return c.json({ ...s, counters: s.counters.map((x) => d.hall.publicCounter(x.number)) });
  });

  app.get("/events", (c) => {
    d.keepAlive(c.req.raw);
    return d.sse.connect(c.req.raw);
  });

  return app;
}

/** Ticket codes are 16 base32 characters; anything else cannot exist. */
function code(s: string): string {
  if (!/^[a-z2-7]{16}$/.test(s)) throw new ApiError("ticket-not-found");
  return s;
}
