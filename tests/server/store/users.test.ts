/**
 * The session lookup from memory (server/store/users.ts): every write of the store empties
 * it at once (logout, disabled account, new password, role), and another connection's
 * commit (a second process on the file) is seen within a second.
 */
import { mkdtempSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { describe, expect, it, vi } from "vitest";
import { openDatabase } from "../../../server/store/db.ts";
import { UserStore } from "../../../server/store/users.ts";

const NOW = 1_800_000_000_000;
const DAY = 86_400_000;

function setup(path = ":memory:") {
  const db = openDatabase(path);
  const users = new UserStore(db);
  const u = users.create({ username: "o1", passwordHash: "h1", name: "Cán bộ 1", role: "officer" }, NOW)!;
  users.createSession("tok", u.id, NOW, NOW + DAY);
  return { db, users, u };
}

describe("UserStore.session()", () => {
  it("answers from memory and sees every write of any UserStore on the connection at once", () => {
    const { db, users, u } = setup();
    const other = new UserStore(db); // main.ts builds two on one connection
    expect(users.session("tok", NOW)).toMatchObject({ user: { id: u.id, role: "officer", disabled: false } });
    // The role changes through the other instance: the next lookup has it.
    other.update(u.id, { role: "manager" });
    expect(users.session("tok", NOW)).toMatchObject({ user: { role: "manager" } });
    // Sliding expiry: the cached session moves with the row.
    users.extendSession("tok", NOW + 2 * DAY);
    expect(users.session("tok", NOW + 1.5 * DAY)).toMatchObject({ expiresAt: NOW + 2 * DAY });
    expect(users.session("tok", NOW + 3 * DAY)).toBe("expired");
    // Disabling ends the session at once (the store deletes a disabled account's sessions).
    other.update(u.id, { disabled: true });
    expect(users.session("tok", NOW)).toBeNull();
    // A logout likewise.
    users.update(u.id, { disabled: false });
    users.createSession("tok2", u.id, NOW, NOW + DAY);
    expect(users.session("tok2", NOW)).not.toBeNull();
    other.deleteSession("tok2");
    expect(users.session("tok2", NOW)).toBeNull();
    // A returned user is a copy: changing it changes nothing cached.
    users.createSession("tok3", u.id, NOW, NOW + DAY);
    const s = users.session("tok3", NOW);
    if (!s || s === "expired") throw new Error("no session");
    s.user.role = "admin";
    expect(users.session("tok3", NOW)).toMatchObject({ user: { role: "manager" } });
  });

  it("sees another connection's commit within a second", () => {
    const path = join(mkdtempSync(join(tmpdir(), "qms-users-")), "hall.sqlite");
    const { users, u } = setup(path);
    const second = new UserStore(openDatabase(path));
    expect(users.session("tok", NOW)).not.toBeNull();
    second.update(u.id, { disabled: true }); // another process disables the account
    const t0 = performance.now();
    vi.spyOn(performance, "now").mockReturnValue(t0 + 1_001);
    try {
      expect(users.session("tok", NOW)).toBeNull();
    } finally {
      vi.restoreAllMocks();
    }
  });
});
