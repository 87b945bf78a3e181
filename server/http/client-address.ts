/**
 * The address a request comes from, for the per-address limits (tickets per minute, live
 * streams, MQTT over WebSocket, code guessing, logins) and the login log.
 *
 * Served directly, it is the socket's address. Behind a reverse proxy (HTTPS for Web Push,
 * deploy/README.md) every request comes from the proxy: without more, all the hall's kiosks
 * would share one ticket limit and all phones one cap of live streams. With the proxy's
 * address in `QMS_TRUSTED_PROXIES`, a request from it is counted for the address the proxy
 * saw: the right-most entry of `X-Forwarded-For` that is not itself a trusted proxy (the
 * entries to its left are whatever the client sent, so they are never believed). A request
 * from any other address is counted for its socket, whatever headers it carries.
 */

/** `::ffff:192.0.2.1` → `192.0.2.1`; lower case. */
function normalize(address: string): string {
  const a = address.trim().toLowerCase();
  return a.startsWith("::ffff:") && a.includes(".") ? a.slice(7) : a;
}

/** An entry of X-Forwarded-For as a bare address (`[::1]:443` and `192.0.2.1:80` lose the port); null when it is not one. */
function entryAddress(entry: string): string | null {
  let a = entry.trim();
  if (a.startsWith("[")) {
    const end = a.indexOf("]");
    if (end < 0) return null;
    a = a.slice(1, end);
  } else if (/^[\d.]+:\d+$/.test(a)) a = a.slice(0, a.indexOf(":"));
  if (a.length === 0 || a.length > 45 || !/^[0-9a-fA-F:.]+$/.test(a)) return null;
  if (a.includes(".") && !isIpv4(a.slice(a.lastIndexOf(":") + 1))) return null;
  if (!a.includes(".") && !a.includes(":")) return null;
  return normalize(a);
}

function isIpv4(a: string): boolean {
  const parts = a.split(".");
  return parts.length === 4 && parts.every((p) => /^\d{1,3}$/.test(p) && Number(p) <= 255);
}

/** The trusted proxies of `QMS_TRUSTED_PROXIES` (addresses, comma or space separated); throws on a bad entry. */
export function parseTrustedProxies(text: string | undefined, name = "QMS_TRUSTED_PROXIES"): string[] {
  if (!text) return [];
  return text
    .split(/[\s,]+/)
    .filter(Boolean)
    .map((x) => {
      const a = entryAddress(x);
      if (a === null) throw new Error(`${name}: "${x}" is not an IP address`);
      return a;
    });
}

/**
 * The client's address: `socket`, or when `socket` is a trusted proxy, the right-most entry of
 * `forwardedFor` that is not a trusted proxy (the socket's address when there is none, or the
 * proxy wrote something that is not an address); "local" when the socket is unknown.
 */
export function clientAddress(
  socket: string | undefined,
  forwardedFor: string | null,
  trusted: ReadonlySet<string>,
): string {
  if (socket === undefined) return "local";
  const own = normalize(socket);
  if (trusted.size === 0 || !trusted.has(own) || !forwardedFor) return own;
  const entries = forwardedFor.split(",");
  for (let i = entries.length - 1; i >= 0; i--) {
    const a = entryAddress(entries[i]!);
    if (a === null) return own;
    if (!trusted.has(a)) return a;
  }
  return own;
}
