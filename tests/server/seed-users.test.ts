/**
 * Demo accounts (issue 11): with QMS_ADMIN_PASSWORD set, the demo hall's officer and
 * manager accounts no longer share the admin's password; each gets its own, printed
 * once; a real hall gets no demo accounts at all.
 */
import { describe, expect, it } from "vitest";
import { seedUsers } from "../../server/seed-users.ts";
import { openDatabase } from "../../server/store/db.ts";
import { UserStore } from "../../server/store/users.ts";

const ADMIN = "mat-khau-quan-tri";

async function seed(hall: string, admin?: string, demo?: string) {
  const users = new UserStore(openDatabase(":memory:"));
  const lines: string[] = [];
  await seedUsers(users, hall, admin, (l) => lines.push(l), demo);
  return { users, out: lines.join("\n") };
}

describe("demo accounts", () => {
  it("get their own random passwords, printed once, never the admin's", async () => {
    const { users, out } = await seed("phu-lien", ADMIN);
    expect(out).not.toContain(ADMIN);
    const printed = new Map([...out.matchAll(/^ {2}(\S+)\s+(\S+)$/gm)].map((m) => [m[1]!, m[2]!]));
    expect([...printed.keys()].sort()).toEqual(
      ["canbo1", "canbo2", "canbo3", "canbo4", "canbo5", "canbo6", "canbo7", "quanly"].sort(),
    );
    expect(new Set(printed.values()).size).toBe(8);
    for (const [name, pw] of printed) {
      const u = users.byUsername(name)!;
      expect(await Bun.password.verify(pw, u.passwordHash)).toBe(true);
      expect(await Bun.password.verify(ADMIN, u.passwordHash)).toBe(false);
    }
    expect(await Bun.password.verify(ADMIN, users.byUsername("admin")!.passwordHash)).toBe(true);
    // A second start prints nothing.
    const lines: string[] = [];
    await seedUsers(users, "phu-lien", ADMIN, (l) => lines.push(l));
    expect(lines).toEqual([]);
  });

  it("exist only in the demo hall", async () => {
    const { users, out } = await seed("xa-an-binh", ADMIN);
    expect(users.list().map((u) => u.username)).toEqual(["admin"]);
    expect(out).toBe("");
  });

  it("share QMS_DEMO_PASSWORD when it is given (scripted demos, benchmarks)", async () => {
    const { users, out } = await seed("phu-lien", ADMIN, "demo-pass");
    expect(out).not.toContain("demo-pass");
    expect(await Bun.password.verify("demo-pass", users.byUsername("canbo3")!.passwordHash)).toBe(true);
  });
});
