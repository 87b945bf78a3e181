/** Loads and validates the hall configuration file (JSON or YAML). */
import { readFileSync } from "node:fs";
import { dirname, join } from "node:path";
import { fileURLToPath } from "node:url";
import { parse as parseYaml } from "yaml";
import { type HallConfig, HallConfigSchema } from "../contract/config.ts";
import { describeIssues } from "./issues.ts";

export const DEMO_HALL_PATH = join(dirname(fileURLToPath(import.meta.url)), "demo-hall.yaml");

export class ConfigError extends Error {}

/** Parses and validates a config text; throws ConfigError with every problem listed. */
export function parseHallConfig(text: string, source = "config"): HallConfig {
  let raw: unknown;
  try {
    raw = source.endsWith(".json") ? JSON.parse(text) : parseYaml(text);
  } catch (e) {
    throw new ConfigError(`${source}: cannot parse: ${(e as Error).message}`);
  }
  const r = HallConfigSchema.safeParse(raw);
  if (!r.success) {
    // Both languages: the person reading a start-up error may be the admin or a technician.
    const vi = describeIssues(r.error, raw, "vi");
    const en = describeIssues(r.error, raw, "en");
    const lines = vi.map((i, n) => `  - ${i.path || "(root)"}: ${i.field}: ${i.message} / ${en[n]!.message}`);
    throw new ConfigError(`${source}: cấu hình không hợp lệ / invalid hall config:\n${lines.join("\n")}`);
  }
  return r.data;
}

/** Reads the hall config at `path`, or the demo hall when path is empty. */
export function loadHallConfig(path?: string): HallConfig {
  const p = path || DEMO_HALL_PATH;
  let text: string;
  try {
    text = readFileSync(p, "utf8");
  } catch (e) {
    throw new ConfigError(`${p}: cannot read: ${(e as Error).message}`);
  }
  return parseHallConfig(text, p);
}
