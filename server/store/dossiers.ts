/**
 * Dossier codes linked to visits (table `visit_dossiers`, migration 004; issue 15). Every
 * link writes a `dossier-linked` row to the event log in the same transaction (audit:
 * who linked which code to which visit, from the kiosk or the console).
 */
import type { Database } from "bun:sqlite";
import type { StoredEvent } from "./store.ts";

export interface DossierLink {
  ticketId: number;
  serviceDay: string;
  dossierCode: string;
  procedureCode: string | null;
  source: "kiosk" | "console";
  linkedAt: number;
  /** The officer who linked it from the console; null at the kiosk. */
  linkedBy: number | null;
}

interface Row {
  ticket_id: number;
  service_day: string;
  dossier_code: string;
  procedure_code: string | null;
  source: "kiosk" | "console";
  linked_at: number;
  linked_by: number | null;
}

const toLink = (r: Row): DossierLink => ({
  ticketId: r.ticket_id,
  serviceDay: r.service_day,
  dossierCode: r.dossier_code,
  procedureCode: r.procedure_code,
  source: r.source,
  linkedAt: r.linked_at,
  linkedBy: r.linked_by,
});

export class DossierStore {
  constructor(readonly db: Database) {}

  /** The link of a visit, if any. */
  byTicket(ticketId: number): DossierLink | null {
    const r = this.db.query<Row, [number]>("SELECT * FROM visit_dossiers WHERE ticket_id = ?").get(ticketId);
    return r ? toLink(r) : null;
  }

  /**
   * Another visit of `day` that holds `code` and did not end unserved (no-show or
   * cancelled visits release their code), with its visible number.
   */
  holderOf(code: string, day: string, exceptTicketId: number): { ticketId: number; number: string } | null {
    return (
      this.db
        .query<{ ticketId: number; number: string }, [string, string, number]>(
          `SELECT d.ticket_id AS ticketId, t.number AS number FROM visit_dossiers d JOIN tickets t ON t.id = d.ticket_id
           WHERE d.dossier_code = ? AND d.service_day = ? AND d.ticket_id <> ?
             AND t.status NOT IN ('no-show', 'cancelled') LIMIT 1`,
        )
        .get(code, day, exceptTicketId) ?? null
    );
  }

  /**
   * Writes (or replaces, or with a null code removes) the link of a visit and its
   * `dossier-linked` event row. Call inside a transaction (`transaction()` or the hall
   * commit's `extra`). Returns the event row.
   */
  write(
    ticketId: number,
    link:
      | Omit<DossierLink, "ticketId">
      | { dossierCode: null; linkedAt: number; linkedBy: number | null; source: DossierLink["source"] },
    ev: { counter: number | null; serviceId: string },
  ): StoredEvent {
    if (link.dossierCode === null)
      this.db.query("DELETE FROM visit_dossiers WHERE ticket_id = ?").run(ticketId);
    else
      this.db
        .query(
          `INSERT INTO visit_dossiers (ticket_id, service_day, dossier_code, procedure_code, source, linked_at, linked_by)
           VALUES (?, ?, ?, ?, ?, ?, ?)
           ON CONFLICT (ticket_id) DO UPDATE SET dossier_code = excluded.dossier_code,
             procedure_code = excluded.procedure_code, source = excluded.source,
             linked_at = excluded.linked_at, linked_by = excluded.linked_by`,
        )
        .run(
          ticketId,
          (link as DossierLink).serviceDay,
          link.dossierCode,
          (link as DossierLink).procedureCode,
          link.source,
          link.linkedAt,
          link.linkedBy,
        );
    const data = {
      dossierCode: link.dossierCode,
      procedureCode: link.dossierCode === null ? null : (link as DossierLink).procedureCode,
      source: link.source,
    };
    const row = this.db
      .query<{ id: number }, [number, number, number | null, number | null, string, string]>(
        `INSERT INTO events (at, type, ticket_id, counter, officer_id, service_id, data)
         VALUES (?, 'dossier-linked', ?, ?, ?, ?, ?) RETURNING id`,
      )
      .get(link.linkedAt, ticketId, ev.counter, link.linkedBy, ev.serviceId, JSON.stringify(data))!;
    return {
      id: row.id,
      type: "dossier-linked",
      at: link.linkedAt,
      ticketId,
      counter: ev.counter,
      officerId: link.linkedBy,
      serviceId: ev.serviceId,
      data,
    };
  }

  /** Runs `fn` in one transaction. */
  transaction<T>(fn: () => T): T {
    return this.db.transaction(fn)();
  }
}
