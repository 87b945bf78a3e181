/**
 * The live wall as server-sent events (`GET /api/live`, staff only): `wall` (every hall) on
 * connect and whenever the whole wall is recomputed, `hall` (one hall) on each change, each
 * with `seq`; a comment line every 5 s keeps proxies and Bun's idle timeout from closing it.
 */
import type { LiveWall, WallFrame } from "./wall.ts";

export function liveStream(wall: LiveWall, req: Request, heartbeatMs = 5_000): Response {
  const enc = new TextEncoder();
  let unsubscribe: (() => void) | null = null;
  let timer: ReturnType<typeof setInterval> | null = null;
  const stop = () => {
    unsubscribe?.();
    unsubscribe = null;
    if (timer) clearInterval(timer);
    timer = null;
  };
  const stream = new ReadableStream<Uint8Array>({
    start(ctl) {
      const send = (s: string) => {
        try {
          ctl.enqueue(enc.encode(s));
        } catch {
          stop();
        }
      };
      const frame = (f: WallFrame) => send(`event: ${f.type}\ndata: ${JSON.stringify(f)}\n\n`);
      const snap = wall.snapshot();
      send("retry: 2000\n\n");
      frame({ type: "wall", seq: snap.seq, halls: snap.halls });
      unsubscribe = wall.subscribe(frame);
      timer = setInterval(() => send(": ping\n\n"), heartbeatMs);
    },
    cancel: stop,
  });
  req.signal.addEventListener("abort", stop);
  return new Response(stream, {
    headers: {
      "content-type": "text/event-stream; charset=utf-8",
      "cache-control": "no-cache, no-transform",
      connection: "keep-alive",
      "x-accel-buffering": "no",
    },
  });
}
