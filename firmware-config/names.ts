/**
 * Names derived from device ids: ESPHome node names, `secrets.yaml` keys and the
 * visible names of the devices. Pure functions, shared by the generator and the tests.
 */
import type { DeviceInfo, HallConfig } from "../server/contract/index.ts";

/** ESPHome node names: lowercase, digits, hyphens, at most 24 characters (components/esphome). */
export const NODE_NAME_MAX = 24;

/**
 * The ESPHome node name of a device: `{hall}-{device}` (unique on a network shared by
 * halls), the hall part shortened when the whole would pass 24 characters.
 */
export function nodeName(hallId: string, deviceId: string): string {
  const full = `${hallId}-${deviceId}`;
  if (full.length <= NODE_NAME_MAX) return full;
  const room = NODE_NAME_MAX - deviceId.length - 1;
  if (room < 1) return deviceId.slice(0, NODE_NAME_MAX).replace(/-+$/, "");
  return `${hallId.slice(0, room).replace(/-+$/, "")}-${deviceId}`;
}

/**
 * The `secrets.yaml` key holding a device's MQTT password. Secret names are
 * identifiers, so hyphens become underscores: `led-1` → `mqtt_password_led_1`.
 */
export function mqttSecretKey(deviceId: string): string {
  return `mqtt_password_${deviceId.replace(/-/g, "_")}`;
}

/** The secrets every ESP32 device shares (Wi-Fi and OTA). */
export const SHARED_SECRET_KEYS = ["wifi_ssid", "wifi_password", "ota_password"] as const;

const KIND_LABEL: Record<DeviceInfo["kind"], string> = {
  "led-board": "Bảng LED",
  keypad: "Bàn phím",
  "rating-pad": "Đánh giá",
  "printer-bridge": "Máy in",
};

/** The visible name of a device, Vietnamese: "Quầy 3 · Bảng LED", "Máy in printer-1". */
export function friendlyName(config: Pick<HallConfig, "counters">, device: DeviceInfo): string {
  if (device.counter === undefined) return `${KIND_LABEL[device.kind]} ${device.id}`;
  const counter = config.counters.find((c) => c.number === device.counter);
  const name = counter?.name?.vi ?? `Quầy ${device.counter}`;
  return `${name} · ${KIND_LABEL[device.kind]}`;
}
