/** The public contract: one import for the apps and the firmware tooling. */
export * from "./config.ts";
export * from "./domain.ts";
export * from "./dossier.ts";
export * from "./errors.ts";
export * from "./events.ts";
export * from "./print.ts";
export * from "./province.ts";
export * from "./reports.ts";
export * from "./topics.ts";
