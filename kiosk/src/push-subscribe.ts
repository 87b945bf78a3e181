/**
 * Web Push in the visitor's browser (issue 14): registers the status page's service worker
 * (`/t/sw.js`, scope `/t/`), asks for permission and subscribes with the hall's VAPID key.
 * The subscription goes to the server, which keeps it only while the ticket is live.
 */

/** Whether this browser can take Web Push here (an iPhone only from the home screen). */
export function pushSupported(): boolean {
  return "serviceWorker" in navigator && "PushManager" in window && "Notification" in window;
}

/** base64url → bytes (the `applicationServerKey`). */
function keyBytes(b64u: string): Uint8Array<ArrayBuffer> {
  const b64 = b64u.replace(/-/g, "+").replace(/_/g, "/") + "===".slice((b64u.length + 3) % 4);
  const bin = atob(b64);
  const out = new Uint8Array(new ArrayBuffer(bin.length));
  for (let i = 0; i < bin.length; i++) out[i] = bin.charCodeAt(i);
  return out;
}

/** The worker's URL as a TrustedScriptURL (the page requires Trusted Types; policy `qms-sw`, CSP). */
function workerScriptUrl(url: string): string {
  const tt = (
    window as unknown as {
      trustedTypes?: {
        createPolicy(
          n: string,
          p: { createScriptURL(u: string): string },
        ): { createScriptURL(u: string): string };
      };
    }
  ).trustedTypes;
  if (!tt) return url;
  policy ??= tt.createPolicy("qms-sw", {
    createScriptURL: (u) => {
      if (u !== "/t/sw.js") throw new TypeError(`not the status page's worker: ${u}`);
      return u;
    },
  });
  return policy.createScriptURL(url);
}
let policy: { createScriptURL(u: string): string } | undefined;

/** Registers the status page's service worker (scope `/t/`). */
export function registerWorker(workerUrl = "/t/sw.js"): Promise<ServiceWorkerRegistration> {
  return navigator.serviceWorker.register(workerScriptUrl(workerUrl), { scope: "/t/" });
}

/** Subscribes this browser; throws `Error("push-denied")` when the visitor refuses. */
export async function subscribePush(
  vapidPublicKey: string,
  workerUrl = "/t/sw.js",
): Promise<{ endpoint: string; keys: { p256dh: string; auth: string } }> {
  const reg = await registerWorker(workerUrl);
  await navigator.serviceWorker.ready;
  const permission = await Notification.requestPermission();
  if (permission !== "granted") throw new Error("push-denied");
  const existing = await reg.pushManager.getSubscription();
  const sub =
    existing ??
    (await reg.pushManager.subscribe({
      userVisibleOnly: true,
      applicationServerKey: keyBytes(vapidPublicKey),
    }));
  const json = sub.toJSON() as { endpoint?: string; keys?: { p256dh?: string; auth?: string } };
  if (!json.endpoint || !json.keys?.p256dh || !json.keys.auth) throw new Error("invalid-push-subscription");
  return { endpoint: json.endpoint, keys: { p256dh: json.keys.p256dh, auth: json.keys.auth } };
}
