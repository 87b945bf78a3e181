/**
 * Counter actions (CONTRACT.md): the officer holding counter n opens, calls, recalls,
 * skips, starts, finishes, transfers, pauses and closes; managers and admins may
 * force-close a counter someone left open.
 */
import { z } from "zod";
import { errors, ok, route, STAFF, who } from "./define.ts";
import { CallSpecificBody, CounterPath, DossierBody, PauseBody, TransferBody } from "./requests.ts";
import { CounterDisplayState, DossierInfo, Text, Ticket } from "./wire.ts";

/** A counter as staff see it (`GET /api/counters`, and every counter action's answer). */
export const StaffCounter = z
  .object({
    number: z.number().int(),
    officer: z.string().nullable().meta({ description: "Name of the officer holding it, or null" }),
    officerId: z.number().int().nullable(),
    serviceIds: z.array(z.string()),
    open: z.boolean(),
    paused: z.boolean(),
    pauseReason: z.string().nullable().meta({ description: "Staff only: never on public feeds" }),
    state: CounterDisplayState,
    priorityCounter: z.boolean(),
    name: Text,
    current: Ticket.nullable().meta({ description: "The ticket called or served there" }),
  })
  .meta({ id: "StaffCounter" });

/** The counter the logged-in officer holds (`GET /api/auth/me`). */
export const HeldCounter = z
  .object({
    number: z.number().int(),
    open: z.boolean(),
    serviceIds: z.array(z.string()),
    current: z.string().nullable().meta({ description: "Visible number called or served there" }),
    name: Text,
    priorityCounter: z.boolean(),
    paused: z.boolean(),
    state: CounterDisplayState,
    expected: z.boolean().optional().meta({
      description:
        "Extension: expected open now by the schedule: one of its fields in session today (the console's reminder, the reports' working minutes)",
    }),
    officerId: z.number().int().nullable(),
    pauseReason: z.string().nullable(),
    currentTicket: Ticket.nullable(),
    currentDossier: DossierInfo.nullable().optional().meta({
      description: "Extension (issue 15): the dossier code linked to the current visit (GET /api/auth/me)",
    }),
  })
  .meta({ id: "HeldCounter" });

/** The logged-in officer's own figures today. */
export const TodayFigures = z
  .object({
    served: z.number().int(),
    meanServiceSec: z.number().nullable(),
    noShows: z.number().int(),
  })
  .meta({ id: "TodayFigures" });

const CounterBody = z.object({ counter: StaffCounter });
const TicketBody = z.object({ ticket: Ticket });
const holder = who(STAFF, "the officer holding n");

export const counters = route({
  method: "get",
  path: "/api/counters",
  tags: ["counters"],
  summary: "All counters with holder, pause and current ticket",
  ...who(STAFF, "officer, manager or admin"),
  responses: { 200: ok(z.object({ counters: z.array(StaffCounter) }), "Every counter") },
});

export const counter = route({
  method: "get",
  path: "/api/counters/{n}",
  tags: ["counters"],
  summary: "One counter with holder, pause reason and current ticket",
  ...who(STAFF, "officer, manager or admin"),
  request: { params: CounterPath },
  responses: { 200: ok(CounterBody, "The counter"), ...errors("counter-not-found") },
});

export const today = route({
  method: "get",
  path: "/api/counters/{n}/today",
  tags: ["counters"],
  summary: "The logged-in officer's own figures today: served, mean service time, no-shows",
  ...who(STAFF, "officer, manager or admin"),
  request: { params: CounterPath },
  responses: {
    200: ok(z.object({ today: TodayFigures }), "Today's figures"),
    ...errors("counter-not-found"),
  },
});

export const openCounter = route({
  method: "post",
  path: "/api/counters/{n}/open",
  tags: ["counters"],
  summary: "Take the counter: the officer now holds counter n",
  ...who(STAFF, "officer (managers and admins may open one too)"),
  request: { params: CounterPath },
  responses: {
    200: ok(CounterBody, "The counter, open"),
    ...errors("counter-not-found", "counter-taken", "already-holding-counter"),
  },
});

export const closeCounter = route({
  method: "post",
  path: "/api/counters/{n}/close",
  tags: ["counters"],
  summary: "Leave the counter (managers and admins: force-close one left open)",
  ...holder,
  request: { params: CounterPath },
  responses: {
    200: ok(CounterBody, "The counter, closed"),
    ...errors("counter-not-found", "not-your-counter", "ticket-in-progress"),
  },
});

export const pause = route({
  method: "post",
  path: "/api/counters/{n}/pause",
  tags: ["counters"],
  summary: "Tạm nghỉ: pause with a reason (staff only; public feeds say only “paused”)",
  ...holder,
  request: {
    params: CounterPath,
    body: { required: true, content: { "application/json": { schema: PauseBody } } },
  },
  responses: {
    200: ok(CounterBody, "The counter, paused"),
    ...errors("counter-not-found", "not-your-counter", "counter-not-open", "ticket-in-progress"),
  },
});

export const resume = route({
  method: "post",
  path: "/api/counters/{n}/resume",
  tags: ["counters"],
  summary: "End the pause",
  ...holder,
  request: { params: CounterPath },
  responses: {
    200: ok(CounterBody, "The counter, serving again"),
    ...errors("counter-not-found", "not-your-counter", "counter-not-open"),
  },
});

export const callNext = route({
  method: "post",
  path: "/api/counters/{n}/call-next",
  tags: ["counters"],
  summary: "Call the next ticket chosen by the dispatch policy",
  ...holder,
  request: { params: CounterPath },
  responses: {
    200: ok(TicketBody, "The called ticket"),
    204: { description: "Nobody waits for this counter" },
    ...errors(
      "counter-not-found",
      "not-your-counter",
      "counter-not-open",
      "ticket-in-progress",
      "counter-paused",
    ),
  },
});

export const callSpecific = route({
  method: "post",
  path: "/api/counters/{n}/call",
  tags: ["counters"],
  summary:
    "Call a given number out of order, with a reason (audited with the number the policy would have picked)",
  ...holder,
  request: {
    params: CounterPath,
    body: { required: true, content: { "application/json": { schema: CallSpecificBody } } },
  },
  responses: {
    200: ok(TicketBody, "The called ticket"),
    ...errors(
      "counter-not-found",
      "not-your-counter",
      "counter-not-open",
      "ticket-not-found",
      "ticket-in-progress",
      "ticket-not-waiting",
      "counter-paused",
      "forbidden",
    ),
  },
});

/** The actions on the current ticket: same inputs, same answer. */
function ticketAction<const P extends `/api/counters/{n}/${string}`>(
  path: P,
  summary: string,
  ...more: "ticket-in-progress"[]
) {
  return route({
    method: "post",
    path,
    tags: ["counters"],
    summary,
    ...holder,
    request: { params: CounterPath },
    responses: {
      200: ok(TicketBody, "The ticket"),
      ...errors("counter-not-found", "not-your-counter", "counter-not-open", "no-current-ticket", ...more),
    },
  });
}

export const recall = ticketAction("/api/counters/{n}/recall", "Announce the current number again");
export const noShow = ticketAction(
  "/api/counters/{n}/no-show",
  "The called visitor did not come (not once service has started)",
  "ticket-in-progress",
);
export const start = ticketAction("/api/counters/{n}/start", "Service starts");
export const finish = ticketAction("/api/counters/{n}/finish", "Service finished");

export const transfer = route({
  method: "post",
  path: "/api/counters/{n}/transfer",
  tags: ["counters"],
  summary: "Back in line for another field (or one counter), keeping the issue time",
  ...holder,
  request: {
    params: CounterPath,
    body: { required: true, content: { "application/json": { schema: TransferBody } } },
  },
  responses: {
    200: ok(TicketBody, "The ticket, waiting again"),
    ...errors(
      "counter-not-found",
      "not-your-counter",
      "counter-not-open",
      "no-current-ticket",
      "service-not-found",
    ),
  },
});

export const linkDossier = route({
  method: "put",
  path: "/api/counters/{n}/dossier",
  tags: ["counters"],
  summary:
    "Link the one-stop system's dossier code (and procedure code) to the visit at n, or to one finished there today",
  ...who(STAFF, "the officer holding n (managers and admins: any counter)"),
  description:
    "Who: the officer holding n (managers and admins: any counter). Goes to the event log (`dossier-linked`), the visit exports and the `visit.finished` webhook; never to a board. The same codes again change nothing; `dossierCode: null` removes the link.",
  request: {
    params: CounterPath,
    body: { required: true, content: { "application/json": { schema: DossierBody } } },
  },
  responses: {
    200: ok(
      z.object({
        ticket: z.object({ id: z.number().int(), number: z.string() }),
        dossier: DossierInfo.nullable(),
      }),
      "The visit and its link (null once removed)",
    ),
    ...errors(
      "counter-not-found",
      "not-your-counter",
      "no-current-ticket",
      "ticket-not-found",
      "invalid-dossier-code",
      "invalid-procedure-code",
      "dossier-code-taken",
    ),
  },
});

export const counterRoutes = {
  counters,
  counter,
  today,
  openCounter,
  closeCounter,
  pause,
  resume,
  callNext,
  callSpecific,
  recall,
  noShow,
  start,
  finish,
  transfer,
  linkDossier,
};

export type StaffCounter = z.output<typeof StaffCounter>;
export type HeldCounter = z.output<typeof HeldCounter>;
export type TodayFigures = z.output<typeof TodayFigures>;
