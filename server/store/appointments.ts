/**
 * Appointments in SQLite (issue 14; migration 006): bookings, their counts per slot, the
 * no-show sweep and today's figures. The rules are in server/queue/slots.ts and the use
 * cases in server/appointments/service.ts; this file only reads and writes rows.
 */
import type { Database } from "bun:sqlite";

export type AppointmentStatus = "booked" | "cancelled" | "checked-in" | "no-show";

export interface AppointmentRec {
  id: number;
  code: string;
  serviceId: string;
  serviceDay: string;
  slot: string;
  slotAt: number;
  phone: string | null;
  lang: "vi" | "en";
  status: AppointmentStatus;
  createdAt: number;
  endedAt: number | null;
  ticketId: number | null;
}

interface Row {
  id: number;
  code: string;
  service_id: string;
  service_day: string;
  slot: string;
  slot_at: number;
  phone: string | null;
  lang: string;
  status: string;
  created_at: number;
  ended_at: number | null;
  ticket_id: number | null;
}

const COLS =
  "id, code, service_id, service_day, slot, slot_at, phone, lang, status, created_at, ended_at, ticket_id";

function toRec(r: Row): AppointmentRec {
  return {
    id: r.id,
    code: r.code,
    serviceId: r.service_id,
    serviceDay: r.service_day,
    slot: r.slot,
    slotAt: r.slot_at,
    phone: r.phone,
    lang: r.lang === "en" ? "en" : "vi",
    status: r.status as AppointmentStatus,
    createdAt: r.created_at,
    endedAt: r.ended_at,
    ticketId: r.ticket_id,
  };
}

/** Today's bookings of the hall, per field (the manager's dashboard). */
export interface AppointmentDayCounts {
  serviceId: string;
  booked: number;
  checkedIn: number;
  noShow: number;
  cancelled: number;
}

export class AppointmentStore {
  constructor(readonly db: Database) {}

  /** Runs `f` in one transaction (nested calls join the outer one). */
  transaction<T>(f: () => T): T {
    return this.db.inTransaction ? f() : this.db.transaction(f)();
  }

  /** Bookings holding a place in each slot of a field's day (booked or checked in), by `HH:MM`. */
  takenBySlot(serviceId: string, day: string): Map<string, number> {
    const rows = this.db
      .query<{ slot: string; n: number }, [string, string]>(
        `SELECT slot, COUNT(*) AS n FROM appointments
         WHERE service_id = ? AND service_day = ? AND status IN ('booked', 'checked-in') GROUP BY slot`,
      )
      .all(serviceId, day);
    return new Map(rows.map((r) => [r.slot, r.n]));
  }

  /** True when `phone` already holds a live booking (any field) for the slot starting at `slotAt`. */
  phoneHoldsSlot(phone: string, slotAt: number): boolean {
    return (
      this.db
        .query<{ n: number }, [string, number]>(
          `SELECT COUNT(*) AS n FROM appointments WHERE phone = ? AND slot_at = ? AND status IN ('booked', 'checked-in')`,
        )
        .get(phone, slotAt)!.n > 0
    );
  }

  insert(a: Omit<AppointmentRec, "id" | "endedAt" | "ticketId" | "status">): AppointmentRec {
    const r = this.db
      .query<Row, Record<string, string | number | null>>(
        `INSERT INTO appointments (code, service_id, service_day, slot, slot_at, phone, lang, status, created_at)
         VALUES ($code, $service_id, $service_day, $slot, $slot_at, $phone, $lang, 'booked', $created_at)
         RETURNING ${COLS}`,
      )
      .get({
        code: a.code,
        service_id: a.serviceId,
        service_day: a.serviceDay,
        slot: a.slot,
        slot_at: a.slotAt,
        phone: a.phone,
        lang: a.lang,
        created_at: a.createdAt,
      });
    return toRec(r!);
  }

  /** A booking by code; never one the retention job anonymised (its code is `~<id>`). */
  byCode(code: string): AppointmentRec | null {
    const r = this.db
      .query<Row, [string]>(`SELECT ${COLS} FROM appointments WHERE code = ? AND anonymized_at IS NULL`)
      .get(code);
    return r ? toRec(r) : null;
  }

  byTicket(ticketId: number): AppointmentRec | null {
    const r = this.db
      .query<Row, [number]>(`SELECT ${COLS} FROM appointments WHERE ticket_id = ?`)
      .get(ticketId);
    return r ? toRec(r) : null;
  }

  /**
   * Ends a live booking: cancelled (its phone number is dropped at once: the visitor
   * withdrew), checked in (with its ticket) or no-show. False when it was no longer booked.
   */
  end(
    id: number,
    status: Exclude<AppointmentStatus, "booked">,
    at: number,
    ticketId: number | null,
  ): boolean {
    const dropPhone = status === "cancelled" ? ", phone = NULL" : "";
    return (
      this.db
        .query(
          `UPDATE appointments SET status = ?, ended_at = ?, ticket_id = ?${dropPhone} WHERE id = ? AND status = 'booked'`,
        )
        .run(status, at, ticketId, id).changes === 1
    );
  }

  /** Live bookings whose check-in window closed before `before` (slot_at < before − late). */
  overdue(slotBefore: number, limit = 500): AppointmentRec[] {
    return this.db
      .query<Row, [number, number]>(
        `SELECT ${COLS} FROM appointments WHERE status = 'booked' AND slot_at < ? ORDER BY slot_at LIMIT ?`,
      )
      .all(slotBefore, limit)
      .map(toRec);
  }

  /** The bookings of a service day, in slot order (staff only: they hold phone numbers). */
  ofDay(day: string): AppointmentRec[] {
    return this.db
      .query<Row, [string]>(`SELECT ${COLS} FROM appointments WHERE service_day = ? ORDER BY slot_at, id`)
      .all(day)
      .map(toRec);
  }

  /** Counts of a service day per field and status. */
  dayCounts(day: string): AppointmentDayCounts[] {
    const rows = this.db
      .query<{ service_id: string; status: string; n: number }, [string]>(
        "SELECT service_id, status, COUNT(*) AS n FROM appointments WHERE service_day = ? GROUP BY service_id, status",
      )
      .all(day);
    const out = new Map<string, AppointmentDayCounts>();
    for (const r of rows) {
      let c = out.get(r.service_id);
      if (!c) {
        c = { serviceId: r.service_id, booked: 0, checkedIn: 0, noShow: 0, cancelled: 0 };
        out.set(r.service_id, c);
      }
      if (r.status === "checked-in") c.checkedIn += r.n;
      else if (r.status === "no-show") c.noShow += r.n;
      else if (r.status === "cancelled") c.cancelled += r.n;
      // `booked` counts every booking not cancelled (still to come, checked in or missed).
      if (r.status !== "cancelled") c.booked += r.n;
    }
    return [...out.values()];
  }
}
