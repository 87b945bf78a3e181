/**
 * The one module of the visitor apps that knows the API's URLs (home-assistant's
 * `src/data/` habit): components get data as properties and never fetch.
 * Every call goes through the typed client (ui/api.ts): paths, inputs and answers are
 * the route declarations of server/contract/api/.
 */
import type { Priority } from "../../server/contract/domain.ts";
import { type ApiOk, api } from "../../ui/api.ts";
import { deviceHeaders } from "../../ui/device-token.ts";
import type { Lang } from "../../ui/i18n.ts";

/** `GET /api/health`; resolves when the server answers 200 within `timeoutMs`. */
export function checkHealth(timeoutMs = 4000): Promise<ApiOk<"GET", "/api/health">> {
  return api("GET", "/api/health", {}, { timeoutMs });
}

/** `GET /api/services`: the fields, open or closed. */
export function fetchServices(lang: Lang = "vi") {
  return api("GET", "/api/services", {}, { lang, timeoutMs: 6000 });
}

/** `GET /api/hall`, read only for the hall's name. */
export function fetchHall() {
  return api("GET", "/api/hall", {}, { timeoutMs: 6000 });
}

/**
 * `POST /api/tickets`. `requestId` makes the request idempotent per kiosk (server:
 * `kioskId:requestId`), so the same id may be sent again after a lost answer.
 */
export function issueTicket(body: {
  serviceId: string;
  priority: Priority;
  kioskId?: string;
  lang: Lang;
  requestId: string;
  /** The visitor's citizen ID card: only the verdict and the day-hash (decision 0042). */
  cccd?: { elderly: boolean; keyId: string; hash: string };
  /** A visitor collecting a result: the dossier code (issue 15). */
  dossierCode?: string;
}) {
  // The kiosk's device token: without it the ticket is issued but not printed.
  return api(
    "POST",
    "/api/tickets",
    { body },
    { lang: body.lang, timeoutMs: 8000, headers: deviceHeaders(body.kioskId) },
  );
}

/** `GET /api/kiosks/{kioskId}/cccd-key`: today's key for the card's day-hash (a paired kiosk only). */
export function fetchCccdKey(kioskId: string) {
  return api(
    "GET",
    "/api/kiosks/{kioskId}/cccd-key",
    { params: { kioskId } },
    { timeoutMs: 4000, headers: deviceHeaders(kioskId) },
  );
}

/** `GET /api/print-jobs/{jobId}`: the job's state and whether its printer is back. */
export function fetchPrintJob(jobId: string) {
  return api("GET", "/api/print-jobs/{jobId}", { params: { jobId } }, { timeoutMs: 4000 });
}

/** `POST /api/print-jobs/{jobId}/reprint`: a new job of the same ticket, never a new ticket. */
export function reprintJob(jobId: string, kioskId?: string) {
  return api(
    "POST",
    "/api/print-jobs/{jobId}/reprint",
    { params: { jobId } },
    { timeoutMs: 6000, headers: deviceHeaders(kioskId) },
  );
}

/** `GET /api/tickets/{code}`: the ticket with its live position and estimate. */
export function fetchTicket(code: string, lang: Lang) {
  return api("GET", "/api/tickets/{code}", { params: { code } }, { lang });
}

/** `POST /api/tickets/{code}/cancel`: the visitor gives up the ticket. */
export function cancelTicket(code: string, lang: Lang) {
  return api("POST", "/api/tickets/{code}/cancel", { params: { code } }, { lang });
}

/** `POST /api/tickets/{code}/rating` with a score 1–4. */
export function rateTicket(code: string, score: 1 | 2 | 3 | 4, lang: Lang) {
  return api("POST", "/api/tickets/{code}/rating", { params: { code }, body: { score } }, { lang });
}

/**
 * A random request id (32 hex characters). Not `crypto.randomUUID()`: that exists only
 * in secure contexts (HTTPS or localhost), and a kiosk usually loads the hall over plain
 * http://192.168.x.x; `getRandomValues` works everywhere.
 */
export function newRequestId(): string {
  const b = crypto.getRandomValues(new Uint8Array(16));
  return Array.from(b, (x) => x.toString(16).padStart(2, "0")).join("");
}

// ------------------------------------------------------------ appointments (issue 14)

/** `GET /api/appointments/fields`: the fields that take bookings. */
export function fetchBookableFields(lang: Lang) {
  return api("GET", "/api/appointments/fields", {}, { lang, timeoutMs: 6000 });
}

/** `GET /api/appointments/days`: the days one may book a field on, with free places. */
export function fetchBookingDays(serviceId: string, lang: Lang) {
  return api("GET", "/api/appointments/days", { query: { serviceId } }, { lang, timeoutMs: 6000 });
}

/** `GET /api/appointments/slots`: free places per slot of a field on a day. */
export function fetchSlots(serviceId: string, date: string, lang: Lang) {
  return api("GET", "/api/appointments/slots", { query: { serviceId, date } }, { lang, timeoutMs: 6000 });
}

/** `POST /api/appointments`: books a slot; a phone only for a reminder. */
export function bookAppointment(body: {
  serviceId: string;
  date: string;
  slot: string;
  phone?: string;
  lang: Lang;
}) {
  return api("POST", "/api/appointments", { body }, { lang: body.lang, timeoutMs: 8000 });
}

/** `GET /api/appointments/{code}`. */
export function fetchAppointment(code: string, lang: Lang) {
  return api("GET", "/api/appointments/{code}", { params: { code } }, { lang, timeoutMs: 6000 });
}

/** `DELETE /api/appointments/{code}`: the visitor cancels. */
export function cancelAppointment(code: string, lang: Lang) {
  return api("DELETE", "/api/appointments/{code}", { params: { code } }, { lang, timeoutMs: 6000 });
}

/** `POST /api/appointments/{code}/check-in`: the booking becomes a ticket, printed at the kiosk. */
export function checkInAppointment(code: string, kioskId: string, lang: Lang) {
  return api(
    "POST",
    "/api/appointments/{code}/check-in",
    { params: { code }, body: { kioskId } },
    { lang, timeoutMs: 8000, headers: deviceHeaders(kioskId) },
  );
}

/** `GET /api/tickets/{code}/notify`: the notices offered and the ticket's own (issue 14). */
export function fetchNotices(code: string, lang: Lang) {
  return api("GET", "/api/tickets/{code}/notify", { params: { code } }, { lang, timeoutMs: 6000 });
}

/** `POST /api/tickets/{code}/notify`: ask for a notice (a second one for a channel replaces it). */
export function subscribeNotices(
  code: string,
  body: {
    channel: "push" | "zalo" | "sms";
    phone?: string;
    subscription?: { endpoint: string; keys: { p256dh: string; auth: string } };
    ahead?: number | null;
    minutes?: number | null;
    lang: Lang;
  },
) {
  return api(
    "POST",
    "/api/tickets/{code}/notify",
    { params: { code }, body },
    { lang: body.lang, timeoutMs: 8000 },
  );
}

/** `DELETE /api/tickets/{code}/notify`: stop notices (the number is deleted at once). */
export function stopNotices(code: string, lang: Lang, channel?: "push" | "zalo" | "sms") {
  return api(
    "DELETE",
    "/api/tickets/{code}/notify",
    { params: { code }, query: channel ? { channel } : {} },
    { lang, timeoutMs: 6000 },
  );
}
