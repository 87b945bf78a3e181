import { afterEach, describe, expect, it } from "vitest";
import { noteServerDate, serverNow } from "../../ui/server-clock.ts";

afterEach(() => noteServerDate(new Date().toUTCString()));

describe("serverNow()", () => {
  it("follows the server's Date header when the browser clock is minutes off", () => {
    const received = Date.now();
    // The server is 5 minutes ahead of this browser.
    noteServerDate(new Date(received + 300_000).toUTCString(), received);
    expect(Math.abs(serverNow() - (Date.now() + 300_000))).toBeLessThan(1600);
  });

  it("ignores differences within the header's one-second rounding, and bad headers", () => {
    const received = Date.now();
    noteServerDate(new Date(received - 900).toUTCString(), received);
    expect(Math.abs(serverNow() - Date.now())).toBeLessThan(5);
    noteServerDate("not a date", received);
    noteServerDate(null, received);
    expect(Math.abs(serverNow() - Date.now())).toBeLessThan(5);
  });
});
