/**
 * First start: the `admin` user from QMS_ADMIN_PASSWORD, or a random password printed
 * once. The demo hall (and only it) also gets officer accounts `canbo1`…`canbo7` and a
 * manager `quanly` so that it can be tried at once; each gets its own random password,
 * printed once, never the admin's (docs/decisions/0022-login-throttling.md, "Demo
 * accounts"). `demoPassword` (QMS_DEMO_PASSWORD) gives them one known password instead,
 * for scripted demos and benchmarks of the demo hall.
 */
import { Auth } from "./http/auth.ts";
import type { UserStore } from "./store/users.ts";
import { systemClock } from "./system-clock.ts";

export const DEMO_HALL = "phu-lien";

export async function seedUsers(
  users: UserStore,
  hallId: string,
  adminPassword: string | undefined,
  log: (l: string) => void,
  demoPassword?: string,
  now: number = systemClock.now(),
) {
  if (users.count() > 0) return;
  const pw = adminPassword ?? randomPassword();
  users.create(
    {
      username: "admin",
      passwordHash: await Auth.hashPassword(pw),
      name: "Quản trị hệ thống",
      role: "admin",
    },
    now,
  );
  if (!adminPassword) log(`Tài khoản quản trị / admin account: admin / ${pw}  (chỉ in một lần / shown once)`);
  if (hallId !== DEMO_HALL) return;
  const accounts = [
    ...[1, 2, 3, 4, 5, 6, 7].map((i) => ({
      username: `canbo${i}`,
      name: `Cán bộ ${i}`,
      role: "officer" as const,
    })),
    { username: "quanly", name: "Quản lý trung tâm", role: "manager" as const },
  ];
  const shared = demoPassword ? await Auth.hashPassword(demoPassword) : null;
  const lines: string[] = [];
  for (const a of accounts) {
    const own = shared ? null : randomPassword();
    users.create({ ...a, passwordHash: shared ?? (await Auth.hashPassword(own!)) }, now);
    lines.push(`  ${a.username.padEnd(8)} ${own ?? "(QMS_DEMO_PASSWORD)"}`);
  }
  log(
    `Tài khoản mẫu / demo accounts (cán bộ canbo1…7, quản lý quanly)${shared ? "" : " — chỉ in một lần / shown once"}:\n${lines.join("\n")}`,
  );
}

function randomPassword(): string {
  return Buffer.from(crypto.getRandomValues(new Uint8Array(12))).toString("base64url");
}
