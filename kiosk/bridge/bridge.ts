/**
 * The printer bridge: one MQTT device (login = printer id) that takes the
 * print jobs of its printer, writes them to the printer and acknowledges them
 * (shared/CONTRACT.md, "MQTT": printer/{id}/job/{jobId}, …/ack, …/paper,
 * device/{id}/status).
 *
 * Never twice: a persistent session (clean: false, fixed client id) makes the
 * broker keep and redeliver unacknowledged jobs across reconnects; the MQTT
 * PUBACK of a job is sent only after it was handled (mqtt.js `handleMessage`
 * hook), and the job id is recorded in the state file before printing, so a
 * redelivered job is acknowledged again but not printed again (state.ts).
 */
import mqtt, { type IClientOptions, type MqttClient } from "mqtt";
import { type PaperState, parseTopic, QOS, topics } from "../../server/contract/index.ts";
import type { BridgeConfig } from "./config.ts";
import { openOutput, type PrinterOutput } from "./output.ts";
import { PrintedJobs } from "./state.ts";

export interface BridgeEvents {
  /** A job was written to the printer (not called for a duplicate). */
  printed?: (jobId: string, bytes: number) => void;
  /** A job was received again and skipped. */
  duplicate?: (jobId: string) => void;
  failed?: (jobId: string, reason: string) => void;
}

export interface RunningBridge {
  readonly client: MqttClient;
  /** Resolves at the first successful connection (with the subscription in place). */
  readonly ready: Promise<void>;
  /** Last paper state published, if any. */
  paper(): PaperState | null;
  /** Publishes `offline` (retained) and disconnects; the last will covers crashes. */
  stop(): Promise<void>;
}

interface Packet {
  cmd?: string;
  topic?: string;
  payload?: Buffer | Uint8Array | string;
}

/** Starts the bridge; it reconnects forever until `stop()`. */
export function startBridge(
  cfg: BridgeConfig,
  opts: { output?: PrinterOutput; log?: (m: string) => void; events?: BridgeEvents } = {},
): RunningBridge {
  const log = opts.log ?? ((m: string) => console.log(`[bridge ${cfg.printer}] ${m}`));
  const t = topics(cfg.base, cfg.hall);
  const output = opts.output ?? openOutput(cfg.output);
  const printed = new PrintedJobs(cfg.stateFile, log);
  const statusTopic = t.deviceStatus(cfg.printer);
  let paper: PaperState | null = null;
  let stopped = false;

  const url = new URL(cfg.brokerUrl);
  url.username = "";
  url.password = "";
  const options: IClientOptions = {
    clientId: cfg.clientId,
    clean: false,
    username: cfg.printer,
    password: cfg.password,
    protocolVersion: 4,
    reconnectPeriod: cfg.reconnectMs,
    connectTimeout: 10_000,
    keepalive: 30,
    will: { topic: statusTopic, payload: Buffer.from("offline"), qos: QOS, retain: true },
  };
  const client = mqtt.connect(url.toString().replace(/\/$/, ""), options);

  const publishPaper = async () => {
    const p = await output.paper().catch(() => null);
    if (p === null || stopped) return;
    if (p !== paper) log(`paper ${p}`);
    paper = p;
    if (client.connected) client.publish(t.printerPaper(cfg.printer), p, { qos: QOS, retain: true });
  };

  // Trap: never wait for the ack's PUBACK here. mqtt.js handles incoming packets
  // one at a time and the job's packet is still being handled, so the PUBACK of
  // our ack would queue behind it: a deadlock. mqtt.js keeps the QoS 1 ack in its
  // outgoing store and resends it after a reconnect.
  const ack = (jobId: string, error?: string) => {
    const payload = error ? `${jobId} error ${error}` : jobId;
    client.publish(t.printerAck(cfg.printer), payload, { qos: QOS }, (err) => {
      if (err) log(`ack of ${jobId} not sent: ${err.message}`);
    });
  };

  const handleJob = async (topic: string, payload: Uint8Array) => {
    const parsed = parseTopic(cfg.base, cfg.hall, topic);
    if (parsed?.kind !== "printer-job" || parsed.printer !== cfg.printer) {
      log(`ignored message on ${topic}`);
      return;
    }
    const { jobId } = parsed;
    if (printed.has(jobId)) {
      log(`job ${jobId} already printed, acknowledging again`);
      opts.events?.duplicate?.(jobId);
      ack(jobId);
      return;
    }
    if (payload.length === 0) {
      opts.events?.failed?.(jobId, "empty-job");
      ack(jobId, "empty-job");
      return;
    }
    printed.add(jobId); // before printing: at most once (state.ts)
    try {
      await output.write(payload);
    } catch (e) {
      const reason = String((e as Error)?.message ?? e)
        .replace(/\s+/g, " ")
        .slice(0, 120);
      log(`job ${jobId} failed: ${reason}`);
      opts.events?.failed?.(jobId, reason);
      ack(jobId, reason);
      void publishPaper();
      return;
    }
    log(`job ${jobId} printed (${payload.length} bytes)`);
    opts.events?.printed?.(jobId, payload.length);
    ack(jobId);
    if (output.describe.startsWith("tcp")) void publishPaper();
  };

  // Jobs are handled here, not in on("message"): mqtt.js sends the PUBACK of a
  // QoS 1 message only when this callback is called, and handles the next
  // packet after it, so jobs print one at a time and in order.
  client.handleMessage = (packet: Packet, callback: (err?: Error) => void) => {
    if (packet.cmd !== "publish" || !packet.topic) return callback();
    const p = packet.payload;
    const bytes = typeof p === "string" ? new TextEncoder().encode(p) : new Uint8Array(p ?? new Uint8Array());
    handleJob(packet.topic, bytes).then(
      () => callback(),
      (e) => {
        log(`job handling failed: ${(e as Error)?.message ?? e}`);
        callback();
      },
    );
  };

  let resolveReady!: () => void;
  const ready = new Promise<void>((r) => {
    resolveReady = r;
  });

  client.on("connect", (connack) => {
    log(`connected to ${url.host} (session ${connack.sessionPresent ? "resumed" : "new"})`);
    // Online only once the job subscription is in place: "online" means "send me jobs".
    client.subscribe(t.printerJob(cfg.printer, "+"), { qos: QOS }, (err) => {
      if (err) {
        log(`subscribe failed: ${err.message}`);
        return;
      }
      client.publish(statusTopic, "online", { qos: QOS, retain: true });
      void publishPaper();
      resolveReady();
    });
  });
  client.on("reconnect", () => log("reconnecting"));
  client.on("error", (e) => log(`mqtt error: ${e.message}`));

  const probe =
    output.describe.startsWith("tcp") && cfg.probeIntervalSec > 0
      ? setInterval(() => void publishPaper(), cfg.probeIntervalSec * 1000)
      : null;

  return {
    client,
    ready,
    paper: () => paper,
    async stop() {
      stopped = true;
      if (probe) clearInterval(probe);
      if (client.connected)
        await new Promise<void>((r) =>
          client.publish(statusTopic, "offline", { qos: QOS, retain: true }, () => r()),
        );
      await client.endAsync();
    },
  };
}
