/**
 * First start: the `admin` user from QMS_ADMIN_PASSWORD, or a random password printed
 * once. The demo hall also gets officer accounts `canbo1`…`canbo7` and a manager
 * `quanly` sharing one random password, printed once, so the hall can be tried at once.
 */
import { Auth } from "./http/auth.ts";
import type { UserStore } from "./store/users.ts";

export async function seedUsers(
  users: UserStore,
  hallId: string,
  adminPassword: string | undefined,
  log: (l: string) => void,
) {
  if (users.count() > 0) return;
  const now = Date.now();
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
  if (hallId !== "phu-lien") return;
  const demo = adminPassword ?? randomPassword();
  const hash = await Auth.hashPassword(demo);
  for (let i = 1; i <= 7; i++)
    users.create({ username: `canbo${i}`, passwordHash: hash, name: `Cán bộ ${i}`, role: "officer" }, now);
  users.create({ username: "quanly", passwordHash: hash, name: "Quản lý trung tâm", role: "manager" }, now);
  log(
    `Tài khoản mẫu / demo accounts: canbo1…canbo7 (cán bộ), quanly (quản lý), mật khẩu / password: ${demo}${adminPassword ? " (= QMS_ADMIN_PASSWORD)" : "  (chỉ in một lần / shown once)"}`,
  );
}

function randomPassword(): string {
  return Buffer.from(crypto.getRandomValues(new Uint8Array(12))).toString("base64url");
}
