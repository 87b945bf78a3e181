import { spawn } from "bun";
import { percentile, ROOT, startServer } from "./lib.ts";

// Bun's fetch keeps at most 256 requests open by default; a thousand streams need more.
if (!process.env.BUN_CONFIG_MAX_HTTP_REQUESTS) {
  const p = spawn([process.execPath, ...process.argv.slice(1)], {
    env: { ...process.env, BUN_CONFIG_MAX_HTTP_REQUESTS: "8192" },
    stdout: "inherit",
    stderr: "inherit",
  });
  process.exit(await p.exited);
}

const arg = (name: string, def: string) => {
  const i = process.argv.indexOf(`--${name}`);
  return i > 0 ? process.argv[i + 1]! : def;
};
const PHONES = arg("phones", "1000").split(",").map(Number);
const CALLS = Number(arg("calls", "120"));
const EVERY_MS = Number(arg("every", "250"));
const BEFORE_ROOT = arg("before-root", "");
/**
 * `--modes pushed` runs the pushed clients alone (default: both, re-fetching first);
 * `pushed-before` runs the pushed clients against `--before-root` (before/after of the server).
 */
const MODES = arg("modes", "refetch,pushed").split(",") as Mode[];
const PASSWORD = "bench-password";

type Mode = "refetch" | "pushed" | "pushed-before";

/** One hall server process of this checkout or of `--before-root`. */
const startHallServer = (root: string) =>
  startServer(
    {
      QMS_DEMO_PASSWORD: PASSWORD,
      // Every bench client comes from 127.0.0.1: the per-address cap is off here.
      QMS_SSE_MAX_PER_ADDRESS: "0",
    },
    { root, timeoutMs: 60_000 },
  );

async function run(mode: Mode, phones: number) {
  const srv = await startHallServer(mode !== "pushed" && BEFORE_ROOT ? BEFORE_ROOT : ROOT);
  let requests = 0;
  const ctl = new AbortController();
  const req = async (method: string, path: string, token?: string, body?: unknown) => {
    requests++;
    const res = await fetch(srv.base + path, {
      method,
      headers: {
        ...(body === undefined ? {} : { "content-type": "application/json" }),
        ...(token ? { authorization: `Bearer ${token}` } : {}),
      },
      body: body === undefined ? undefined : JSON.stringify(body),
    });
    const text = await res.text();
    if (!res.ok) throw new Error(`${method} ${path}: ${res.status} ${text}`);
    return text ? JSON.parse(text) : null;
  };
  /** Opens a stream and calls `on(name, data)` per frame; resolves once `hello` arrived. */
  const stream = async (path: string, on: (name: string, data: string) => void, token?: string) => {
    const res = await fetch(srv.base + path, {
      headers: token ? { authorization: `Bearer ${token}` } : {},
      signal: ctl.signal,
    });
    if (!res.ok) throw new Error(`${path}: ${res.status}`);
    const reader = res.body!.getReader();
    const dec = new TextDecoder();
    let buf = "";
    let hello: () => void = () => {};
    const ready = new Promise<void>((r) => {
      hello = r;
    });
    void (async () => {
      try {
        for (;;) {
          const { value, done } = await reader.read();
          if (done) return;
          buf += dec.decode(value, { stream: true });
          for (let i = buf.indexOf("\n\n"); i >= 0; i = buf.indexOf("\n\n")) {
            const block = buf.slice(0, i);
            buf = buf.slice(i + 2);
            const name = /^event: (.*)$/m.exec(block)?.[1];
            const data = /^data: (.*)$/m.exec(block)?.[1];
            if (name === "hello") hello();
            if (name && data !== undefined) on(name, data);
          }
        }
      } catch {
        /* aborted */
      }
    })();
    await ready;
  };
  /** One fetch in flight at a time, one more queued: what the old clients did. */
  const coalesced = (load: () => Promise<void>) => {
    let busy = false;
    let again = false;
    const go = (): void => {
      if (busy) {
        again = true;
        return;
      }
      busy = true;
      load()
        .catch(() => {})
        .finally(() => {
          busy = false;
          if (again) {
            again = false;
            go();
          }
        });
    };
    return go;
  };

  try {
    const services = ((await req("GET", "/api/services")).services as { id: string }[]).map((s) => s.id);
    const officers: string[] = [];
    for (let n = 1; n <= 7; n++) {
      const { token } = await req("POST", "/api/auth/login", undefined, {
        username: `canbo${n}`,
        password: PASSWORD,
      });
      await req("POST", `/api/counters/${n}/open`, token);
      officers.push(token);
    }
    const manager = (
      await req("POST", "/api/auth/login", undefined, { username: "quanly", password: PASSWORD })
    ).token as string;
    // The morning's line: the phones follow the first `phones` tickets.
    const codes: string[] = [];
    for (let i = 0; i < phones + CALLS; i++) {
      const t = (await req("POST", "/api/tickets", undefined, { serviceId: services[i % services.length] }))
        .ticket;
      if (i < phones) codes.push(t.code);
    }

    // Who learnt of their call when (by code).
    const calledSeen = new Map<string, number>();
    const seeCalled = (code: string, status: string) => {
      if (status === "called" && !calledSeen.has(code)) calledSeen.set(code, performance.now());
    };
    if (mode === "refetch") {
      for (let n = 1; n <= 7; n++) {
        const token = officers[n - 1]!;
        const go = coalesced(async () => {
          await req("GET", "/api/auth/me", token);
          await Promise.all([req("GET", "/api/hall", token), req("GET", `/api/counters/${n}/today`, token)]);
        });
        await stream("/api/events", (name) => name !== "hello" && go());
      }
      const dash = coalesced(async () => {
        await Promise.all([req("GET", "/api/hall", manager), req("GET", "/api/counters", manager)]);
      });
      await stream("/api/events", (name) => name !== "hello" && dash());
      const display = coalesced(async () => void (await req("GET", "/api/hall")));
      await stream("/api/events", (name) => name !== "hello" && display());
      for (const code of codes) {
        const go = coalesced(async () => {
          const { ticket } = await req("GET", `/api/tickets/${code}`);
          seeCalled(code, ticket.status);
        });
        await stream("/api/events", (name) => name !== "hello" && go());
      }
    } else {
      for (const token of officers) await stream("/api/live/staff?views=hall,counters,mine", () => {}, token);
      await stream("/api/live/staff", () => {}, manager);
      await stream("/api/live", () => {});
      for (const code of codes)
        await stream(`/api/tickets/${code}/live`, (name, data) => {
          if (name === "ticket") seeCalled(code, JSON.parse(data).ticket.status);
        });
    }
    await Bun.sleep(1000);

    // The busy morning: every EVERY_MS a kiosk issues a ticket and one counter (in turn)
    // finishes its visitor and calls the next.
    const issueMs: number[] = [];
    const callMs: number[] = [];
    const callSent = new Map<string, number>();
    const current = new Map<number, boolean>();
    const chains: Promise<void>[] = [];
    const req0 = requests;
    const cpu0 = srv.cpuMs();
    const t0 = performance.now();
    const pending: Promise<unknown>[] = [];
    for (let i = 0; i < CALLS; i++) {
      const n = (i % 7) + 1;
      const token = officers[n - 1]!;
      // One counter's actions in order: its previous call has answered first.
      const act = (chains[n] ?? Promise.resolve()).then(async () => {
        if (current.get(n)) {
          await req("POST", `/api/counters/${n}/start`, token);
          await req("POST", `/api/counters/${n}/finish`, token);
        }
        const s = performance.now();
        const r = await req("POST", `/api/counters/${n}/call-next`, token);
        callMs.push(performance.now() - s);
        current.set(n, !!r);
        if (r) callSent.set(r.ticket.code, s);
      });
      chains[n] = act;
      pending.push(
        (async () => {
          const s = performance.now();
          await req("POST", "/api/tickets", undefined, { serviceId: services[i % services.length] });
          issueMs.push(performance.now() - s);
        })(),
        act,
      );
      const wait = t0 + (i + 1) * EVERY_MS - performance.now();
      if (wait > 0) await Bun.sleep(wait);
    }
    await Promise.all(pending);
    await Bun.sleep(2000); // the last re-fetches land
    const elapsed = performance.now() - t0;
    const cpu = srv.cpuMs() - cpu0;
    const reqs = requests - req0;
    const learn: number[] = [];
    for (const [code, sent] of callSent) {
      const seen = calledSeen.get(code);
      if (seen !== undefined && codes.includes(code)) learn.push(seen - sent);
    }
    const sort = (a: number[]) => [...a].sort((x, y) => x - y);
    const out = {
      mode,
      phones,
      calls: callMs.length,
      reqPerCall: reqs / callMs.length,
      cpuMsPerCall: cpu / callMs.length,
      cpuPct: (100 * cpu) / elapsed,
      issueP99: percentile(sort(issueMs), 99),
      callP99: percentile(sort(callMs), 99),
      learnP50: percentile(sort(learn), 50),
      learnP99: percentile(sort(learn), 99),
      learnN: learn.length,
      rssMb: srv.rssMb(),
    };
    return out;
  } finally {
    ctl.abort();
    await srv.stop();
  }
}

const f = (x: number, d = 1) => (Number.isFinite(x) ? x.toFixed(d) : "–");
console.log(
  `bench:live: 7 consoles, 1 dashboard, 1 display, N phones; ${CALLS} calls, one call + one issued ticket every ${EVERY_MS} ms`,
);
console.log(
  `  refetch against ${BEFORE_ROOT ? `${BEFORE_ROOT} (before)` : "this server (old client behaviour)"}`,
);
console.log(
  "| clients | N phones | requests/call | server CPU ms/call | server CPU % | issue p99 ms | call-next p99 ms | phone learns p50 ms | p99 ms | phones timed | RSS MB |",
);
console.log("|---|---:|---:|---:|---:|---:|---:|---:|---:|---:|---:|");
for (const n of PHONES)
  for (const mode of MODES) {
    const r = await run(mode, n);
    console.log(
      `| ${r.mode} | ${r.phones} | ${f(r.reqPerCall)} | ${f(r.cpuMsPerCall)} | ${f(r.cpuPct, 0)} | ${f(r.issueP99)} | ${f(r.callP99)} | ${f(r.learnP50)} | ${f(r.learnP99)} | ${r.learnN} | ${f(r.rssMb, 0)} |`,
    );
  }
process.exit(0);
