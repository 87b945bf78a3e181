/**
 * A refused hall configuration, said in words: each zod issue becomes
 * `{ path, field, message }` where `field` names the setting ("Lĩnh vực “Đất đai” › Ký tự
 * đầu số") and `message` says why, in Vietnamese or English. The schema's own codes
 * (`settings.*`) come from the contract's table; zod's built-in issues (a wrong type, a
 * number out of range) from zod's Vietnamese and English locales.
 */
import type { z } from "zod";
import en from "zod/v4/locales/en.js";
import vi from "zod/v4/locales/vi.js";
import type { Lang } from "../contract/domain.ts";
import { isSettingsIssue, settingLabel, settingsIssueMessage } from "../contract/settings-issues.ts";

const LOCALES = { vi: vi(), en: en() };

/** One problem of a config: where (dotted path and words) and why. */
export interface SettingsIssue {
  /** Dotted path, e.g. `services.2.prefix` (the admin screen marks that input). */
  path: string;
  /** The setting in words, e.g. `Lĩnh vực “Đất đai” › Ký tự đầu số`. */
  field: string;
  message: string;
}

/** zod's message for `issue` in `lang` (its locale), `input` being what was validated. */
export function zodMessage(issue: z.core.$ZodIssue, input: unknown, lang: Lang): string {
  const raw = { ...issue, input: at(input, issue.path) } as unknown as z.core.$ZodRawIssue;
  const m = LOCALES[lang].localeError(raw);
  return typeof m === "string" ? m : (m?.message ?? issue.message);
}

/** The issues of a failed config validation, in `lang`. */
export function describeIssues(error: z.ZodError, input: unknown, lang: Lang): SettingsIssue[] {
  return error.issues.map((i) => {
    const code = i.message.startsWith("settings.") ? i.message.slice("settings.".length) : "";
    const params = (i as { params?: Record<string, unknown> }).params;
    const message = isSettingsIssue(code)
      ? settingsIssueMessage(code, lang, params)
      : i.code === "unrecognized_keys"
        ? lang === "vi"
          ? `không có cài đặt ${i.keys.map((k) => `“${k}”`).join(", ")}`
          : `no such setting ${i.keys.map((k) => `“${k}”`).join(", ")}`
        : zodMessage(i, input, lang);
    const path = i.path.map((p) => (typeof p === "symbol" ? String(p) : p));
    return { path: path.join("."), field: settingLabel(path, input, lang) || "—", message };
  });
}

function at(value: unknown, path: PropertyKey[]): unknown {
  let v = value;
  for (const k of path)
    v = v !== null && typeof v === "object" ? (v as Record<PropertyKey, unknown>)[k] : undefined;
  return v;
}
