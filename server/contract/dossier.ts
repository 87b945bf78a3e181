/**
 * The one-stop system's dossier code ("mã hồ sơ") and the procedure code ("mã TTHC") a
 * visit can carry (issue 15, docs/decisions/0043-dossier-codes-and-webhook.md). Shared by
 * the server (validation, 422 `invalid-dossier-code`) and the kiosk and console (the same
 * check before sending). The patterns are hall-config fields: provinces' one-stop systems
 * number dossiers differently.
 */

/**
 * Default dossier code: the receiving unit's code (QCVN 102:2016/BTTTT style, dot-separated
 * parts such as `000.00.19.H26` or `H26.99`), the receiving day `yymmdd`, and the dossier's
 * number of that day, e.g. `000.00.19.H26-231109-0003`, `H26.99-240315-0012`.
 */
export const DEFAULT_DOSSIER_PATTERN = "^[A-Z0-9]{1,5}(\\.[A-Z0-9]{1,5}){0,5}-[0-9]{6}-[0-9]{3,6}$";

/**
 * Default procedure code of the national database of administrative procedures:
 * `1.001612`, `2.000794`, or a locally published variant `1.004222.000.00.00.H29`.
 */
export const DEFAULT_PROCEDURE_PATTERN = "^[1-3]\\.[0-9]{6}(\\.[0-9A-Z]{1,5}){0,4}$";

/** Longest dossier or procedure code accepted, whatever the pattern. */
export const DOSSIER_CODE_MAX = 40;

/**
 * A code as typed or scanned, in its stored form: blanks removed, upper case, the
 * look-alike dashes (– — −) made ASCII. An empty result is "no code".
 */
export function normalizeDossierCode(raw: string): string {
  return raw
    .normalize("NFC")
    .replace(/[\s\u00a0]+/g, "")
    .replace(/[\u2010-\u2015\u2212]/g, "-")
    .toUpperCase();
}

/** True when `code` (normalized) is a valid code for `pattern` (a config regex source). */
export function validCode(code: string, pattern: string): boolean {
  if (code.length === 0 || code.length > DOSSIER_CODE_MAX) return false;
  try {
    return new RegExp(pattern).test(code);
  } catch {
    return false;
  }
}
