/** The kiosk's plain-JS SHA-256 and HMAC agree with node:crypto (FIPS 180-4 / RFC 4231 vectors). */
import { createHash, createHmac, randomBytes } from "node:crypto";
import { describe, expect, it } from "vitest";
import { hex, hmacSha256, sha256, unhex } from "../../../../kiosk/src/cccd/hmac.ts";

const enc = (s: string) => new TextEncoder().encode(s);

describe("sha256 / hmacSha256", () => {
  it("known vectors", () => {
    expect(hex(sha256(enc("")))).toBe("e3b0c44298fc1c149afbf4c8996fb92427ae41e4649b934ca495991b7852b855");
    expect(hex(sha256(enc("abc")))).toBe("ba7816bf8f01cfea414140de5dae2223b00361a396177a9cb410ff61f20015ad");
    // RFC 4231 test case 2
    expect(hex(hmacSha256(enc("Jefe"), enc("what do ya want for nothing?")))).toBe(
      "5bdcc146bf60754e6a042426089575c75a003f089d2739839dec58b964ec3843",
    );
  });

  it("matches node:crypto on every length around the block boundaries and long keys", () => {
    for (const n of [0, 1, 55, 56, 63, 64, 65, 119, 120, 1000]) {
      const m = randomBytes(n);
      const k = randomBytes(n % 3 === 0 ? 100 : 32);
      expect(hex(sha256(m))).toBe(createHash("sha256").update(m).digest("hex"));
      expect(hex(hmacSha256(k, m))).toBe(createHmac("sha256", k).update(m).digest("hex"));
    }
  });

  it("hex round trip", () => {
    expect(hex(unhex("00ff10ab"))).toBe("00ff10ab");
  });
});
