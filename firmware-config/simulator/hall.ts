/**
 * The programmatic API of the device simulator: starts the virtual LED boards, keypads
 * and rating pads of a hall (hallDevices() of its config), each with its own login.
 */
import { type DeviceInfo, type HallConfig, hallDevices } from "../../server/contract/index.ts";
import { type FileBridge, startFileBridge } from "./bridge.ts";
import { type DeviceLink, settlesWithin } from "./device.ts";
import { VirtualLedBoard } from "./led-board.ts";
import { VirtualKeypad, VirtualRatingPad } from "./pads.ts";

export interface SimulatorOptions {
  url: string;
  baseTopic: string;
  config: Pick<HallConfig, "id" | "counters" | "printers">;
  /** device id → password (device-credentials.json). */
  credentials: Record<string, string>;
  /** Only these counters (default all). */
  counters?: number[];
  /** Also run the printer bridge of every printer, printing into files in this folder. */
  bridgeDir?: string;
  reconnectPeriod?: number;
  log?: (line: string) => void;
}

export interface SimulatedDevices {
  boards: Map<number, VirtualLedBoard>;
  keypads: Map<number, VirtualKeypad>;
  ratingPads: Map<number, VirtualRatingPad>;
  /** Printer id → bridge printing into a file (only with `bridgeDir`). */
  bridges: Map<string, FileBridge>;
  /** Stops every device (each publishes `offline` first). */
  stop(): Promise<void>;
}

/** Connects every ESP32-type device of the chosen counters, and the printer bridges when asked. */
export async function startDevices(o: SimulatorOptions): Promise<SimulatedDevices> {
  const wanted = (d: DeviceInfo) =>
    d.kind !== "printer-bridge" && (!o.counters || o.counters.includes(d.counter ?? -1));
  const devices = hallDevices(o.config).filter(wanted);
  const link = (d: DeviceInfo): DeviceLink => {
    const password = o.credentials[d.id];
    if (!password) throw new Error(`no password for device ${d.id} in the device credentials`);
    return {
      url: o.url,
      baseTopic: o.baseTopic,
      hallId: o.config.id,
      password,
      reconnectPeriod: o.reconnectPeriod,
      log: o.log,
    };
  };
  const out: SimulatedDevices = {
    boards: new Map(),
    keypads: new Map(),
    ratingPads: new Map(),
    bridges: new Map(),
    async stop() {
      const all = [...out.boards.values(), ...out.keypads.values(), ...out.ratingPads.values()];
      await Promise.allSettled(all.map((d) => d.stop()));
      // The bridge says goodbye itself; if its broker never answers, close it after 2 s.
      for (const b of out.bridges.values())
        if (!(await settlesWithin(b.bridge.stop(), 2000))) await b.bridge.client.endAsync(true);
    },
  };
  try {
    await Promise.all(
      devices.map(async (d) => {
        const n = d.counter!;
        if (d.kind === "led-board") out.boards.set(n, await VirtualLedBoard.start(d, link(d)));
        if (d.kind === "keypad") out.keypads.set(n, await VirtualKeypad.start(d, link(d)));
        if (d.kind === "rating-pad") out.ratingPads.set(n, await VirtualRatingPad.start(d, link(d)));
      }),
    );
    const dir = o.bridgeDir;
    if (dir)
      for (const p of o.config.printers) {
        const password = link({ id: p.id, kind: "printer-bridge", printer: p.id }).password;
        const b = await startFileBridge(
          { url: o.url, baseTopic: o.baseTopic, hallId: o.config.id, printerId: p.id, password, dir },
          o.log,
        );
        out.bridges.set(p.id, b);
      }
  } catch (e) {
    await out.stop();
    throw e;
  }
  return out;
}
