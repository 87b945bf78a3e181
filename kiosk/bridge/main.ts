/**
 * CLI of the printer bridge: `npm run printer-bridge -- --hall phu-lien --printer printer-1 …`
 * (kiosk/bridge/README.md). Stops cleanly on SIGINT/SIGTERM (publishes `offline`).
 */
import { startBridge } from "./bridge.ts";
import { BridgeConfigError, parseBridgeConfig, usage } from "./config.ts";

if (process.argv.includes("--help") || process.argv.includes("-h")) {
  console.log(usage());
  process.exit(0);
}

try {
  const cfg = parseBridgeConfig(process.argv.slice(2), process.env);
  const bridge = startBridge(cfg);
  console.log(`[bridge ${cfg.printer}] printing to ${cfg.output}, broker ${cfg.brokerUrl}, hall ${cfg.hall}`);
  let stopping = false;
  const stop = async () => {
    if (stopping) return;
    stopping = true;
    await bridge.stop().catch(() => {});
    process.exit(0);
  };
  process.on("SIGINT", stop);
  process.on("SIGTERM", stop);
} catch (e) {
  if (e instanceof BridgeConfigError) {
    console.error(e.message);
    process.exit(2);
  }
  throw e;
}
