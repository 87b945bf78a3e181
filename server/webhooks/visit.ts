/**
 * The `visit.finished` webhook (issue 15, docs/decisions/0043): one message per finished
 * visit to the province's one-stop system, with the ticket number, field, counter, times,
 * dossier and procedure codes and the rating, written to the outbox in the transaction of
 * the change that causes it (a hall commit reaction).
 *
 * - `finished`: a `visit.finished` message. With `webhook.waitForRating` it is held until
 *   the rating window of the counter closes, so that it carries the rating; a rating or a
 *   dossier link in the meantime amends it (a rating also releases it at once).
 * - A rating or a dossier link after the message went out (a phone rating up to a day
 *   later, a code typed in late): a `visit.updated` message with the whole visit again.
 * - Nothing is written while the webhook has no URL.
 */
import type { HallConfig } from "../contract/config.ts";
import type { Outbox } from "../outbox/outbox.ts";
import { isoVn, waitedMs } from "../queue/time.ts";
import type { TicketRec } from "../queue/types.ts";
import type { DossierLink } from "../store/dossiers.ts";
import type { OutboxStore } from "../store/outbox.ts";
import type { StoredEvent } from "../store/store.ts";

export const VISIT_TOPICS = ["visit.finished", "visit.updated"] as const;
export type VisitTopic = (typeof VISIT_TOPICS)[number];

/** The body of a visit webhook (Standard Webhooks envelope: type, timestamp, data). */
export interface VisitWebhook {
  type: VisitTopic;
  /** When the visit last changed (ISO 8601, +07:00). */
  timestamp: string;
  data: {
    hallId: string;
    visit: {
      /** The ticket's id in this hall (stable; the key to deduplicate a visit.updated). */
      id: number;
      number: string;
      serviceDay: string;
      serviceId: string;
      serviceName: { vi: string; en: string };
      /** The field it was issued for (differs after a transfer). */
      firstServiceId: string;
      priority: string;
      counter: number | null;
      officerId: number | null;
      issuedAt: string;
      calledAt: string | null;
      startedAt: string | null;
      finishedAt: string | null;
      waitSec: number | null;
      serviceSec: number | null;
      dossierCode: string | null;
      procedureCode: string | null;
      rating: number | null;
      ratedAt: string | null;
    };
  };
}

/** The webhook body of a visit as it stands. */
export function visitPayload(
  type: VisitTopic,
  t: TicketRec,
  link: DossierLink | null,
  config: HallConfig,
  at: number,
): VisitWebhook {
  const iso = (ms: number | null) => (ms === null ? null : isoVn(ms));
  const service = config.services.find((s) => s.id === t.serviceId);
  const start = t.startedAt ?? t.calledAt;
  return {
    type,
    timestamp: isoVn(at),
    data: {
      hallId: config.id,
      visit: {
        id: t.id,
        number: t.number,
        serviceDay: t.serviceDay,
        serviceId: t.serviceId,
        serviceName: service?.name ?? { vi: t.serviceId, en: t.serviceId },
        firstServiceId: t.firstServiceId,
        priority: t.priority,
        counter: t.counter,
        officerId: t.officerId,
        issuedAt: isoVn(t.issuedAt),
        calledAt: iso(t.firstCalledAt),
        startedAt: iso(t.startedAt),
        finishedAt: iso(t.finishedAt),
        waitSec: t.firstCalledAt === null ? null : Math.round(waitedMs(t, t.firstCalledAt) / 1000),
        serviceSec:
          t.finishedAt === null || start === null ? null : Math.round((t.finishedAt - start) / 1000),
        dossierCode: link?.dossierCode ?? null,
        procedureCode: link?.procedureCode ?? null,
        rating: t.rating,
        ratedAt: iso(t.ratedAt),
      },
    },
  };
}

export interface VisitWebhookDeps {
  outbox: Outbox;
  store: OutboxStore;
  config: () => HallConfig;
  dossierOf: (ticketId: number) => DossierLink | null;
}

/** The hall commit reaction that writes the visit webhooks (register with `hall.onCommit`). */
export function visitWebhooks(d: VisitWebhookDeps) {
  return (events: readonly StoredEvent[], tickets: readonly TicketRec[]): void => {
    const cfg = d.config();
    if (!cfg.webhook.url) return;
    for (const e of events) {
      if (e.ticketId === null) continue;
      if (e.type !== "finished" && e.type !== "rated" && e.type !== "dossier-linked") continue;
      const t = tickets.find((x) => x.id === e.ticketId);
      if (t?.status !== "done") continue;
      const key = `visit:${t.id}`;
      const payload = (type: VisitTopic) =>
        JSON.stringify(visitPayload(type, t, d.dossierOf(t.id), cfg, e.at));
      if (e.type === "finished") {
        const hold = cfg.webhook.waitForRating ? cfg.targets.ratingWindowMin * 60_000 : 0;
        d.outbox.enqueue({
          channel: "webhook",
          topic: "visit.finished",
          dedupeKey: key,
          ticketId: t.id,
          payload: payload("visit.finished"),
          dueAt: e.at + hold,
        });
        continue;
      }
      const last = d.store.latestByKey(key);
      if (!last) continue; // finished while the webhook was off: nothing to amend
      // Not sent yet: the waiting message carries the change (a rating also releases it).
      const dueAt = e.type === "rated" ? Math.min(last.dueAt, e.at) : last.dueAt;
      if (d.outbox.amend(last.id, payload(last.topic as VisitTopic), dueAt)) {
        if (dueAt !== last.dueAt) d.outbox.poke();
        continue;
      }
      d.outbox.enqueue({
        channel: "webhook",
        topic: "visit.updated",
        dedupeKey: key,
        ticketId: t.id,
        payload: payload("visit.updated"),
        dueAt: e.at,
      });
    }
  };
}
