/** Public routes: health, services, tickets, the counter-facing rating tablet. */
import {
  cancelTicket,
  cccdKey,
  counterRatingTarget,
  health,
  issueTicket,
  rateAtCounter,
  rateTicket,
  services,
  ticket,
} from "../../contract/api/public.ts";
import { statusDto } from "../../hall/dto.ts";
import { isoVn } from "../../queue/time.ts";
import type { AppDeps } from "../deps.ts";
import { ApiError } from "../errors.ts";
import { routes } from "../routing.ts";

export function publicRoutes(d: AppDeps) {
  const r = routes(d.auth);

  r.on(health, (c) =>
    c.json({ status: "ok", hall: d.hall.config.id, version: d.version, ...d.health() }, 200),
  );

  // The one schedule rule decides `open` per field (server/queue/schedule.ts).
  r.on(services, (c) => {
    const now = d.hall.now();
    const out = d.hall.config.services.map((s) => {
      const st = d.hall.issueState(s.id, now);
      return {
        id: s.id,
        prefix: d.hall.prefixToday(s.id),
        name: s.name,
        open: st.issuing,
        closedReason: st.reason,
        opensAt: st.opensAt === null ? null : isoVn(st.opensAt),
        ...(s.askDossier ? { askDossier: true } : {}),
      };
    });
    return c.json(
      { services: out, version: d.settings.version, status: statusDto(d.hall.issueState(undefined, now)) },
      200,
    );
  });

  r.on(issueTicket, async (c) => {
    const body = c.req.valid("json");
    const kiosk = body.kioskId ? d.hall.config.kiosks.find((k) => k.id === body.kioskId) : undefined;
    const requestKey = body.requestId ? `${body.kioskId ?? "-"}:${body.requestId}` : undefined;
    const wait = d.ticketLimiter.check(d.clientIp(c.req.raw));
    if (wait > 0)
      throw new ApiError("too-many-requests", { retryAfterSec: wait }, { "Retry-After": String(wait) });
    const lang = body.lang ?? "vi";
    const priority = body.priority ?? "none";
    // The citizen ID card (decision 0042): only the kiosk's verdict and day-hash arrive here.
    let guard: { check(): void; record(): void } | undefined;
    if (body.cccd) {
      const opts = d.hall.config.cccd;
      if (!opts.enabled) throw new ApiError("cccd-disabled");
      if (priority === "elderly" && !body.cccd.elderly) throw new ApiError("invalid-cccd");
      guard = d.cccd.forIssue(body.cccd.keyId, body.cccd.hash, body.serviceId, opts.onePerFieldPerDay);
    }
    const issued = d.hall.issue(
      { serviceId: body.serviceId, priority, kioskId: kiosk?.id ?? null, lang, requestKey },
      {
        guard,
        dossierCode: body.dossierCode?.trim() ? body.dossierCode : undefined,
        // Reports can tell elderly tickets proven by the card from declared ones; nothing of the card itself.
        eventData: body.cccd?.elderly && priority === "elderly" ? { priorityBy: "cccd" } : undefined,
        deferEstimate: d.estimates !== undefined,
      },
    );
    if (!issued.repeated) d.ticketLimiter.hit(d.clientIp(c.req.raw));
    // The printed estimate: from the next shared run, which counts this ticket and every one
    // issued with it (a burst of issues costs one run of the estimate, not one each).
    if (d.estimates && issued.rec.status === "waiting")
      issued.ticket = d.hall.ticketView(issued.rec, await d.estimates.of(issued.rec.id));
    // After the commit: print at the kiosk's printer (issue 3) if the request is that kiosk's
    // (its X-Device-Token, decision 0023); `print` is the job.
    const paired = !kiosk || d.devicesAuth.mayPrintFor(c, kiosk.id);
    const print = paired ? d.printing?.forIssued(issued.ticket, kiosk?.id, lang, issued.repeated) : undefined;
    const refused = !paired && d.printing?.printerOfKiosk(kiosk?.id);
    const out = print
      ? { ticket: issued.ticket, print }
      : refused
        ? { ticket: issued.ticket, printRefused: "device-not-paired" as const }
        : { ticket: issued.ticket };
    return issued.repeated ? c.json(out, 200) : c.json(out, 201);
  });

  r.on(ticket, (c) => c.json({ ticket: d.hall.ticketByCode(c.req.valid("param").code).ticket }, 200));

  r.on(rateTicket, (c) => {
    const { code } = c.req.valid("param");
    return c.json({ ticket: d.hall.rate(code, c.req.valid("json").score).ticket }, 201);
  });

  r.on(cancelTicket, (c) => c.json({ ticket: d.hall.cancel(c.req.valid("param").code).ticket }, 200));

  // The counter-facing rating tablet (/counter/rating?counter=n) has no login, like the
  // rating pad: it rates the visit last finished at n, once, within the rating window
  // (docs/decisions/0051-counter-rating-tablet.md).
  r.on(counterRatingTarget, (c) => {
    const { n } = c.req.valid("param");
    return c.json(
      { counter: n, last: d.hall.ratingTarget(n), windowMin: d.hall.config.targets.ratingWindowMin },
      200,
    );
  });

  // Only counter n's tablet (the token of `rating-{n}`) may rate there (decision 0023).
  r.on(
    rateAtCounter,
    (c) => {
      const { n } = c.req.valid("param");
      const { score } = c.req.valid("json");
      const t = d.hall.rateAtCounter(n, score, "tablet").ticket;
      return c.json({ counter: n, number: t.number, score }, 201);
    },
    [d.devicesAuth.ratingDevice()],
  );

  // A paired kiosk's day key for the card's day-hash (decision 0042).
  r.on(cccdKey, (c) => {
    const { kioskId } = c.req.valid("param");
    if (!d.hall.config.kiosks.some((k) => k.id === kioskId)) throw new ApiError("kiosk-not-found");
    if (!d.devicesAuth.holds(c, kioskId)) throw new ApiError("device-not-paired");
    const opts = d.hall.config.cccd;
    if (!opts.enabled) throw new ApiError("cccd-disabled");
    c.header("cache-control", "no-store");
    return c.json({ ...d.cccd.key(), onePerFieldPerDay: opts.onePerFieldPerDay }, 200);
  });

  return r.app;
}
