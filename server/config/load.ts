/** Loads and validates the hall configuration file (JSON or YAML). */
import { readFileSync } from "node:fs";
import { dirname, join } from "node:path";
import { fileURLToPath } from "node:url";
import { parse as parseYaml } from "yaml";
import { type HallConfig, HallConfigSchema } from "../contract/config.ts";

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
    const lines = r.error.issues.map((i) => `  - ${i.path.join(".") || "(root)"}: ${i.message}`);
    throw new ConfigError(`${source}: invalid hall config:\n${lines.join("\n")}`);
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
