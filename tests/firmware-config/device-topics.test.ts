import { mkdirSync, mkdtempSync, readFileSync, rmSync, writeFileSync } from "node:fs";
import { dirname, join } from "node:path";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { buildFirmwareConfig } from "../../firmware-config/build.ts";
import { NODE_NAME_MAX } from "../../firmware-config/names.ts";
import { mayPublish, maySubscribe, topicSpec } from "../../firmware-config/topic-table.ts";
import { loadHallConfig, parseHallConfig } from "../../server/config/load.ts";
import { type DeviceInfo, type HallConfig, hallDevices, parseTopic } from "../../server/contract/index.ts";
import { entries, resolveDeviceFile } from "./resolve-esphome.ts";

/** A second hall, unlike the demo: another base topic, a long id, counters 12 and 305. */
const OTHER = parseHallConfig(
  `id: trung-tam-hanh-chinh-cong-tinh-thua-thien-hue
name: { vi: "Trung tâm Hành chính công tỉnh", en: "Provincial center" }
services: [{ id: ho-tich, prefix: A, name: { vi: "Hộ tịch", en: "Civil status" } }]
counters: [{ number: 12, serviceIds: [ho-tich] }, { number: 305, serviceIds: [ho-tich] }]
printers: [{ id: quay-don-tiep-printer }]
`,
  "other.yaml",
);

let tmp: string;
const halls: { config: HallConfig; base: string; dir: string }[] = [];

beforeAll(() => {
  tmp = mkdtempSync("/tmp/fw-topics-");
  for (const [config, base] of [
    [loadHallConfig(), "qms"],
    [OTHER, "hue-qms"],
  ] as const) {
    const dir = join(tmp, config.id);
    const files = buildFirmwareConfig({
      config,
      baseTopic: base,
      brokerHost: "10.0.0.2",
      brokerPort: 1883,
      source: "test",
    });
    for (const [rel, text] of files) {
      mkdirSync(dirname(join(dir, rel)), { recursive: true });
      writeFileSync(join(dir, rel), text);
    }
    halls.push({ config, base, dir });
  }
});
afterAll(() => rmSync(tmp, { recursive: true, force: true }));

interface Use {
  topic: string;
  dir: "publish" | "subscribe";
  qos: unknown;
  retain: unknown;
  where: string;
}

/** Every topic an effective ESPHome config publishes or subscribes to. */
function topicUses(config: Record<string, unknown>): Use[] {
  const uses: Use[] = [];
  const mqtt = config.mqtt as Record<string, Record<string, unknown>>;
  for (const k of ["birth_message", "will_message", "shutdown_message"]) {
    const m = mqtt[k]!;
    uses.push({ topic: String(m.topic), dir: "publish", qos: m.qos, retain: m.retain, where: `mqtt.${k}` });
  }
  for (const e of entries(config)) {
    const v = e.value as Record<string, unknown>;
    if (e.key === "mqtt.publish")
      uses.push({
        topic: String(v.topic),
        dir: "publish",
        qos: v.qos,
        retain: v.retain ?? false,
        where: e.path.join("."),
      });
    if (e.key === "on_json_message" || e.key === "on_message")
      for (const s of [e.value].flat() as Record<string, unknown>[])
        uses.push({
          topic: String(s.topic),
          dir: "subscribe",
          qos: s.qos,
          retain: undefined,
          where: `mqtt.${e.key}`,
        });
  }
  return uses;
}

/** What each kind of device must use, at least: its own topics of the contract. */
const REQUIRED: Record<Exclude<DeviceInfo["kind"], "printer-bridge">, string[]> = {
  "led-board": ["subscribe counter-display", "publish device-status"],
  keypad: ["publish counter-button", "publish device-status"],
  "rating-pad": ["publish counter-rating", "publish device-status"],
};

describe("topics of the generated ESPHome files", () => {
  it("parse with parseTopic(), belong to the device and go the way the ACL allows", () => {
    for (const { config, base, dir } of halls) {
      for (const d of hallDevices(config).filter((d) => d.kind !== "printer-bridge")) {
        const uses = topicUses(resolveDeviceFile(join(dir, `${d.id}.yaml`)).config);
        const seen = new Set<string>();
        for (const u of uses) {
          const t = parseTopic(base, config.id, u.topic);
          expect(t, `${d.id} ${u.where}: ${u.topic}`).not.toBeNull();
          const allowed = u.dir === "publish" ? mayPublish(d, t!) : maySubscribe(d, t!);
          expect(allowed, `${d.id} may not ${u.dir} ${u.topic}`).toBe(true);
          expect(u.qos, `${d.id} ${u.where} QoS`).toBe(topicSpec(t!.kind).qos);
          if (u.dir === "publish")
            expect(u.retain, `${d.id} ${u.where} retain`).toBe(topicSpec(t!.kind).retained);
          seen.add(`${u.dir} ${t!.kind}`);
        }
        expect([...seen].sort(), d.id).toEqual(
          expect.arrayContaining(REQUIRED[d.kind as keyof typeof REQUIRED]),
        );
      }
    }
  });

  it("announce availability on the device's own status topic: birth online, will and shutdown offline", () => {
    for (const { config, base, dir } of halls) {
      for (const d of hallDevices(config).filter((d) => d.kind !== "printer-bridge")) {
        const mqtt = resolveDeviceFile(join(dir, `${d.id}.yaml`)).config.mqtt as Record<
          string,
          Record<string, unknown>
        >;
        const status = `${base}/${config.id}/device/${d.id}/status`;
        expect(mqtt.birth_message).toEqual({ topic: status, payload: "online", qos: 1, retain: true });
        expect(mqtt.will_message).toEqual({ topic: status, payload: "offline", qos: 1, retain: true });
        expect(mqtt.shutdown_message).toEqual({ topic: status, payload: "offline", qos: 1, retain: true });
      }
    }
  });

  it("publish nothing ESPHome would add by itself: no discovery, no IP, no log topic, only internal entities", () => {
    for (const { config, dir } of halls) {
      for (const d of hallDevices(config).filter((d) => d.kind !== "printer-bridge")) {
        const c = resolveDeviceFile(join(dir, `${d.id}.yaml`)).config;
        expect(c.mqtt).toMatchObject({ discovery: false, discover_ip: false, log_topic: null });
        expect(c.api, "no native API: ESPHome would reboot without a client").toBeUndefined();
        for (const domain of ["binary_sensor", "sensor", "text_sensor", "switch", "button", "light"]) {
          for (const entity of (c[domain] as Record<string, unknown>[] | undefined) ?? [])
            expect(entity.internal, `${d.id} ${domain} ${String(entity.id)}`).toBe(true);
        }
      }
    }
  });

  it("send exactly the five keypad actions and the four scores of the contract", () => {
    const { config, dir } = halls[1]!;
    const payloads = (id: string) =>
      entries(resolveDeviceFile(join(dir, `${id}.yaml`)).config)
        .filter((e) => e.key === "mqtt.publish")
        .map((e) => (e.value as { payload: string }).payload);
    expect(payloads("keypad-305").sort()).toEqual(["finish", "next", "no-show", "recall", "start"]);
    expect(payloads("rating-12").sort()).toEqual(["1", "2", "3", "4"]);
    expect(config.counters.map((c) => c.number)).toEqual([12, 305]);
  });

  it("give every device a valid, unique ESPHome node name within 24 characters", () => {
    for (const { config, dir } of halls) {
      const names = hallDevices(config)
        .filter((d) => d.kind !== "printer-bridge")
        .map((d) => (resolveDeviceFile(join(dir, `${d.id}.yaml`)).config.esphome as { name: string }).name);
      for (const n of names)
        expect(n).toMatch(new RegExp(`^[a-z0-9](?:[a-z0-9-]{0,${NODE_NAME_MAX - 2}}[a-z0-9])?$`));
      expect(new Set(names).size).toBe(names.length);
    }
  });

  it("give each printer bridge the hall's broker, base topic, hall and its printer id", () => {
    const { config, base, dir } = halls[1]!;
    const text = readFileSync(join(dir, "quay-don-tiep-printer.bridge.env"), "utf8");
    expect(text).toContain(`QMS_BASE_TOPIC=${base}\n`);
    expect(text).toContain(`QMS_HALL=${config.id}\n`);
    expect(text).toContain("QMS_PRINTER_ID=quay-don-tiep-printer\n");
    expect(text).toContain("QMS_MQTT_URL=mqtt://10.0.0.2:1883\n");
  });
});
