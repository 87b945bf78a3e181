/**
 * Who may publish and subscribe on the province's broker: a hall (its login is its id, its
 * password its secret) may publish only its own `{b}/{h}/province/summary` and `/status`, and
 * subscribe to nothing; the province server's own login reads every hall's. Nobody else gets
 * in (no anonymous access: the wall is for province staff). Pure: used by the embedded broker
 * and written out as Mosquitto's ACL file (mosquitto.ts).
 */
import { parseProvinceTopic, provinceFilters } from "../../server/contract/province.ts";

/** The province server's own broker login. */
export const PROVINCE_LOGIN = "province";

export type ProvinceIdentity = { type: "province" } | { type: "hall"; hallId: string } | { type: "none" };

export class ProvinceAcl {
  constructor(private readonly base: string) {}

  canPublish(who: ProvinceIdentity, topic: string): boolean {
    if (who.type !== "hall" || /[+#]/.test(topic)) return false;
    const t = parseProvinceTopic(this.base, topic);
    return t !== null && t.hallId === who.hallId;
  }

  canSubscribe(who: ProvinceIdentity, filter: string): boolean {
    if (who.type !== "province") return false;
    const f = provinceFilters(this.base);
    return filter === f.summary || filter === f.status || filter === `${this.base}/#`;
  }
}
