/** Keyboard-wedge scans told from human typing by their timing (kiosk/src/cccd/wedge.ts). */
import { describe, expect, it } from "vitest";
import { WedgeBuffer } from "../../../../kiosk/src/cccd/wedge.ts";

/** Feeds `text` at `ms` per key from `t0`, then `end` (Enter/Tab/none); returns the bursts. */
function type(w: WedgeBuffer, text: string, ms: number, end: "Enter" | "Tab" | null = "Enter", t0 = 1000) {
  const out = [];
  let t = t0;
  for (const ch of text) {
    const r = w.key(ch, t);
    if (r) out.push(r);
    t += ms;
  }
  if (end) out.push(w.key(end, t));
  else out.push(w.flush(t + 400));
  return out.filter(Boolean);
}

const CODE = "001050012345|012345678|Nguyen Van An|01011950|Nam|Ha Noi|10082021";

describe("WedgeBuffer", () => {
  it("a fast burst ending in Enter or Tab is a scan", () => {
    expect(type(new WedgeBuffer(), CODE, 4)).toEqual([{ kind: "scan", text: CODE }]);
    expect(type(new WedgeBuffer(), CODE, 12, "Tab")).toEqual([{ kind: "scan", text: CODE }]);
  });

  it("a scanner without a suffix is caught after a short silence", () => {
    expect(type(new WedgeBuffer(), CODE, 5, null)).toEqual([{ kind: "scan", text: CODE }]);
  });

  it("a few slow keystrokes in a fast scan (a loaded kiosk PC) still make a scan", () => {
    const w = new WedgeBuffer();
    let t = 0;
    [...CODE].forEach((ch, i) => {
      w.key(ch, t);
      t += i % 10 === 0 ? 120 : 5;
    });
    expect(w.key("Enter", t)).toEqual({ kind: "scan", text: CODE });
  });

  it("human typing (≈150 ms a key) is not a scan, whatever its length", () => {
    expect(type(new WedgeBuffer(), CODE, 150)).toEqual([{ kind: "typed", length: CODE.length }]);
    expect(type(new WedgeBuffer(), "abc", 3)).toEqual([{ kind: "typed", length: 3 }]);
  });

  it("a long pause starts a new burst; modifier keys are ignored", () => {
    const w = new WedgeBuffer();
    w.key("x", 0);
    w.key("Shift", 5);
    for (let i = 0; i < 8; i++) w.key(String(i), 1000 + i * 3);
    expect(w.key("Enter", 1030)).toEqual({ kind: "scan", text: "01234567" });
  });
});
