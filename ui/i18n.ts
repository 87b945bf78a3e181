/**
 * Typed message tables: every visible string is a key with a Vietnamese and an English
 * text (STYLE.md habit 7). Each app declares its table with `messages({...})` and gets a
 * `t(key, lang, vars)` that fills `{name}` placeholders.
 */
export type Lang = "vi" | "en";
export type Table = Record<string, { vi: string; en: string }>;

export function messages<T extends Table>(table: T) {
  return (key: keyof T, lang: Lang, vars: Record<string, string | number> = {}): string => {
    const entry = table[key];
    const s = entry ? entry[lang] : String(key);
    return s.replace(/\{(\w+)\}/g, (_, k: string) => String(vars[k] ?? `{${k}}`));
  };
}

/** Formats an ISO instant as HH:mm in Asia/Ho_Chi_Minh. */
export function hhmm(iso: string | undefined): string {
  if (!iso) return "";
  return new Date(iso).toLocaleTimeString("vi-VN", {
    hour: "2-digit",
    minute: "2-digit",
    timeZone: "Asia/Ho_Chi_Minh",
  });
}

/** The language remembered on this device under `key` (Vietnamese unless English was chosen). */
export function storedLang(key: string): Lang {
  try {
    return localStorage.getItem(key) === "en" ? "en" : "vi";
  } catch {
    return "vi"; // storage disabled (private mode)
  }
}

/** Remembers the chosen language under `key`; silently does nothing when storage is disabled. */
export function storeLang(key: string, lang: Lang): void {
  try {
    localStorage.setItem(key, lang);
  } catch {
    /* storage disabled (private mode) */
  }
}
