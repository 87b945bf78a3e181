/**
 * The device token of a kiosk or a counter's rating tablet (docs/decisions/0023): given
 * once in the page's URL fragment, `#pair=<token>` (a fragment never reaches the server's
 * logs nor a Referer), kept in localStorage under the device id, and sent with the
 * requests that need it (`X-Device-Token`). The fragment is removed from the address bar.
 */
const KEY = (deviceId: string) => `qms.device.${deviceId}`;

/** The device's token, storing the one of the URL fragment if there is one. */
export function deviceToken(deviceId: string): string | null {
  const m = /(?:^#|&)pair=([A-Za-z0-9_-]{16,128})(?:&|$)/.exec(location.hash);
  try {
    if (m) {
      localStorage.setItem(KEY(deviceId), m[1]!);
      history.replaceState(history.state, "", location.pathname + location.search);
    }
    return localStorage.getItem(KEY(deviceId));
  } catch {
    return m?.[1] ?? null; // storage disabled: the token holds for this page only
  }
}

/** Headers carrying the device's token, or none when the device is not paired. */
export function deviceHeaders(deviceId: string | undefined): Record<string, string> {
  const t = deviceId ? deviceToken(deviceId) : null;
  return t ? { "x-device-token": t } : {};
}
