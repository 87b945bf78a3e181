/**
 * Counter actions (CONTRACT.md): the officer holding counter n calls, recalls, skips,
 * starts, finishes and transfers; managers and admins may force-close a counter.
 */

import type { StaffCounter } from "../../contract/api/counters.ts";
import {
  callNext,
  callSpecific,
  closeCounter,
  counter,
  counters,
  finish,
  linkDossier,
  noShow,
  openCounter,
  pause,
  recall,
  resume,
  start,
  today,
  transfer,
} from "../../contract/api/counters.ts";
import { dossierInfo } from "../../hall/dto.ts";
import type { Actor } from "../../hall/hall.ts";
import type { AppDeps } from "../deps.ts";
import { ApiError } from "../errors.ts";
import { noContent, routes } from "../routing.ts";

export function counterRoutes(d: AppDeps) {
  const r = routes(d.auth);
  const actor = (c: { get(k: "user"): { id: number; role: Actor["role"] } }): Actor => {
    const u = c.get("user");
    return { id: u.id, role: u.role };
  };
  const info = (n: number): StaffCounter => {
    if (!d.hall.config.counters.some((x) => x.number === n)) throw new ApiError("counter-not-found");
    return d.views.staffCounter(n);
  };

  r.on(counters, (c) => c.json({ counters: d.hall.config.counters.map((x) => info(x.number)) }, 200));
  r.on(counter, (c) => c.json({ counter: info(c.req.valid("param").n) }, 200));
  r.on(today, (c) => c.json({ today: d.views.officerToday(c.get("user").id) }, 200));

  r.on(openCounter, (c) => {
    const { n } = c.req.valid("param");
    d.hall.openCounter(n, actor(c));
    return c.json({ counter: info(n) }, 200);
  });
  r.on(closeCounter, (c) => {
    const { n } = c.req.valid("param");
    d.hall.closeCounter(n, actor(c));
    return c.json({ counter: info(n) }, 200);
  });
  r.on(pause, (c) => {
    const { n } = c.req.valid("param");
    d.hall.pause(n, actor(c), c.req.valid("json").reason);
    return c.json({ counter: info(n) }, 200);
  });
  r.on(resume, (c) => {
    const { n } = c.req.valid("param");
    d.hall.resume(n, actor(c));
    return c.json({ counter: info(n) }, 200);
  });

  r.on(linkDossier, (c) => {
    const { n } = c.req.valid("param");
    const { rec, link } = d.hall.linkDossier(n, actor(c), c.req.valid("json"));
    return c.json({ ticket: { id: rec.id, number: rec.number }, dossier: link && dossierInfo(link) }, 200);
  });

  r.on(callNext, (c) => {
    const called = d.hall.callNext(c.req.valid("param").n, actor(c));
    return called ? c.json({ ticket: called.ticket }, 200) : noContent(c);
  });
  r.on(callSpecific, (c) => {
    const { number, reason } = c.req.valid("json");
    return c.json(
      { ticket: d.hall.callSpecific(c.req.valid("param").n, actor(c), number, reason).ticket },
      200,
    );
  });
  r.on(recall, (c) => c.json({ ticket: d.hall.recall(c.req.valid("param").n, actor(c)).ticket }, 200));
  r.on(noShow, (c) => c.json({ ticket: d.hall.noShow(c.req.valid("param").n, actor(c)).ticket }, 200));
  r.on(start, (c) => c.json({ ticket: d.hall.start(c.req.valid("param").n, actor(c)).ticket }, 200));
  r.on(finish, (c) => c.json({ ticket: d.hall.finish(c.req.valid("param").n, actor(c)).ticket }, 200));
  r.on(transfer, (c) => {
    const n = c.req.valid("param").n;
    return c.json({ ticket: d.hall.transfer(n, actor(c), c.req.valid("json")).ticket }, 200);
  });

  return r.app;
}
