/** The client address behind a trusted reverse proxy (server/http/client-address.ts). */
import { describe, expect, it } from "vitest";
import { clientAddress, parseTrustedProxies } from "../../../server/http/client-address.ts";
import { optionsFromEnv } from "../../../server/main.ts";

const proxy = new Set(["127.0.0.1", "::1"]);

describe("client address", () => {
  it("is the socket's address when nothing is trusted, whatever X-Forwarded-For says", () => {
    expect(clientAddress("127.0.0.1", "203.0.113.9", new Set())).toBe("127.0.0.1");
    expect(clientAddress("192.0.2.7", "203.0.113.9", proxy)).toBe("192.0.2.7");
  });

  it("behind a trusted proxy is the right-most forwarded address that is not a proxy", () => {
    expect(clientAddress("127.0.0.1", "192.168.1.21", proxy)).toBe("192.168.1.21");
    // What the client wrote itself stands to the left and is never believed.
    expect(clientAddress("127.0.0.1", "10.9.9.9, 192.168.1.21", proxy)).toBe("192.168.1.21");
    // Two proxies in a row (both trusted): the client is before them.
    expect(clientAddress("::1", "192.168.1.21, 127.0.0.1", proxy)).toBe("192.168.1.21");
    expect(clientAddress("::ffff:127.0.0.1", "[2001:db8::5]:443", proxy)).toBe("2001:db8::5");
    expect(clientAddress("127.0.0.1", "192.168.1.21:50211", proxy)).toBe("192.168.1.21");
  });

  it("falls back to the socket when the proxy forwarded nothing usable", () => {
    expect(clientAddress("127.0.0.1", null, proxy)).toBe("127.0.0.1");
    expect(clientAddress(undefined, "192.168.1.21", proxy)).toBe("local");
    expect(clientAddress("127.0.0.1", "", proxy)).toBe("127.0.0.1");
    expect(clientAddress("127.0.0.1", "evil<script>", proxy)).toBe("127.0.0.1");
    expect(clientAddress("127.0.0.1", "127.0.0.1", proxy)).toBe("127.0.0.1");
    expect(clientAddress("127.0.0.1", "999.1.1.1", proxy)).toBe("127.0.0.1");
  });

  it("QMS_TRUSTED_PROXIES takes addresses, and a start with anything else stops with its name", () => {
    expect(parseTrustedProxies("127.0.0.1, ::1 10.0.0.2")).toEqual(["127.0.0.1", "::1", "10.0.0.2"]);
    expect(parseTrustedProxies(undefined)).toEqual([]);
    expect(optionsFromEnv({ QMS_TRUSTED_PROXIES: "127.0.0.1" }).trustedProxies).toEqual(["127.0.0.1"]);
    expect(() => optionsFromEnv({ QMS_TRUSTED_PROXIES: "proxy.local" })).toThrow(
      /QMS_TRUSTED_PROXIES.*proxy\.local/,
    );
  });
});
