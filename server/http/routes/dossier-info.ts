/** A stored dossier link → its API form (`DossierInfo`, staff only). */
import type { DossierInfo } from "../../contract/api/wire.ts";
import { isoVn } from "../../queue/time.ts";
import type { DossierLink } from "../../store/dossiers.ts";

export function dossierInfo(l: DossierLink): DossierInfo {
  return {
    ticketId: l.ticketId,
    dossierCode: l.dossierCode,
    procedureCode: l.procedureCode,
    source: l.source,
    linkedAt: isoVn(l.linkedAt),
  };
}
