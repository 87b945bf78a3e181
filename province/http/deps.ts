/** What the province's HTTP app is given by province/main.ts (no singletons). */
import type { IngestQueue } from "../ingest/queue.ts";
import type { LiveWall } from "../live/wall.ts";
import type { MonthCache } from "../reports/month-cache.ts";
import type { ProvinceStore } from "../store/store.ts";
import type { ProvinceAuth } from "./auth.ts";

export interface ProvinceDeps {
  store: ProvinceStore;
  auth: ProvinceAuth;
  wall: LiveWall;
  /** Whole months of summary_month in memory for the long reports (reports/month-cache.ts). */
  monthCache: MonthCache;
  /** Admission of ingest batches (live ones first). */
  ingestQueue: IngestQueue;
  now: () => number;
  /** The province's wait target in minutes (15, DOMAIN.md). */
  targetMin: number;
  /** The broker halls publish their live state to, as halls should reach it; null = none. */
  mqtt: { url: string | null; baseTopic: string; connected: () => boolean };
  clientIp: (req: Request) => string;
  /** Tell Bun not to close this long-lived request on its idle timeout. */
  keepAlive: (req: Request) => void;
  distDir: string;
  /** The province's public URL (QMS_PROVINCE_PUBLIC_URL, or the LAN address): its own origin for the write guard. */
  publicUrl: () => string;
  /** More origins the dashboard is served at (QMS_PROVINCE_ALLOWED_ORIGINS, comma-separated). */
  allowedOrigins?: readonly string[];
  version: string;
  log: (m: string) => void;
}
