/**
 * The simulator's printer bridges: the real bridge of kiosk/bridge, started in-process
 * with the settings `npm run firmware-config` writes (QMS_* names of kiosk/bridge/config.ts)
 * and a plain file as the printer, so tickets can be printed without a printer.
 */
import { join } from "node:path";
import { type RunningBridge, startBridge } from "../../kiosk/bridge/bridge.ts";
import { parseBridgeConfig } from "../../kiosk/bridge/config.ts";

export interface FileBridge {
  printerId: string;
  /** The file the ticket bytes are appended to. */
  outputPath: string;
  bridge: RunningBridge;
}

/**
 * Starts the bridge of `printerId`, printing into `<dir>/<printerId>.escpos`. The password
 * is passed in memory (QMS_DEVICE_PASSWORD), never written to a file.
 */
export async function startFileBridge(
  o: { url: string; baseTopic: string; hallId: string; printerId: string; password: string; dir: string },
  log?: (line: string) => void,
): Promise<FileBridge> {
  const outputPath = join(o.dir, `${o.printerId}.escpos`);
  const cfg = parseBridgeConfig([], {
    QMS_MQTT_URL: o.url,
    QMS_HALL: o.hallId,
    QMS_BASE_TOPIC: o.baseTopic,
    QMS_PRINTER_ID: o.printerId,
    QMS_DEVICE_PASSWORD: o.password,
    QMS_PRINTER_OUTPUT: outputPath,
    QMS_BRIDGE_STATE: join(o.dir, `${o.printerId}.state.json`),
    QMS_RECONNECT_MS: "500",
  });
  const bridge = startBridge(cfg, { log: (m) => log?.(`[bridge ${o.printerId}] ${m}`) });
  await bridge.ready;
  return { printerId: o.printerId, outputPath, bridge };
}
