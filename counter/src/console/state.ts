/**
 * What the officer may do now, and the keyboard shortcut of each action. Pure, so the
 * rules are tested without a browser (tests/counter/console/state.test.ts) and the
 * buttons, the shortcuts and the server agree: a button is enabled exactly when the
 * server would accept the action (server/queue/core.ts).
 */
import type { HeldCounter } from "../staff/data.ts";

export type { HeldCounter } from "../staff/data.ts";

export const ACTIONS = [
  "next",
  "recall",
  "no-show",
  "start",
  "finish",
  "transfer",
  "call",
  "pause",
  "resume",
  "close",
] as const;
export type Action = (typeof ACTIONS)[number];

/**
 * Keys per action, first one shown on the button. Letters are Vietnamese mnemonics
 * (Gọi, Lại, Bỏ qua, bắt Đầu, Hoàn thành, Chuyển, Số, Tạm nghỉ / Tiếp tục, Quầy) and stay
 * the same in English so that muscle memory survives a language switch. No function keys:
 * F1/F3/F5/F11/F12 belong to the browser, and F5 would reload the console.
 */
export const SHORTCUTS: Record<Action, readonly string[]> = {
  next: ["Enter", "g"],
  recall: ["l"],
  "no-show": ["b"],
  start: ["d"],
  finish: ["h"],
  transfer: ["c"],
  call: ["s"],
  pause: ["t"],
  resume: ["t"],
  close: ["q"],
};

/** The label of an action's first shortcut key, as printed on its button. */
export function shortcutLabel(a: Action): string {
  const k = SHORTCUTS[a][0]!;
  return k.length === 1 ? k.toUpperCase() : k;
}

/**
 * The actions the server accepts for this counter state:
 * - paused: only resume and close (no calls while paused);
 * - nobody at the desk: call next, call a number, pause, close;
 * - a number called: recall, no-show, start, finish, transfer;
 * - serving: finish, transfer (no-show only applies to someone who never came).
 */
export function availableActions(c: HeldCounter | null): Set<Action> {
  const out = new Set<Action>();
  if (!c) return out;
  const t = c.currentTicket;
  if (c.paused) {
    out.add("resume");
    if (!t) out.add("close");
    return out;
  }
  if (!t) {
    for (const a of ["next", "call", "pause", "close"] as const) out.add(a);
    return out;
  }
  if (t.status === "called") for (const a of ["recall", "no-show", "start"] as const) out.add(a);
  out.add("finish");
  out.add("transfer");
  return out;
}

/** Minimal view of a keyboard event, so the mapping is testable without a DOM. */
export interface KeyInput {
  key: string;
  repeat?: boolean;
  ctrlKey?: boolean;
  altKey?: boolean;
  metaKey?: boolean;
  /** True when the key went to a text field, a select or a button (it acts there, not here). */
  inControl?: boolean;
}

/**
 * The action a key press asks for, or null. Held-down keys (auto-repeat) and keys with
 * Ctrl/Alt/Meta are ignored, so a stuck key cannot call ten numbers and browser
 * shortcuts keep working; `Enter` on a focused button already clicks that button, so
 * it does not also call the next number. Only actions in `allowed` are returned.
 */
export function actionForKey(e: KeyInput, allowed: Set<Action>): Action | null {
  if (e.repeat || e.ctrlKey || e.altKey || e.metaKey || e.inControl) return null;
  const key = e.key.length === 1 ? e.key.toLowerCase() : e.key;
  for (const a of ACTIONS) if (allowed.has(a) && SHORTCUTS[a].includes(key)) return a;
  return null;
}
