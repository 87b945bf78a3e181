/**
 * The Debian packages the tests need, checked before they run (`npm test` runs this first,
 * as `pretest`; `scripts/run-tests.mjs` runs it before vitest too). When one is missing:
 * as root with apt-get it installs them (what `.ci/run` used to do by hand); otherwise it
 * stops at once with the one command to run, instead of letting a dozen test files fail
 * one by one. Inside the tests, `tests/helpers/tools.ts` reads the same list, so a test
 * started on its own with a tool missing fails with the same command (never a skip).
 *
 * Usage: node scripts/bun.mjs scripts/system-deps.ts [--check]   (--check: never install)
 * Exit 0 when everything is there (or was installed), 1 otherwise.
 */
import { spawnSync } from "node:child_process";

/** One Debian package the tests need: why, and the command it provides (if any). */
export interface SystemPackage {
  pkg: string;
  why: string;
  /** A command the package puts on PATH; what is checked where dpkg is not available. */
  bin?: string;
}

/** Everything the tests use outside node_modules. Add a package here, nowhere else. */
export const SYSTEM_PACKAGES: readonly SystemPackage[] = [
  { pkg: "chromium", bin: "chromium", why: "browser tests (playwright-core drives /usr/bin/chromium)" },
  {
    pkg: "mosquitto",
    bin: "mosquitto",
    why: "tests against an external broker (mosquitto, mosquitto_passwd)",
  },
  { pkg: "mosquitto-clients", bin: "mosquitto_sub", why: "mosquitto_sub/pub, to watch what devices see" },
  {
    pkg: "mosquitto-dev",
    why: "headers of the qms_identity Mosquitto plugin (server/mqtt/mosquitto-plugin)",
  },
  { pkg: "libmosquitto-dev", why: "headers of the qms_identity Mosquitto plugin" },
  { pkg: "gcc", bin: "gcc", why: "building the qms_identity Mosquitto plugin (npm run mosquitto-config)" },
  { pkg: "zbar-tools", bin: "zbarimg", why: "decoding the QR codes of printed tickets and screenshots" },
  { pkg: "tesseract-ocr", bin: "tesseract", why: "reading raster tickets back" },
  { pkg: "tesseract-ocr-vie", why: "tesseract's Vietnamese model" },
  { pkg: "espeak-ng", bin: "espeak-ng", why: "the display's voice clips (npm run build)" },
  { pkg: "g++", bin: "g++", why: "compiling the LED board's ESPHome lambdas against a mock" },
  { pkg: "fonts-dejavu-core", why: "Vietnamese glyphs in browser screenshots" },
  { pkg: "fonts-noto-core", why: "Vietnamese glyphs in browser screenshots" },
  {
    pkg: "postgresql",
    bin: "pg_ctlcluster",
    why: "the province store on a real PostgreSQL server (tests initdb their own in a temp folder)",
  },
];

/** What the checker asks of the machine (injected, so tests can fake a bare one). */
export interface Machine {
  /** Installed or not, per package, from dpkg; null when dpkg-query is not available. */
  dpkgInstalled(pkgs: string[]): Map<string, boolean> | null;
  /** Whether a command is on PATH. */
  has(bin: string): boolean;
  isRoot: boolean;
}

/** The packages of `list` that are not installed (by dpkg; by command where there is no dpkg). */
export function missingPackages(list: readonly SystemPackage[], m: Machine): SystemPackage[] {
  const installed = m.dpkgInstalled(list.map((p) => p.pkg));
  if (installed) return list.filter((p) => !installed.get(p.pkg));
  return list.filter((p) => p.bin !== undefined && !m.has(p.bin));
}

/** What to do about what is missing. */
export type Plan =
  | { action: "ok" }
  | { action: "install"; pkgs: string[] }
  | { action: "stop"; command: string; missing: SystemPackage[] };

/** The one command that installs `pkgs` on Debian/Ubuntu. */
export function installCommand(pkgs: string[], root: boolean): string {
  const sudo = root ? "" : "sudo ";
  return `${sudo}apt-get update && ${sudo}apt-get install -y --no-install-recommends ${pkgs.join(" ")}`;
}

/** Installs when it can (root, apt-get, and installing allowed), else stops with the command. */
export function plan(missing: SystemPackage[], m: Machine, allowInstall: boolean): Plan {
  if (missing.length === 0) return { action: "ok" };
  const pkgs = missing.map((p) => p.pkg);
  if (allowInstall && m.isRoot && m.has("apt-get")) return { action: "install", pkgs };
  return { action: "stop", command: installCommand(pkgs, m.isRoot), missing };
}

/** The message printed when the tests cannot run: what is missing, why, and the command. */
export function stopMessage(p: Extract<Plan, { action: "stop" }>, m: Machine): string {
  const lines = [
    "[system-deps] The tests need Debian packages that are not installed:",
    ...p.missing.map((x) => `  ${x.pkg.padEnd(18)} ${x.why}`),
    "",
    m.has("apt-get")
      ? `Install them with this one command, then run npm test again:\n\n  ${p.command}\n`
      : `This machine has no apt-get; install the equivalents of these Debian packages, then run npm test again.\n  (Debian/Ubuntu: ${p.command})\n`,
  ];
  return lines.join("\n");
}

/** The real machine: dpkg-query, PATH, uid. */
export function thisMachine(env: NodeJS.ProcessEnv = process.env): Machine {
  const has = (bin: string) => Bun.which(bin, { PATH: env.PATH ?? "" }) !== null;
  return {
    has,
    isRoot: process.getuid?.() === 0,
    dpkgInstalled(pkgs) {
      if (!has("dpkg-query")) return null;
      // Unknown packages go to stderr (exit 1); the known ones are still listed on stdout.
      // biome-ignore lint/suspicious/noTemplateCurlyInString: dpkg-query's own ${field} syntax
      const format = "-f=${Package}\t${db:Status-Status}\n";
      const r = spawnSync("dpkg-query", ["-W", format, ...pkgs], {
        encoding: "utf8",
        env,
      });
      const out = new Map(pkgs.map((p) => [p, false]));
      for (const line of (r.stdout ?? "").split("\n")) {
        const [name, status] = line.split("\t");
        if (name && out.has(name)) out.set(name, status === "installed");
      }
      return out;
    },
  };
}

function run(cmd: string, args: string[]): boolean {
  const r = spawnSync(cmd, args, {
    stdio: ["ignore", "ignore", "inherit"],
    env: { ...process.env, DEBIAN_FRONTEND: "noninteractive" },
  });
  return r.status === 0;
}

/**
 * Checks, installs when it can, and returns the exit code (0: the tests can run).
 * After installing mosquitto (postgresql), the system broker on 1883 (cluster on 5432) Debian
 * starts is stopped: the tests start their own.
 */
export function ensureSystemPackages(opts: { allowInstall?: boolean; machine?: Machine } = {}): number {
  const m = opts.machine ?? thisMachine();
  const p = plan(missingPackages(SYSTEM_PACKAGES, m), m, opts.allowInstall ?? true);
  if (p.action === "ok") return 0;
  if (p.action === "stop") {
    console.error(stopMessage(p, m));
    return 1;
  }
  console.error(`[system-deps] installing ${p.pkgs.join(" ")} (apt-get, as root)…`);
  const ok =
    run("apt-get", ["update", "-qq"]) &&
    run("apt-get", ["install", "-y", "-qq", "--no-install-recommends", ...p.pkgs]);
  if (p.pkgs.includes("mosquitto") && !run("systemctl", ["stop", "mosquitto"]))
    run("service", ["mosquitto", "stop"]);
  // Likewise the cluster Debian's postgresql starts on 5432: the province tests initdb their own.
  if (p.pkgs.includes("postgresql") && !run("systemctl", ["stop", "postgresql"]))
    run("service", ["postgresql", "stop"]);
  const again = plan(missingPackages(SYSTEM_PACKAGES, m), m, false);
  if (again.action === "ok") return 0;
  if (again.action === "stop")
    console.error(`[system-deps] apt-get ${ok ? "left some out" : "failed"}.\n${stopMessage(again, m)}`);
  return 1;
}

if (import.meta.main) process.exit(ensureSystemPackages({ allowInstall: !process.argv.includes("--check") }));
