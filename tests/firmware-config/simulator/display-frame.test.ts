import { describe, expect, it } from "vitest";
import { DisplayFrameFilter, parseDisplayFrame } from "../../../firmware-config/simulator/display-frame.ts";

const f = (o: unknown) => JSON.stringify(o);

describe("parseDisplayFrame()", () => {
  it("accepts the contract's frames, number null when idle or closed", () => {
    expect(parseDisplayFrame(f({ seq: 3, number: "A012", state: "called", text: "A012" }))).toEqual({
      ok: true,
      frame: { seq: 3, number: "A012", state: "called", text: "A012" },
    });
    expect(parseDisplayFrame(f({ seq: 4, number: null, state: "idle", text: "Quay 3" }))).toMatchObject({
      ok: true,
    });
    // A missing number reads as null, a missing text as empty (ArduinoJson reads missing keys as null).
    expect(parseDisplayFrame(f({ seq: 5, state: "closed" }))).toEqual({
      ok: true,
      frame: { seq: 5, number: null, state: "closed", text: "" },
    });
  });

  it.each([
    ["not JSON", "{seq:1"],
    ["not a JSON object", "[1,2]"],
    ["seq missing or mistyped", f({ seq: "7", number: null, state: "idle" })],
    ["seq missing or mistyped", f({ seq: -1, number: null, state: "idle" })],
    ["seq missing or mistyped", f({ seq: 1.5, number: null, state: "idle" })],
    ["seq missing or mistyped", f({ seq: 2 ** 32, number: null, state: "idle" })],
    ["state missing or mistyped", f({ seq: 1, number: null })],
    ["unknown state open", f({ seq: 1, number: null, state: "open" })],
    ["number is neither a string nor null", f({ seq: 1, number: 12, state: "idle" })],
    ["state called needs a number of 1-8 characters", f({ seq: 1, number: null, state: "called" })],
    [
      "state serving needs a number of 1-8 characters",
      f({ seq: 1, number: "A0123456789", state: "serving" }),
    ],
  ])("ignores a frame: %s", (reason, payload) => {
    expect(parseDisplayFrame(payload)).toEqual({ ok: false, reason });
  });
});

describe("DisplayFrameFilter", () => {
  it("ignores frames whose seq is not above the last one shown, duplicates included", () => {
    const filter = new DisplayFrameFilter();
    expect(filter.accept(f({ seq: 10, number: "A1", state: "called" })).ok).toBe(true);
    expect(filter.accept(f({ seq: 10, number: "A1", state: "called" }))).toEqual({
      ok: false,
      reason: "stale seq 10 <= 10",
    });
    expect(filter.accept(f({ seq: 9, number: "A0", state: "serving" }))).toEqual({
      ok: false,
      reason: "stale seq 9 <= 10",
    });
    expect(filter.accept(f({ seq: 11, number: "A1", state: "serving" })).ok).toBe(true);
  });

  it("does not let a malformed frame move the last seq", () => {
    const filter = new DisplayFrameFilter();
    filter.accept(f({ seq: 5, number: null, state: "idle" }));
    expect(filter.accept(f({ seq: 99, number: 1, state: "idle" })).ok).toBe(false);
    expect(filter.accept(f({ seq: 6, number: null, state: "idle" })).ok).toBe(true);
  });

  it("accepts any seq again after reset(), as after a reconnect", () => {
    const filter = new DisplayFrameFilter();
    filter.accept(f({ seq: 500, number: "A9", state: "serving" }));
    filter.reset();
    expect(filter.accept(f({ seq: 1, number: "B1", state: "called" })).ok).toBe(true);
  });
});
