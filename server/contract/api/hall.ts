/** The hall's public face: its snapshot, its event stream, and the board's notice line. */
import { z } from "zod";
import { MANAGERS, ok, route, who } from "./define.ts";
import { NoticeBody } from "./requests.ts";
import { HallSnapshot, Text } from "./wire.ts";

export const hall = route({
  method: "get",
  path: "/api/hall",
  tags: ["public"],
  summary: "Hall snapshot: recent calls, waiting lines, counters, notice",
  description:
    "The same body as the retained MQTT `hall/state` (which adds `seq`). Public: numbers, counters and fields only.",
  responses: { 200: ok(HallSnapshot, "The snapshot") },
});

export const events = route({
  method: "get",
  path: "/api/events",
  tags: ["public"],
  summary: "text/event-stream of committed events (public form: no ticket codes)",
  description:
    'One SSE `event` per committed change, `data` = the event JSON (`{"v":1,"type","ticket",…}`, as MQTT `events`), `id` = the event id. Reconnect with `Last-Event-ID`; a `resync` event means refetch the snapshot. A comment line every few seconds keeps the stream open.',
  responses: {
    200: { description: "Event stream", content: { "text/event-stream": { schema: z.string() } } },
  },
});

export const setNotice = route({
  method: "put",
  path: "/api/hall/notice",
  tags: ["admin"],
  summary: "Set (or clear with null) the display board's scrolling notice; republishes hall/state",
  ...who(MANAGERS, "manager or admin"),
  request: { body: { required: true, content: { "application/json": { schema: NoticeBody } } } },
  responses: {
    200: ok(z.object({ notice: Text.nullable() }), "The notice now shown (null: none)"),
  },
});

export const hallRoutes = { hall, events, setNotice };
