/**
 * When the "turn is near" notice is due (decision 0115): the read side
 * (server/hall/views.ts) gives each waiting ticket its position and estimate once per
 * change; a subscription's notice is due once either figure reaches the visitor's
 * threshold. Pure: no clock, no store.
 */
import type { Estimate } from "../queue/eta.ts";

export interface Threshold {
  /** Notify when at most this many are ahead. */
  ahead: number | null;
  /** Notify when about this many minutes (or fewer) are left. */
  minutes: number | null;
}

/** True when the estimate has reached the threshold (either of its figures). */
export function nearDue(t: Threshold, e: Pick<Estimate, "position" | "estimatedWaitMin"> | null): boolean {
  if (!e) return false;
  if (t.ahead !== null && e.position <= t.ahead) return true;
  if (t.minutes !== null && e.estimatedWaitMin !== null && e.estimatedWaitMin <= t.minutes) return true;
  return false;
}
