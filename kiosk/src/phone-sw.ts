/**
 * The phone status page's service worker (`/t/sw.js`, scope `/t/`; issue 14, decision
 * 0115): shows a Web Push notice ("Mời số A012 đến quầy 3" / English second) even when the
 * page is closed, and opens (or focuses) the ticket's status page on a tap. It caches
 * nothing: the status page is live state, never an old copy.
 *
 * The push payload is what server/notices/push.ts `pushPayload` sends (JSON, decrypted by
 * the browser): `{ title, body, url?, tag, kind }`.
 */

/** The parts of the service worker scope used here (the DOM lib has no WebWorker types). */
interface PushEventLike extends ExtendableEventLike {
  data: { json(): unknown } | null;
}
interface ExtendableEventLike {
  waitUntil(p: Promise<unknown>): void;
}
interface NotificationEventLike extends ExtendableEventLike {
  notification: { close(): void; data?: { url?: string } };
}
interface WindowClientLike {
  url: string;
  focus(): Promise<unknown>;
  navigate?(url: string): Promise<unknown>;
}
interface SwScope {
  registration: { showNotification(title: string, o: Record<string, unknown>): Promise<void> };
  clients: {
    matchAll(o: { type: "window"; includeUncontrolled: boolean }): Promise<WindowClientLike[]>;
    openWindow(url: string): Promise<unknown>;
    claim(): Promise<void>;
  };
  skipWaiting(): Promise<void>;
  addEventListener(type: string, fn: (e: never) => void): void;
}

const sw = self as unknown as SwScope;

/** What a push carries. */
interface PushNotice {
  title: string;
  body: string;
  url?: string;
  tag: string;
  kind: string;
}

/** The notification options of a notice: a call vibrates and stays until seen. */
function notificationOptions(n: PushNotice): Record<string, unknown> {
  const urgent = n.kind === "called" || n.kind === "near";
  return {
    body: n.body,
    tag: n.tag,
    renotify: true,
    requireInteraction: n.kind === "called",
    vibrate: urgent ? [300, 120, 300, 120, 300] : undefined,
    lang: "vi",
    icon: "/assets/kiosk/phone-icon.svg",
    data: { url: n.url },
  };
}

sw.addEventListener("install", () => void sw.skipWaiting());
sw.addEventListener("activate", (e: ExtendableEventLike) => e.waitUntil(sw.clients.claim()));

sw.addEventListener("push", (e: PushEventLike) => {
  let n: PushNotice;
  try {
    n = e.data?.json() as PushNotice;
  } catch {
    return;
  }
  if (!n?.title) return;
  e.waitUntil(sw.registration.showNotification(n.title, notificationOptions(n)));
});

sw.addEventListener("notificationclick", (e: NotificationEventLike) => {
  e.notification.close();
  const url = e.notification.data?.url;
  e.waitUntil(
    (async () => {
      const open = await sw.clients.matchAll({ type: "window", includeUncontrolled: true });
      const same = open.find((c) => url && c.url === url) ?? open[0];
      if (same) {
        await same.focus();
        if (url && same.url !== url) await same.navigate?.(url);
        return;
      }
      if (url) await sw.clients.openWindow(url);
    })(),
  );
});
