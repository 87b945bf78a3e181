/**
 * Who may use which MQTT client id (docs/decisions/0021-mqtt-identity.md). A broker
 * drops the older of two connections with the same client id and hands the newer one
 * its persistent session, so a client id is as much an identity as a login. Rules:
 *
 * - a client id that names a login (a device id or `server`), or begins with that
 *   name and `-`, is accepted only from that login (`keypad-1`, `keypad-1-bench`);
 * - `qms-server-…` ids belong to the server, `qms-bridge-{hall}-{printer}` to that
 *   printer's bridge and every other `qms-bridge-…` id to some login (the names the
 *   software's own logins use; `qms-display-…`, the hall board's anonymous id, stays free);
 * - anonymous clients get no persistent session (clean session 0 is refused).
 *
 * Pure: used by the embedded broker, and written as a rules file for the Mosquitto
 * plugin (`mosquitto-plugin/qms_identity.c`) so that both brokers refuse the same CONNECTs.
 */

/** One rule: a client id (exact) or id prefix, and the login that owns it (`*` = any login). */
export interface ClientIdRule {
  match: "exact" | "prefix";
  value: string;
  owner: string;
}

/** The rules for a hall's logins (`server` and every device id). */
export function clientIdRules(hallId: string, logins: readonly string[], printers: readonly string[]) {
  const rules: ClientIdRule[] = [];
  for (const login of logins) {
    rules.push(
      { match: "exact", value: login, owner: login },
      { match: "prefix", value: `${login}-`, owner: login },
    );
  }
  rules.push({ match: "prefix", value: "qms-server-", owner: "server" });
  for (const p of printers) rules.push({ match: "exact", value: `qms-bridge-${hallId}-${p}`, owner: p });
  rules.push({ match: "prefix", value: "qms-bridge-", owner: "*" });
  return rules;
}

/** The rule that decides `clientId`: an exact rule, else the longest matching prefix. */
export function ruleFor(rules: readonly ClientIdRule[], clientId: string): ClientIdRule | null {
  let best: ClientIdRule | null = null;
  for (const r of rules) {
    if (r.match === "exact") {
      if (r.value === clientId) return r;
    } else if (clientId.startsWith(r.value) && (!best || r.value.length > best.value.length)) best = r;
  }
  return best;
}

/** Why a CONNECT is refused, or null when it may go on (to the password check). */
export type ConnectRefusal = "client-id-reserved" | "anonymous-persistent-session";

/**
 * May a client with this id, login (undefined = anonymous; the password is checked
 * elsewhere) and clean-session flag connect?
 */
export function checkClientId(
  rules: readonly ClientIdRule[],
  c: { clientId: string; login: string | undefined; clean: boolean },
): ConnectRefusal | null {
  const rule = ruleFor(rules, c.clientId);
  if (rule && (c.login === undefined || (rule.owner !== "*" && rule.owner !== c.login)))
    return "client-id-reserved";
  if (c.login === undefined && !c.clean) return "anonymous-persistent-session";
  return null;
}

/** The rules as the Mosquitto plugin reads them: `exact|prefix <value> <owner>` per line. */
export function rulesFile(rules: readonly ClientIdRule[]): string {
  return `${[
    "# MQTT client ids reserved for logins (server/mqtt/identity.ts); read by qms_identity.so.",
    ...rules.map((r) => `${r.match} ${r.value} ${r.owner}`),
  ].join("\n")}\n`;
}
