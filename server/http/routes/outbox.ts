/**
 * Extension `GET /api/outbox` and `POST /api/outbox/{id}/retry` (managers, admins;
 * server/contract/api/outbox.ts): the state of the messages to outside systems, so that a
 * receiver that is down shows on the dashboard, and "send again" for a failed message.
 */
import { type OutboxEntry, outboxRetry, outboxStatus } from "../../contract/api/outbox.ts";
import { isoVn } from "../../queue/time.ts";
import { DomainError } from "../../queue/types.ts";
import type { OutboxMessage } from "../../store/outbox.ts";
import type { AppDeps } from "../deps.ts";
import { routes } from "../routing.ts";

const CHANNELS = ["webhook"];

function entry(m: OutboxMessage & { number?: string | null }): OutboxEntry {
  const iso = (x: number | null) => (x === null ? null : isoVn(x));
  return {
    id: m.id,
    messageId: m.messageId,
    channel: m.channel,
    topic: m.topic,
    number: m.number ?? null,
    state: m.state,
    attempts: m.attempts,
    createdAt: isoVn(m.createdAt),
    dueAt: isoVn(m.dueAt),
    lastAttemptAt: iso(m.lastAttemptAt),
    lastStatus: m.lastStatus,
    lastError: m.lastError,
    deliveredAt: iso(m.deliveredAt),
  };
}

export function outboxRoutes(d: AppDeps) {
  const r = routes(d.auth);
  const { store, worker, configured } = d.outbox;

  r.on(outboxStatus, (c) => {
    const now = d.hall.now();
    const figures = store.figures(now - 24 * 3_600_000);
    // The webhook always; the visitors' notice channels the hall offers (issue 14); any with messages.
    const offered = d.notices?.available() ?? [];
    const names = [...new Set([...CHANNELS, ...offered, ...figures.map((f) => f.channel)])];
    const iso = (x: number | null) => (x === null ? null : isoVn(x));
    const channels = names.map((channel) => {
      const f = figures.find((x) => x.channel === channel);
      return {
        channel,
        configured: configured(channel),
        pending: f?.pending ?? 0,
        retrying: f?.retrying ?? 0,
        failed: f?.failed ?? 0,
        delivered24h: f?.delivered ?? 0,
        oldestPendingAt: iso(f?.oldestPendingAt ?? null),
        lastDeliveredAt: iso(f?.lastDeliveredAt ?? null),
        lastError: f?.lastError ? { ...f.lastError, at: isoVn(f.lastError.at) } : null,
      };
    });
    return c.json({ channels, messages: store.recent(30).map(entry) }, 200);
  });

  r.on(outboxRetry, (c) => {
    const { id } = c.req.valid("param");
    const m = store.byId(id);
    if (!m) throw new DomainError("outbox-message-not-found");
    if (!store.requeue(id, d.hall.now())) throw new DomainError("outbox-message-not-failed");
    worker.poke();
    return c.json({ message: entry(store.byId(id)!) }, 200);
  });

  return r.app;
}
