/**
 * The strings every staff app shares (the login, the top bar's live indicator, language
 * switch and logout, roles, transport errors), Vietnamese first (DOMAIN.md "Words used in
 * the interface"), English second. Each app's own table extends this one. Error codes
 * are translated from the contract's table (`ERRORS`), never from the server's message.
 */
import type { Role } from "../../../server/contract/domain.ts";
import { ERRORS } from "../../../server/contract/errors.ts";
import { type Lang, messages } from "../../../ui/i18n.ts";

/** The shared table, spread into each staff app's own (`console/messages.ts`). */
export const STAFF_MESSAGES = {
  logout: { vi: "Đăng xuất", en: "Log out" },
  otherLang: { vi: "English", en: "Tiếng Việt" },
  live: { vi: "Trực tuyến", en: "Live" },
  offline: {
    vi: "Mất kết nối máy chủ — đang kết nối lại…",
    en: "Lost the connection to the server — reconnecting…",
  },
  connecting: { vi: "Đang kết nối máy chủ…", en: "Connecting to the server…" },

  loginTitle: { vi: "Đăng nhập", en: "Log in" },
  loginHint: {
    vi: "Dành cho cán bộ, quản lý và quản trị.",
    en: "For officers, managers and administrators.",
  },
  username: { vi: "Tên đăng nhập", en: "Username" },
  password: { vi: "Mật khẩu", en: "Password" },
  loginButton: { vi: "Đăng nhập", en: "Log in" },

  "role.officer": { vi: "Cán bộ", en: "Officer" },
  "role.manager": { vi: "Quản lý", en: "Manager" },
  "role.admin": { vi: "Quản trị", en: "Administrator" },

  "err.network-error": {
    vi: "Không kết nối được máy chủ, vui lòng thử lại.",
    en: "Cannot reach the server, please try again.",
  },
  "err.internal-error": { vi: "Lỗi hệ thống, vui lòng thử lại.", en: "System error, please try again." },
} as const;

/** A shared staff string. */
export const st = messages(STAFF_MESSAGES);

/** The label of a role, as the top bar and the accounts screen show it. */
export const roleLabel = (r: Role, lang: Lang) => st(`role.${r}`, lang);

/** A translated error: the contract's table for API codes, ours for transport failures. */
export function errorText(code: string, lang: Lang): string {
  if (code in ERRORS) return ERRORS[code as keyof typeof ERRORS][lang];
  if (code === "network-error" || code === "internal-error") return st(`err.${code}`, lang);
  return st("err.internal-error", lang);
}
