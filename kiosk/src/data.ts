/**
 * The one module of the visitor apps that knows the API's URLs (home-assistant's
 * `src/data/` habit): components get data as properties and never fetch.
 * Paths and bodies: shared/CONTRACT.md "HTTP" and server/contract/print.ts.
 */
import type {
  HallSnapshot,
  PrintJobResponse,
  Priority,
  ServicesResponse,
  TicketIssuedResponse,
  TicketResponse,
} from "../../server/contract/index.ts";
import { api } from "../../ui/api.ts";
import { deviceHeaders } from "../../ui/device-token.ts";
import type { Lang } from "../../ui/i18n.ts";

/** `GET /api/health`; resolves when the server answers 200 within `timeoutMs`. */
export function checkHealth(timeoutMs = 4000): Promise<unknown> {
  return api("GET", "/api/health", undefined, { timeoutMs });
}

/** `GET /api/services`: the fields, open or closed. */
export function fetchServices(lang: Lang = "vi"): Promise<ServicesResponse> {
  return api<ServicesResponse>("GET", "/api/services", undefined, { lang, timeoutMs: 6000 });
}

/** `GET /api/hall`, read only for the hall's name. */
export function fetchHall(): Promise<HallSnapshot> {
  return api<HallSnapshot>("GET", "/api/hall", undefined, { timeoutMs: 6000 });
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
}): Promise<TicketIssuedResponse> {
  // The kiosk's device token: without it the ticket is issued but not printed.
  return api<TicketIssuedResponse>("POST", "/api/tickets", body, {
    lang: body.lang,
    timeoutMs: 8000,
    headers: deviceHeaders(body.kioskId),
  });
}

/** `GET /api/print-jobs/{jobId}` (helper-1's extension, server/contract/print.ts). */
export function fetchPrintJob(jobId: string): Promise<PrintJobResponse> {
  return api<PrintJobResponse>("GET", `/api/print-jobs/${encodeURIComponent(jobId)}`, undefined, {
    timeoutMs: 4000,
  });
}

/** `POST /api/print-jobs/{jobId}/reprint`: a new job of the same ticket, never a new ticket. */
export function reprintJob(jobId: string, kioskId?: string): Promise<PrintJobResponse> {
  return api<PrintJobResponse>("POST", `/api/print-jobs/${encodeURIComponent(jobId)}/reprint`, undefined, {
    timeoutMs: 6000,
    headers: deviceHeaders(kioskId),
  });
}

/** `GET /api/tickets/{code}`: the ticket with its live position and estimate. */
export function fetchTicket(code: string, lang: Lang): Promise<TicketResponse> {
  return api<TicketResponse>("GET", `/api/tickets/${encodeURIComponent(code)}`, undefined, { lang });
}

/** `POST /api/tickets/{code}/cancel`: the visitor gives up the ticket. */
export function cancelTicket(code: string, lang: Lang): Promise<TicketResponse> {
  return api<TicketResponse>("POST", `/api/tickets/${encodeURIComponent(code)}/cancel`, {}, { lang });
}

/** `POST /api/tickets/{code}/rating` with a score 1–4. */
export function rateTicket(code: string, score: 1 | 2 | 3 | 4, lang: Lang): Promise<TicketResponse> {
  return api<TicketResponse>("POST", `/api/tickets/${encodeURIComponent(code)}/rating`, { score }, { lang });
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
