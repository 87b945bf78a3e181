import { ApiFailure } from "../../ui/api.ts";
import type { Lang } from "../../ui/i18n.ts";
import { pt } from "./province-messages.ts";

/**
 * What a province view shows for a failed call: a 401 is handed up as an `unauthorized`
 * event (the app shows the login again) and gives null; anything else gives the message
 * with its stable code.
 */
export function failureText(from: EventTarget, e: unknown, l: Lang): string | null {
  const code = e instanceof ApiFailure ? e.code : "internal-error";
  if (e instanceof ApiFailure && e.status === 401) {
    from.dispatchEvent(new CustomEvent("unauthorized", { detail: { code }, bubbles: true, composed: true }));
    return null;
  }
  return pt("error", l, { code });
}
