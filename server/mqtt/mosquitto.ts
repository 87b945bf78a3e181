/**
 * Mosquitto configuration for a hall that runs an external broker (QMS_MQTT_URL):
 * an ACL file expressing the same rules as `acl.ts`, and the password list to feed to
 * `mosquitto_passwd -U`. Mosquitto grants a refused subscription but filters on delivery
 * and drops refused publishes (DEVELOPERS.md), so the rules hold on either broker.
 */
import type { DeviceInfo } from "../contract/config.ts";
import { topics } from "../contract/topics.ts";
import { SERVER_LOGIN } from "./credentials.ts";

/** Public reads: the same numbers hang on the hall's wall. */
function publicReads(base: string, hall: string): string[] {
  const t = topics(base, hall);
  return [`topic read ${t.hallAll}`, `topic read ${t.counterDisplay("+")}`, `topic read ${t.serverStatus}`];
}

/** The ACL file: anonymous reads first, then one block per login. */
export function mosquittoAcl(base: string, hall: string, devices: readonly DeviceInfo[]): string {
  const t = topics(base, hall);
  const pub = publicReads(base, hall);
  const out = [
    `# Generated from the hall config of ${hall}; see server/mqtt/acl.ts for the rules.`,
    "# Anonymous clients (boards, phones): read only.",
    ...pub,
    "",
    `user ${SERVER_LOGIN}`,
    `topic readwrite ${t.prefix}/#`,
  ];
  for (const d of devices) {
    out.push("", `user ${d.id}`, ...pub, `topic write ${t.deviceStatus(d.id)}`);
    if (d.kind === "keypad") out.push(`topic write ${t.counterButton(d.counter!)}`);
    if (d.kind === "rating-pad") out.push(`topic write ${t.counterRating(d.counter!)}`);
    if (d.kind === "printer-bridge")
      out.push(
        `topic read ${t.printerJob(d.printer!, "+")}`,
        `topic write ${t.printerAck(d.printer!)}`,
        `topic write ${t.printerPaper(d.printer!)}`,
      );
  }
  return `${out.join("\n")}\n`;
}

/** `user:password` lines for `mosquitto_passwd -U` (which hashes them in place). */
export function mosquittoPasswords(creds: Record<string, string>): string {
  return Object.entries(creds)
    .map(([u, p]) => `${u}:${p}`)
    .join("\n")
    .concat("\n");
}
