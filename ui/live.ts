/**
 * A live stream of the hall server (`text/event-stream`, server/contract/api/live.ts) as a
 * Lit reactive controller: it connects when its host connects (or when `start()` is
 * called) and closes when the host disconnects (after home-assistant's subscribe mixin).
 * Frames are handed to `on[name](data)` as they come; the app applies them and never
 * refetches: on every (re)connect the server sends each view afresh.
 *
 * Read with `fetch()`, not `EventSource`, because the staff and kiosk streams need
 * headers (`Authorization`, `X-Device-Token`) and a refusal must be told apart: a 429
 * `too-many-streams` waits longer, a 401/403/404 stops and is reported (`onRefused`).
 * `Last-Event-ID` is sent on reconnect (the event streams replay what was missed or say
 * `resync`). Reconnects back off from 1–2 s (random, so that a hall full of phones does
 * not come back in the same millisecond) to 30 s.
 */
import type { ReactiveController, ReactiveControllerHost } from "lit";

export interface LiveOptions {
  /** The stream's URL (a function: it may depend on state, such as the kiosk id). */
  url: () => string;
  /** Headers of each connection (read again on every reconnect). */
  headers?: () => Record<string, string>;
  /** Frame handlers by event name; `data` is the parsed JSON. */
  on: Record<string, (data: never) => void>;
  /** Every (re)connection, once its `hello` arrived. */
  onOpen?: () => void;
  /** The connection state changed (the host is told to render too). */
  onStatus?: (connected: boolean) => void;
  /**
   * The server refused the stream with a 4xx (not 429): its error code. The stream stops;
   * return true to keep trying anyway.
   */
  onRefused?: (status: number, code: string) => boolean;
  /** A connection attempt failed (network, 5xx, 429); the stream tries again by itself. */
  onError?: () => void;
  /** Start when the host connects (default true); false = only on `start()`. */
  auto?: boolean;
}

const MAX_BACKOFF_MS = 30_000;

export class LiveStream implements ReactiveController {
  /** True while the stream is open (its `hello` arrived). */
  connected = false;
  /** The last `id:` seen (sent as Last-Event-ID on reconnect). */
  lastEventId: string | null = null;
  private ctl: AbortController | null = null;
  private retry: ReturnType<typeof setTimeout> | null = null;
  private running = false;
  private failures = 0;
  /** Bumped by every start/stop: a late callback of an old connection does nothing. */
  private gen = 0;

  constructor(
    private readonly host: ReactiveControllerHost | null,
    private readonly o: LiveOptions,
  ) {
    host?.addController(this);
  }

  hostConnected(): void {
    if (this.o.auto !== false) this.start();
  }

  hostDisconnected(): void {
    this.stop();
  }

  /** Opens the stream (again); a running stream is restarted. */
  start(): void {
    this.stop();
    this.running = true;
    this.failures = 0;
    void this.connect(this.gen);
  }

  /** Closes the stream and stops reconnecting. */
  stop(): void {
    this.gen++;
    this.running = false;
    this.ctl?.abort();
    this.ctl = null;
    if (this.retry) clearTimeout(this.retry);
    this.retry = null;
    this.setConnected(false);
  }

  /** Reconnect now if the stream is down (the page became visible again). */
  nudge(): void {
    if (this.running && !this.connected && this.retry) {
      clearTimeout(this.retry);
      this.retry = null;
      void this.connect(this.gen);
    }
  }

  /** Forgets the resume point: the next connection starts afresh (a new session). */
  reset(): void {
    this.lastEventId = null;
  }

  private async connect(gen: number): Promise<void> {
    if (gen !== this.gen || !this.running) return;
    const ctl = new AbortController();
    this.ctl = ctl;
    const headers: Record<string, string> = { accept: "text/event-stream", ...this.o.headers?.() };
    if (this.lastEventId !== null) headers["last-event-id"] = this.lastEventId;
    let res: Response;
    try {
      res = await fetch(this.o.url(), {
        headers,
        signal: ctl.signal,
        credentials: "same-origin",
        cache: "no-store",
      });
    } catch {
      return this.again(gen);
    }
    if (gen !== this.gen) return;
    if (!res.ok) {
      const body = (await res.json().catch(() => null)) as { error?: { code?: string } } | null;
      const code = body?.error?.code ?? "internal-error";
      if (res.status === 429 || res.status >= 500) return this.again(gen, res.status === 429);
      if (this.o.onRefused?.(res.status, code)) return this.again(gen, true);
      this.running = false;
      return;
    }
    let ended = false;
    try {
      ended = await this.read(res, gen);
    } catch {
      /* the connection dropped */
    }
    if (gen !== this.gen) return;
    this.setConnected(false);
    if (ended) {
      this.running = false;
      return;
    }
    this.again(gen);
  }

  /** Reads frames until the stream ends; true when the server ended it with an `end` frame. */
  private async read(res: Response, gen: number): Promise<boolean> {
    const reader = res.body!.getReader();
    const dec = new TextDecoder();
    let buf = "";
    let ended = false;
    for (;;) {
      const { value, done } = await reader.read();
      if (done || gen !== this.gen) return ended;
      buf += dec.decode(value, { stream: true }).replace(/\r\n?/g, "\n");
      let cut = buf.indexOf("\n\n");
      while (cut >= 0) {
        const block = buf.slice(0, cut);
        buf = buf.slice(cut + 2);
        cut = buf.indexOf("\n\n");
        let name = "message";
        const data: string[] = [];
        for (const line of block.split("\n")) {
          if (line === "" || line.startsWith(":")) continue;
          const i = line.indexOf(":");
          const field = i < 0 ? line : line.slice(0, i);
          const v = i < 0 ? "" : line.slice(i + 1).replace(/^ /, "");
          if (field === "event") name = v;
          else if (field === "data") data.push(v);
          else if (field === "id") this.lastEventId = v;
        }
        if (data.length === 0) continue;
        let parsed: unknown;
        try {
          parsed = JSON.parse(data.join("\n"));
        } catch {
          continue; // a malformed frame is dropped, the stream goes on
        }
        if (name === "hello") {
          this.failures = 0;
          this.setConnected(true);
          this.o.onOpen?.();
        }
        if (name === "end") ended = true;
        try {
          (this.o.on[name] as ((d: unknown) => void) | undefined)?.(parsed);
        } catch (e) {
          console.error(`[live] ${name} handler failed`, e);
        }
        if (gen !== this.gen) return ended;
      }
    }
  }

  private again(gen: number, slow = false): void {
    if (gen !== this.gen || !this.running) return;
    this.setConnected(false);
    this.o.onError?.();
    this.failures++;
    const base = Math.min(MAX_BACKOFF_MS, 1000 * 2 ** Math.min(this.failures - 1, 5));
    const wait = (slow ? Math.max(base, 10_000) : base) * (1 + Math.random());
    this.retry = setTimeout(
      () => {
        this.retry = null;
        void this.connect(gen);
      },
      Math.min(wait, MAX_BACKOFF_MS),
    );
  }

  private setConnected(on: boolean): void {
    if (this.connected === on) return;
    this.connected = on;
    this.o.onStatus?.(on);
    this.host?.requestUpdate();
  }
}
