/**
 * What callers send: path parameters and JSON bodies, validated at the edge (STYLE.md
 * habit 4) before a handler runs.
 *
 * - Bodies are strict: an unknown field is refused with 400 `unknown-field` naming it
 *   (a typo such as `serviceID` must not be silently ignored; issue 11).
 * - Path ids are strict: only the canonical spelling resolves (`/api/users/0x1`,
 *   `/api/counters/1e0`, `/api/counters/01` do not), and a malformed id answers the
 *   same 404 as an unknown one.
 * - A schema issue whose message is an error code (`{ error: "invalid-priority" }`) gives
 *   that code and its status; anything else gives 400 `invalid-request` with the failing
 *   fields in `details` (server/http/validation.ts).
 */
import { z } from "zod";
import { PRIORITIES, ROLES } from "../domain.ts";
import { ID_PATTERN } from "../topics.ts";

/** Counter number in a path: 1–9999, no sign, no leading zero, no exponent. */
export const CounterNumber = z
  .string()
  .regex(/^[1-9][0-9]{0,3}$/, { error: "counter-not-found" })
  .transform(Number)
  .meta({ description: "Counter number (1–9999, canonical decimal)", example: "3" });

export const CounterPath = z.object({ n: CounterNumber });

/** A ticket's public code in a path: 16 base32 characters (anything else cannot exist). */
export const TicketCodePath = z.object({
  code: z
    .string()
    .regex(/^[a-z2-7]{16}$/, { error: "ticket-not-found" })
    .meta({ description: "The ticket's public code (from its QR)", example: "k3v7q2mxa5rtb4ne" }),
});

export const UserIdPath = z.object({
  id: z
    .string()
    .regex(/^[1-9][0-9]{0,9}$/, { error: "user-not-found" })
    .transform(Number)
    .meta({ description: "User id (canonical decimal)", example: "4" }),
});

export const PrintJobPath = z.object({
  jobId: z
    .string()
    .regex(ID_PATTERN, { error: "print-job-not-found" })
    .meta({ description: "Print job id (lowercase ASCII)", example: "j7k2m9q4x8v3n5t1" }),
});

export const IssueTicketBody = z
  .strictObject({
    serviceId: z.string().min(1).max(64).meta({ example: "ho-tich" }),
    priority: z
      .enum(PRIORITIES, { error: "invalid-priority" })
      .optional()
      .meta({ description: "Default `none`; an unknown category gives 422 invalid-priority" }),
    kioskId: z
      .string()
      .max(64)
      .optional()
      .meta({ description: "The kiosk asking: its printer prints the ticket", example: "kiosk-1" }),
    lang: z.enum(["vi", "en"]).optional().meta({ description: "Language of the printed ticket" }),
    requestId: z.string().min(8).max(64).optional().meta({
      description:
        "Extension: a kiosk-chosen id that makes a retried or double-tapped request idempotent (per kioskId)",
    }),
    cccd: z
      .strictObject({
        elderly: z
          .boolean()
          .meta({ description: "The kiosk's verdict from the card's birth date: 60 or older today" }),
        keyId: z
          .string()
          .min(1)
          .max(64)
          .meta({ description: "The day key it hashed with (GET /api/kiosks/{kioskId}/cccd-key)" }),
        hash: z
          .string()
          .regex(/^[0-9a-f]{64}$/, { error: "invalid-cccd" })
          .meta({ description: 'HMAC-SHA256(day key, "cccd:" + the 12-digit number), hex' }),
      })
      .optional()
      .meta({
        description:
          "Extension (issue 15): the visitor scanned their citizen ID card at the kiosk. Only this verdict and day-hash leave the kiosk, never the card's data (docs/decisions/0042). `priority: elderly` then needs `elderly: true`; one ticket per card, field and day.",
      }),
    dossierCode: z.string().max(64).optional().meta({
      description:
        "Extension (issue 15): the dossier code a visitor collecting a result typed or scanned (hall format, 422 invalid-dossier-code; linked to one visit a day, 409 dossier-code-taken)",
      example: "000.00.19.H26-231109-0003",
    }),
  })
  .meta({ example: { serviceId: "ho-tich", priority: "elderly", kioskId: "kiosk-1", lang: "vi" } });

export const RatingBody = z.strictObject({
  score: z
    .number()
    .int()
    .min(1, { error: "invalid-rating" })
    .max(4, { error: "invalid-rating" })
    .meta({ description: "1 = Không hài lòng … 4 = Rất hài lòng", example: 4 }),
});

export const LoginBody = z
  .strictObject({
    username: z.string().min(1).max(64),
    password: z.string().min(1).max(256),
  })
  .meta({ example: { username: "canbo1", password: "••••••••" } });

export const CreateUserBody = z.strictObject({
  username: z
    .string()
    .min(2)
    .max(64)
    .regex(/^[a-z0-9._-]+$/, "lowercase letters, digits, . _ -")
    .meta({ example: "lan.nguyen" }),
  password: z.string().min(8).max(256),
  name: z.string().min(1).max(128).meta({ example: "Nguyễn Thị Lan" }),
  role: z.enum(ROLES),
});

export const UpdateUserBody = z.strictObject({
  name: z.string().min(1).max(128).optional(),
  role: z.enum(ROLES).optional(),
  disabled: z.boolean().optional(),
  password: z.string().min(8).max(256).optional().meta({ description: "A new password (reset)" }),
});

export const TransferBody = z.strictObject({
  serviceId: z.string().min(1).max(64).meta({ description: "The field to go back in line for" }),
  counter: z
    .number()
    .int()
    .min(1)
    .max(999)
    .optional()
    .meta({ description: "Extension: only this counter may call the ticket next" }),
});

export const PauseBody = z.strictObject({
  reason: z.string().min(1).max(200).meta({ example: "Họp giao ban" }),
});

export const CallSpecificBody = z.strictObject({
  number: z.string().min(2).max(8).meta({ example: "A015" }),
  reason: z.string().min(3).max(300).meta({ example: "Khách quay lại" }),
});

/** Extension: the display board's scrolling notice (`PUT /api/hall/notice`); null clears it. */
export const NoticeBody = z.strictObject({
  notice: z
    .strictObject({ vi: z.string().max(500), en: z.string().max(500) })
    .nullable()
    .meta({ description: "Vietnamese and English text; null clears the notice" }),
});

/** Extension (issue 15): the dossier code of a visit, from the console. */
export const DossierBody = z
  .strictObject({
    dossierCode: z.string().max(64).nullable().meta({
      description: "Mã hồ sơ in the hall's format; null removes the link",
      example: "H26.99-240315-0012",
    }),
    procedureCode: z
      .string()
      .max(64)
      .nullable()
      .optional()
      .meta({ description: "Mã thủ tục hành chính (national database)", example: "1.001612" }),
    ticketId: z.number().int().min(1).optional().meta({
      description: "A visit finished at this counter today; default: the visit called or served there now",
    }),
  })
  .meta({ example: { dossierCode: "000.00.19.H26-231109-0003", procedureCode: "1.001612" } });

/** A kiosk id in a path (lowercase ASCII, as in the hall config). */
export const KioskIdPath = z.object({
  kioskId: z
    .string()
    .regex(ID_PATTERN, { error: "kiosk-not-found" })
    .meta({ description: "Kiosk id of the hall config", example: "kiosk-1" }),
});

/** An outbox message id in a path. */
export const OutboxIdPath = z.object({
  id: z
    .string()
    .regex(/^[1-9][0-9]{0,11}$/, { error: "outbox-message-not-found" })
    .transform(Number)
    .meta({ description: "Outbox row id", example: "42" }),
});
