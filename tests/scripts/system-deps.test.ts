/**
 * The check `npm test` runs before anything else (scripts/system-deps.ts), on fake
 * machines: what is missing, whether it installs or stops, and the one command it
 * prints. The real script is also run against a fake `dpkg-query` on PATH, since this
 * machine's packages cannot be removed to try the "missing" path for real.
 */
import { spawnSync } from "node:child_process";
import { chmodSync, mkdtempSync, rmSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { afterAll, describe, expect, it } from "vitest";
import {
  installCommand,
  type Machine,
  missingPackages,
  plan,
  SYSTEM_PACKAGES,
  stopMessage,
} from "../../scripts/system-deps.ts";
import { requireTool } from "../helpers/tools.ts";

const ROOT = join(import.meta.dirname, "..", "..");
const tmp = mkdtempSync(join(tmpdir(), "qms-sysdeps-"));
afterAll(() => rmSync(tmp, { recursive: true, force: true }));

/** A Debian machine where every package but `absent` is installed. */
function debian(absent: string[], opts: { root?: boolean; apt?: boolean } = {}): Machine {
  return {
    isRoot: opts.root ?? false,
    has: (bin) => (bin === "apt-get" ? (opts.apt ?? true) : true),
    dpkgInstalled: (pkgs) => new Map(pkgs.map((p) => [p, !absent.includes(p)])),
  };
}

describe("missingPackages()", () => {
  it("asks dpkg about every package, data-only ones (tesseract-ocr-vie, fonts) included", () => {
    const m = debian(["tesseract-ocr-vie", "zbar-tools", "fonts-noto-core"]);
    expect(missingPackages(SYSTEM_PACKAGES, m).map((p) => p.pkg)).toEqual([
      "zbar-tools",
      "tesseract-ocr-vie",
      "fonts-noto-core",
    ]);
    expect(missingPackages(SYSTEM_PACKAGES, debian([]))).toEqual([]);
  });

  it("without dpkg, checks the commands on PATH", () => {
    const m: Machine = {
      isRoot: false,
      has: (bin) => bin !== "mosquitto" && bin !== "g++",
      dpkgInstalled: () => null,
    };
    expect(missingPackages(SYSTEM_PACKAGES, m).map((p) => p.pkg)).toEqual(["mosquitto", "g++"]);
  });
});

describe("plan()", () => {
  const missing = SYSTEM_PACKAGES.filter((p) => p.pkg === "chromium" || p.pkg === "mosquitto");

  it("does nothing when nothing is missing", () => {
    expect(plan([], debian([]), true)).toEqual({ action: "ok" });
  });

  it("installs as root with apt-get", () => {
    expect(plan(missing, debian([], { root: true }), true)).toEqual({
      action: "install",
      pkgs: ["chromium", "mosquitto"],
    });
  });

  it("stops with one sudo command when not root", () => {
    const p = plan(missing, debian([], { root: false }), true);
    expect(p).toMatchObject({
      action: "stop",
      command: "sudo apt-get update && sudo apt-get install -y --no-install-recommends chromium mosquitto",
    });
  });

  it("stops without installing when told to only check, even as root", () => {
    const p = plan(missing, debian([], { root: true }), false);
    expect(p).toMatchObject({
      action: "stop",
      command: "apt-get update && apt-get install -y --no-install-recommends chromium mosquitto",
    });
  });

  it("says what each package is for, and gives the command once", () => {
    const m = debian([], { root: false });
    const p = plan(missing, m, true);
    if (p.action !== "stop") throw new Error("expected stop");
    const text = stopMessage(p, m);
    expect(text).toContain("chromium");
    expect(text).toContain("browser tests");
    expect(text).toContain("external broker");
    expect(text.split(installCommand(["chromium", "mosquitto"], false)).length - 1).toBe(1);
  });

  it("on a machine without apt-get, names the Debian packages to find equivalents of", () => {
    const m = debian([], { apt: false });
    const p = plan(missing, m, true);
    if (p.action !== "stop") throw new Error("expected stop");
    expect(stopMessage(p, m)).toContain("no apt-get");
  });
});

describe("node scripts/bun.mjs scripts/system-deps.ts", () => {
  /** Runs the real script with a fake dpkg-query first on PATH that lacks `absent`. */
  function runWith(absent: string[], args: string[]) {
    const bin = mkdtempSync(join(tmp, "bin-"));
    const fake = join(bin, "dpkg-query");
    writeFileSync(
      fake,
      [
        "#!/bin/sh",
        "# fake dpkg-query -W -f=... pkg...: every package is installed except the absent ones",
        'for a in "$@"; do',
        '  case "$a" in',
        "    -W|-f=*) ;;",
        ...absent.map((p) => `    ${p}) echo "dpkg-query: no packages found matching ${p}" >&2 ;;`),
        "    *) printf '%s\\tinstalled\\n' \"$a\" ;;",
        "  esac",
        "done",
        "",
      ].join("\n"),
    );
    chmodSync(fake, 0o755);
    return spawnSync(process.execPath, ["scripts/system-deps.ts", ...args], {
      cwd: ROOT,
      encoding: "utf8",
      env: { ...process.env, PATH: `${bin}:${process.env.PATH}` },
    });
  }

  it("passes quietly when every package is there", () => {
    const r = runWith([], ["--check"]);
    expect(r.status).toBe(0);
    expect(r.stderr).toBe("");
  });

  it("stops at once with the one command when a package is missing", () => {
    const r = runWith(["zbar-tools", "tesseract-ocr-vie"], ["--check"]);
    expect(r.status).toBe(1);
    expect(r.stderr).toContain("zbar-tools");
    expect(r.stderr).toContain("tesseract-ocr-vie");
    expect(r.stderr).toMatch(/apt-get install -y --no-install-recommends zbar-tools tesseract-ocr-vie\n/);
  });
});

describe("requireTool()", () => {
  it("returns the path of a tool on PATH", () => {
    expect(requireTool("g++")).toMatch(/\/g\+\+$/);
  });

  it("fails with the command that installs a missing tool", () => {
    expect(() => requireTool("zbarimg", tmp)).toThrow(
      /zbarimg is not installed \(Debian package zbar-tools\).*apt-get install -y --no-install-recommends zbar-tools/,
    );
  });
});
