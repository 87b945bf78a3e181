/**
 * Who may publish and subscribe to what (CONTRACT.md "MQTT"): anyone may read
 * `hall/#`, `counter/+/display` and `server/status` (the same numbers hang on the
 * hall's wall); every publish and every other subscription needs a device login, and a
 * device only reaches its own topics. Pure: used by the embedded broker, and the
 * source of the Mosquitto ACL that firmware-config can write for an external broker.
 */
import type { DeviceInfo } from "../contract/config.ts";
import { parseTopic, type Topics, topics } from "../contract/topics.ts";

export type Identity = { type: "anonymous" } | { type: "server" } | { type: "device"; device: DeviceInfo };

export class Acl {
  private readonly t: Topics;
  private readonly prefix: string;

  constructor(
    private readonly base: string,
    private readonly hall: string,
  ) {
    this.t = topics(base, hall);
    this.prefix = `${this.t.prefix}/`;
  }

  /** May `who` publish on `topic`? */
  canPublish(who: Identity, topic: string): boolean {
    if (who.type === "anonymous") return false;
    if (!topic.startsWith(this.prefix) || /[+#]/.test(topic)) return false;
    if (who.type === "server") return true;
    const t = parseTopic(this.base, this.hall, topic);
    if (!t) return false;
    const d = who.device;
    if (t.kind === "device-status") return t.device === d.id;
    if (d.kind === "keypad") return t.kind === "counter-button" && t.counter === d.counter;
    if (d.kind === "rating-pad") return t.kind === "counter-rating" && t.counter === d.counter;
    if (d.kind === "printer-bridge")
      return (t.kind === "printer-ack" || t.kind === "printer-paper") && t.printer === d.printer;
    return false;
  }

  /**
   * May `who` receive a message published on `topic`? Checked on every delivery,
   * including messages queued for a persistent session while it was away, so a
   * session that outlived a change of ACL never gets what its owner may not read.
   */
  canRead(who: Identity, topic: string): boolean {
    if (who.type === "server") return true;
    if (!topic.startsWith(this.prefix)) return false;
    if (this.isPublic(topic)) return true;
    if (who.type !== "device" || who.device.kind !== "printer-bridge") return false;
    const t = parseTopic(this.base, this.hall, topic);
    return t?.kind === "printer-job" && t.printer === who.device.printer;
  }

  /** May `who` subscribe to `filter`? */
  canSubscribe(who: Identity, filter: string): boolean {
    if (!filter.startsWith(this.prefix)) return false;
    if (who.type === "server") return true;
    if (this.isPublic(filter)) return true;
    if (who.type !== "device") return false;
    const d = who.device;
    if (d.kind === "printer-bridge")
      return filter === this.t.printerJob(d.printer!, "+") || filter === this.t.printerJob(d.printer!, "#");
    return false;
  }

  /** Filters that only match public topics: the hall's, the server's status, the counters' displays. */
  private isPublic(filter: string): boolean {
    const t = this.t;
    if (
      [t.hallAll, t.hallAny, t.hallState, t.hallCall, t.serverStatus, t.counterDisplay("+")].includes(filter)
    )
      return true;
    return parseTopic(this.base, this.hall, filter)?.kind === "counter-display";
  }
}
