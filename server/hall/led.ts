/**
 * The short text of a counter LED board: ASCII only (small LED matrices carry no
 * Vietnamese font), at most 16 characters.
 */
import type { CounterDisplayState } from "../contract/domain.ts";

export function ledText(
  state: CounterDisplayState,
  number: string | null,
  counter: number,
  paused: boolean,
): string {
  const s =
    state === "called"
      ? `MOI SO ${number}`
      : state === "serving"
        ? `DANG PV ${number}`
        : state === "closed"
          ? "QUAY DONG"
          : paused
            ? "TAM NGHI"
            : `QUAY ${counter} SAN SANG`;
  return s.slice(0, 16);
}
