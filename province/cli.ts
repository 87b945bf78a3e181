/**
 * The province's command line (`npm run province -- …`):
 *   (nothing)                                   start the server (settings: province/README.md)
 *   add-hall ID [--name "Tên" --name-en "Name" --area "Khu vực"]
 *                                               create a hall; its credential is the last line, `ID:SECRET`, shown once
 *   reset-secret ID                             a new secret for a hall (last line `ID:SECRET`)
 *   add-user USERNAME [--role viewer|admin --name "Tên" --password P]
 *   mosquitto-config --out DIR [--port 1883]    ACL, password and conf files for an external Mosquitto
 * With the embedded PostgreSQL (PGlite) only one process may open the data folder, so while
 * the server runs the commands go through its API with the local token it left in
 * `<data>/server.json` (mode 0600); otherwise they open the store directly.
 */
import { chmodSync, existsSync, mkdirSync, readFileSync, writeFileSync } from "node:fs";
import { join, resolve } from "node:path";
import { parseArgs } from "node:util";
import { PROVINCE_ROLES, type ProvinceRole } from "../server/contract/province.ts";
import { ID_PATTERN } from "../server/contract/topics.ts";
import { Auth } from "../server/http/auth.ts";
import {
  lanAddress,
  provinceMqttPassword,
  provinceOptionsFromEnv,
  SERVER_FILE,
  startProvince,
} from "./main.ts";
import { PROVINCE_LOGIN } from "./mqtt/acl.ts";
import { provinceAcl, provinceMosquittoConf, provincePasswords } from "./mqtt/mosquitto.ts";
import { ProvinceStore } from "./store/store.ts";

const fail = (msg: string): never => {
  console.error(msg);
  process.exit(2);
};

/** The running server of this data folder, if any (its pid is alive). */
function runningServer(dataDir: string): { url: string; token: string } | null {
  const f = join(dataDir, SERVER_FILE);
  if (!existsSync(f)) return null;
  try {
    const s = JSON.parse(readFileSync(f, "utf8")) as { pid: number; url: string; token: string };
    process.kill(s.pid, 0);
    return s;
  } catch {
    return null;
  }
}

async function viaServer(s: { url: string; token: string }, method: string, path: string, body?: unknown) {
  const res = await fetch(s.url + path, {
    method,
    headers: {
      authorization: `Bearer ${s.token}`,
      "content-type": "application/json",
      "accept-language": "en",
    },
    body: body === undefined ? undefined : JSON.stringify(body),
  });
  const json = (await res.json().catch(() => null)) as Record<string, unknown> | null;
  if (!res.ok) fail(`refused: ${res.status} ${JSON.stringify(json?.error ?? json)}`);
  return json!;
}

async function withStore<T>(fn: (s: ProvinceStore) => Promise<T>): Promise<T> {
  const o = provinceOptionsFromEnv();
  // A one-off command: PGlite in this thread (no event loop to keep free).
  const store = await ProvinceStore.open({
    databaseUrl: o.databaseUrl,
    dataDir: resolve(o.dataDir!),
    inProcess: true,
  });
  try {
    return await fn(store);
  } finally {
    await store.close();
  }
}

async function addHall(args: string[]) {
  const { values, positionals } = parseArgs({
    args,
    allowPositionals: true,
    options: { name: { type: "string" }, "name-en": { type: "string" }, area: { type: "string" } },
  });
  const id = positionals[0] ?? fail("usage: npm run province -- add-hall ID [--name … --name-en … --area …]");
  if (!ID_PATTERN.test(id) || id === PROVINCE_LOGIN)
    fail(`"${id}" is not a hall id: lowercase ASCII [a-z0-9-]`);
  const name = values.name ? { vi: values.name, en: values["name-en"] ?? values.name } : undefined;
  const o = provinceOptionsFromEnv();
  const running = o.databaseUrl ? null : runningServer(resolve(o.dataDir!));
  let credential: string;
  if (running) {
    const r = await viaServer(running, "POST", "/api/halls", { id, name, area: values.area ?? null });
    credential = r.credential as string;
  } else {
    const secret = await withStore((s) =>
      s.halls.create({ id, name, area: values.area ?? null }, Date.now()),
    );
    if (secret === null)
      fail(`hall ${id} already exists (reset its secret with: npm run province -- reset-secret ${id})`);
    credential = `${id}:${secret}`;
  }
  console.log(`Đã tạo trung tâm / hall created: ${id}`);
  console.log("Đặt trên máy của trung tâm / set on the hall's machine:");
  console.log(`  QMS_PROVINCE_URL=http://${credential}@${lanAddress()}:${o.port}`);
  console.log("Mã truy cập, chỉ hiện một lần / credential, shown once:");
  console.log(credential);
}

async function resetSecret(args: string[]) {
  const id = args[0] ?? fail("usage: npm run province -- reset-secret ID");
  const o = provinceOptionsFromEnv();
  const running = o.databaseUrl ? null : runningServer(resolve(o.dataDir!));
  let credential: string;
  if (running)
    credential = (await viaServer(running, "POST", `/api/halls/${id}/secret`)).credential as string;
  else {
    const secret = await withStore((s) => s.halls.resetSecret(id));
    if (secret === null) fail(`no hall ${id}`);
    credential = `${id}:${secret}`;
  }
  console.log(credential);
}

async function addUser(args: string[]) {
  const { values, positionals } = parseArgs({
    args,
    allowPositionals: true,
    options: { role: { type: "string" }, name: { type: "string" }, password: { type: "string" } },
  });
  const username =
    positionals[0] ?? fail("usage: npm run province -- add-user USERNAME [--role viewer|admin]");
  const role = (values.role ?? "viewer") as ProvinceRole;
  if (!PROVINCE_ROLES.includes(role)) fail(`role: ${PROVINCE_ROLES.join(" | ")}`);
  const password =
    values.password ?? Buffer.from(crypto.getRandomValues(new Uint8Array(12))).toString("base64url");
  const o = provinceOptionsFromEnv();
  const running = o.databaseUrl ? null : runningServer(resolve(o.dataDir!));
  const body = { username, password, name: values.name ?? username, role };
  if (running) await viaServer(running, "POST", "/api/users", body);
  else {
    const u = await withStore(async (s) =>
      s.staff.create({ ...body, passwordHash: await Auth.hashPassword(password) }, Date.now()),
    );
    if (!u) fail(`username ${username} is taken`);
  }
  console.log(
    `${username} (${role})${values.password ? "" : ` / ${password}  (chỉ in một lần / shown once)`}`,
  );
}

async function mosquittoConfig(args: string[]) {
  const { values } = parseArgs({ args, options: { out: { type: "string" }, port: { type: "string" } } });
  if (!values.out) fail("usage: npm run province -- mosquitto-config --out DIR [--port 1883]");
  const o = provinceOptionsFromEnv();
  if (!o.databaseUrl && runningServer(resolve(o.dataDir!)))
    fail("stop the province server first (the embedded database has one user at a time)");
  const out = resolve(values.out!);
  mkdirSync(out, { recursive: true });
  const port = Number(values.port ?? 1883);
  const { halls, pw } = await withStore(async (s) => ({
    halls: await s.halls.list(),
    pw: await provinceMqttPassword(s),
  }));
  const base = o.baseTopic ?? "qms";
  writeFileSync(
    join(out, "acl"),
    provinceAcl(
      base,
      halls.map((h) => h.id),
    ),
    { mode: 0o644 },
  );
  writeFileSync(join(out, "passwd"), provincePasswords(halls, pw), { mode: 0o640 });
  writeFileSync(join(out, "mosquitto.conf"), provinceMosquittoConf(out, port), { mode: 0o644 });
  chmodSync(out, 0o755);
  console.log(
    `wrote ${out}/acl, passwd and mosquitto.conf for ${halls.length} halls (mosquitto -c ${out}/mosquitto.conf)`,
  );
  console.log("Start the province server with:");
  console.log(`  QMS_PROVINCE_MQTT_URL=mqtt://${PROVINCE_LOGIN}:${pw}@127.0.0.1:${port}`);
  console.log(`  QMS_PROVINCE_MQTT_PUBLIC_URL=mqtt://${lanAddress()}:${port}`);
}

async function serve() {
  const o = provinceOptionsFromEnv();
  const p = await startProvince(o).catch((e: Error) => {
    console.error(`Không khởi động được / cannot start: ${e.message}`);
    process.exit(1);
  });
  const u = p.url.replace("localhost", lanAddress());
  console.log(`
Máy chủ cấp tỉnh đã chạy / the province server is running
  Bảng điều khiển / dashboard   ${u}/
  Các trung tâm / halls (JSON)  ${u}/api/halls
  API                           ${u}/api/openapi.json
  MQTT cho trung tâm / halls    ${p.mqttUrl}
  Cơ sở dữ liệu / database      ${o.databaseUrl ? `PostgreSQL ${o.databaseUrl.replace(/\/\/([^:@/]+):[^@/]*@/, "//$1:***@")}` : `${p.store.engine} in ${p.dataDir}/pg`}
  Thêm trung tâm / add a hall   npm run province -- add-hall ID --name "…" --area "…"
`);
  const shutdown = async () => {
    await p.stop();
    process.exit(0);
  };
  process.on("SIGINT", shutdown);
  process.on("SIGTERM", shutdown);
}

/** Runs one command of the command line. */
export async function runCli(argv: string[]): Promise<void> {
  const [cmd, ...rest] = argv;
  switch (cmd) {
    case undefined:
    case "serve":
      return serve();
    case "add-hall":
      return addHall(rest);
    case "reset-secret":
      return resetSecret(rest);
    case "add-user":
      return addUser(rest);
    case "mosquitto-config":
      return mosquittoConfig(rest);
    default:
      fail(`unknown command ${cmd}: add-hall | reset-secret | add-user | mosquitto-config`);
  }
}
