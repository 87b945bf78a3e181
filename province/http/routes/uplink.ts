/**
 * The halls' uplink (contract/province.ts), authenticated with the hall's own credential:
 *   GET  /api/uplink          where to resume, and the broker for live state
 *   PUT  /api/uplink/profile  the hall's config (and officers' names, if it allows)
 *   POST /api/uplink/events   a batch of event rows after the province's cursor
 * Every refusal (4xx) is logged to the console and to the `refusals` table with the hall, the
 * code and the details, and nothing of the batch is written.
 */
import { Hono } from "hono";
import { HallConfigSchema } from "../../../server/contract/config.ts";
import { EVENT_SCHEMA_VERSIONS } from "../../../server/contract/events.ts";
import {
  HallProfileBody,
  INGEST_MAX_BYTES,
  IngestBody,
  type IngestResponse,
  type UplinkHello,
} from "../../../server/contract/province.ts";
import { ApiError } from "../../../server/http/errors.ts";
import { DomainError } from "../../../server/queue/types.ts";
import { decodeEvents } from "../../ingest/decode.ts";
import type { HallEnv } from "../auth.ts";
import { readJson } from "../body.ts";
import type { ProvinceDeps } from "../deps.ts";

/** Above this many bytes an ingest body cannot be a live batch (≤ 50 events). */
const BULK_BYTES = 64 * 1024;

export function uplinkRoutes(d: ProvinceDeps) {
  const app = new Hono<HallEnv>();
  app.use("*", d.auth.hall());

  /** Logs and records a refusal, then lets the app's onError answer it. */
  const refuse = async (hallId: string, e: unknown): Promise<never> => {
    // "Come back in a second" while a hundred halls catch up is not a refusal of the hall's data:
    // recording each one would add a write per turned-away request to the busy database.
    if ((e instanceof ApiError || e instanceof DomainError) && e.code !== "too-many-requests") {
      d.log(`refused a batch of ${hallId}: ${e.code} ${JSON.stringify(e.details ?? {}).slice(0, 300)}`);
      await d.store.staff.refusal(d.now(), hallId, e.code, e.details).catch(() => {});
    }
    throw e;
  };

  app.get("/", async (c) => {
    const h = await d.store.halls.get(c.get("hallId"));
    if (!h) throw new ApiError("hall-not-found");
    const body: UplinkHello = {
      hallId: h.id,
      lastEventId: h.lastEventId,
      versions: [...EVENT_SCHEMA_VERSIONS],
      mqtt: d.mqtt.url ? { url: d.mqtt.url, baseTopic: d.mqtt.baseTopic } : null,
    };
    return c.json(body);
  });

  app.put("/profile", async (c) => {
    const hallId = c.get("hallId");
    try {
      const body = await readJson(c, HallProfileBody, 1_000_000);
      const parsed = HallConfigSchema.safeParse(body.config);
      if (!parsed.success)
        throw new ApiError(
          "invalid-request",
          parsed.error.issues
            .slice(0, 5)
            .map((i) => ({ path: `config.${i.path.join(".")}`, message: i.message })),
        );
      if (parsed.data.id !== hallId) throw new ApiError("foreign-hall", { hallId: parsed.data.id });
      // Sent again at every reconnection: the wall reloads (every hall's day) only when it changed.
      if (await d.store.halls.setProfile(hallId, parsed.data, body.officers ?? null, d.now()))
        void d.wall.hallsChanged();
      return c.json({ ok: true });
    } catch (e) {
      return refuse(hallId, e);
    }
  });

  app.post("/events", async (c) => {
    const hallId = c.get("hallId");
    try {
      const busy = () =>
        new ApiError(
          "too-many-requests",
          { retryAfterSec: 1, reason: "ingest busy" },
          { "Retry-After": "1" },
        );
      // A body this large is a catch-up batch (an event row is a few hundred bytes): when the
      // line is full, turn it away before reading and parsing it.
      if (
        Number(c.req.header("content-length") ?? "0") > BULK_BYTES &&
        d.ingestQueue.full(d.ingestQueue.liveMax + 1)
      )
        throw busy();
      const body = await readJson(c, IngestBody, INGEST_MAX_BYTES);
      if (d.ingestQueue.full(body.events.length)) throw busy();
      const events = decodeEvents(hallId, body.events);
      const r = await d.ingestQueue.run(events.length, () =>
        d.store.ingest.ingest(hallId, body.after, events, d.now()),
      );
      if (r.accepted > 0) d.wall.onIngest(hallId, r);
      const answer: IngestResponse = {
        hallId,
        lastEventId: r.lastEventId,
        accepted: r.accepted,
        duplicates: r.duplicates,
      };
      return c.json(answer);
    } catch (e) {
      return refuse(hallId, e);
    }
  });

  return app;
}
