/**
 * The one way the tests handle a tool from outside node_modules (Chromium, Mosquitto and
 * its plugin headers, zbar, tesseract, espeak-ng, gcc/g++): ask for it here. `npm test` checks and installs the
 * whole list first (scripts/system-deps.ts); a test file run on its own on a machine that
 * lacks one fails here with the command that installs it. Never skipped: a skipped test
 * would hide the very thing it exists to check.
 */
import { spawnSync } from "node:child_process";
import { existsSync } from "node:fs";
import { installCommand, SYSTEM_PACKAGES } from "../../scripts/system-deps.ts";

function missing(what: string, pkg: string): Error {
  return new Error(
    `${what} is not installed (Debian package ${pkg}). \`npm test\` installs what the tests need when run as root; ` +
      `otherwise run: ${installCommand([pkg], process.getuid?.() === 0)}`,
  );
}

/** The absolute path of command `bin` (looked up in `PATH`); throws with the install command when it is missing. */
export function requireTool(bin: string, PATH = process.env.PATH ?? ""): string {
  const path = Bun.which(bin, { PATH });
  if (path) return path;
  const pkg = SYSTEM_PACKAGES.find((p) => p.bin === bin)?.pkg;
  if (!pkg)
    throw new Error(`requireTool("${bin}"): not in SYSTEM_PACKAGES (scripts/system-deps.ts); add it there`);
  throw missing(bin, pkg);
}

/** A file a Debian package installs (e.g. a header to compile against); throws with the install command when missing. */
export function requireFile(path: string, pkg: string): string {
  if (!SYSTEM_PACKAGES.some((p) => p.pkg === pkg))
    throw new Error(
      `requireFile(…, "${pkg}"): not in SYSTEM_PACKAGES (scripts/system-deps.ts); add it there`,
    );
  if (!existsSync(path)) throw missing(path, pkg);
  return path;
}

/** tesseract, with the model for `lang` (e.g. "vie" from tesseract-ocr-vie). */
export function requireTesseract(lang: string): string {
  const exe = requireTool("tesseract");
  const langs = spawnSync(exe, ["--list-langs"], { encoding: "utf8" });
  const have = `${langs.stdout}\n${langs.stderr}`.split("\n").map((l) => l.trim());
  if (!have.includes(lang)) throw missing(`tesseract's "${lang}" model`, `tesseract-ocr-${lang}`);
  return exe;
}

/** The payloads of the QR codes in an image (PNG, PBM…), one per code, read by zbarimg (zbar-tools). */
export function decodeQr(imagePath: string): string[] {
  const r = spawnSync(requireTool("zbarimg"), ["--quiet", "--raw", imagePath], { encoding: "utf8" });
  // zbarimg exits 4 when the image holds no code: an empty list, for the test to judge.
  if (r.status !== 0 && r.status !== 4) throw new Error(`zbarimg failed (${r.status}): ${r.stderr}`);
  return r.stdout.split("\n").filter(Boolean);
}
