/**
 * The worker thread of kernel-queues.ts: given the HTTP port, reads `/proc/net/tcp{,6}`
 * and answers the unsent bytes per client port (null when the tables cannot be read).
 */
import { readSendQueues } from "./kernel-queues.ts";

declare const self: Worker;

self.onmessage = (ev: MessageEvent<number>) => {
  self.postMessage(readSendQueues(ev.data));
};
