/**
 * Wait times as staff screens show them: a clock-like duration and a colour level
 * against the hall's wait target (15 minutes per visit on average, DOMAIN.md "The
 * targets"). "Near" starts two thirds of the way there, so an officer sees a wait turn
 * amber about five minutes before it breaks the target and red once it has.
 */
export type WaitLevel = "ok" | "near" | "over";

/** The government target for the average wait, minutes (DOMAIN.md; hall config `targets.waitMin`). */
export const WAIT_TARGET_MIN = 15;

/**
 * Colour level of a wait of `sec` seconds against `targetMin`: `over` past the target,
 * `near` from two thirds of it, else `ok`.
 */
export function waitLevel(sec: number, targetMin = WAIT_TARGET_MIN): WaitLevel {
  const target = targetMin * 60;
  if (sec > target) return "over";
  if (sec >= (target * 2) / 3) return "near";
  return "ok";
}

/**
 * Seconds from the ISO instant `from` to `to` (an ISO instant or epoch ms), never
 * negative; 0 when `from` is missing or unparsable.
 */
export function secondsBetween(from: string | undefined | null, to: string | number): number {
  if (!from) return 0;
  const a = Date.parse(from);
  const b = typeof to === "number" ? to : Date.parse(to);
  if (Number.isNaN(a) || Number.isNaN(b)) return 0;
  return Math.max(0, Math.floor((b - a) / 1000));
}

/** `m:ss` under an hour, `h:mm:ss` above, for a duration in seconds. */
export function clockDuration(sec: number): string {
  const s = Math.max(0, Math.floor(sec));
  const h = Math.floor(s / 3600);
  const m = Math.floor((s % 3600) / 60);
  const r = String(s % 60).padStart(2, "0");
  return h > 0 ? `${h}:${String(m).padStart(2, "0")}:${r}` : `${m}:${r}`;
}
