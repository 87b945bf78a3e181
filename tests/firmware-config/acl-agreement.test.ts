import { describe, expect, it } from "vitest";
import { mayPublish, maySubscribe, ownTopic, TOPIC_TABLE } from "../../firmware-config/topic-table.ts";
import { loadHallConfig } from "../../server/config/load.ts";
import { hallDevices, parseTopic, topics } from "../../server/contract/index.ts";
import { Acl } from "../../server/mqtt/acl.ts";

const config = loadHallConfig();
const B = "qms";
const t = topics(B, config.id);
const devices = hallDevices(config);
const acl = new Acl(B, config.id);

/** Every device's own topics plus another device's, for every kind of the table. */
function sampleTopics(): string[] {
  const out = new Set<string>();
  for (const d of devices.slice(0, 6).concat(devices.filter((x) => x.kind === "printer-bridge")))
    for (const spec of TOPIC_TABLE) {
      const own = ownTopic(t, spec.kind, d);
      if (own) out.add(own);
    }
  return [...out];
}

// Job topics are subscribed with a wildcard and published concretely: compare each form where it is used.
const forPublish = (s: string) => s.replace("/job/+", "/job/job-1");
const parsed = (s: string) => parseTopic(B, config.id, s.replace("/job/+", "/job/job-1"))!;

describe("TOPICS.md's ACL and the embedded broker's (server/mqtt/acl.ts)", () => {
  it("agree on what every device of the demo hall may publish", () => {
    for (const d of devices)
      for (const topic of sampleTopics().map(forPublish)) {
        const who = { type: "device" as const, device: d };
        expect(acl.canPublish(who, topic), `${d.id} publish ${topic}`).toBe(mayPublish(d, parsed(topic)));
      }
  });

  it("agree on what every device of the demo hall may subscribe to", () => {
    for (const d of devices)
      for (const topic of sampleTopics().filter((s) => !s.includes("/job/") || s.endsWith("/+"))) {
        const who = { type: "device" as const, device: d };
        expect(acl.canSubscribe(who, topic), `${d.id} subscribe ${topic}`).toBe(
          maySubscribe(d, parsed(topic)),
        );
      }
  });

  it("agree that anonymous clients read exactly the public topics and publish nothing", () => {
    const anon = { type: "anonymous" as const };
    for (const topic of sampleTopics().filter((s) => !s.includes("/job/") || s.endsWith("/+"))) {
      const spec = TOPIC_TABLE.find((s) => s.kind === parsed(topic).kind)!;
      expect(acl.canSubscribe(anon, topic), topic).toBe(spec.subscribers.includes("public"));
      expect(acl.canPublish(anon, forPublish(topic)), topic).toBe(false);
      expect(spec.publishers, topic).not.toContain("public");
    }
  });
});
