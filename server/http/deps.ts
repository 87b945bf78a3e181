/** What the HTTP app is given by server/main.ts (no singletons: STYLE.md habit 2). */

import type { AppointmentService } from "../appointments/service.ts";
import type { CccdGuard } from "../cccd/guard.ts";
import type { Health } from "../contract/api/public.ts";
import type { DeviceStatus } from "../contract/config.ts";
import type { WaitEstimates } from "../hall/estimates.ts";
import type { Hall } from "../hall/hall.ts";
import type { HallViews } from "../hall/views.ts";
import type { NoticeService } from "../notices/service.ts";
import type { Outbox } from "../outbox/outbox.ts";
import type { TicketPrinting } from "../print/service.ts";
import type { ReportRunner } from "../reports/runner.ts";
import type { HallCare } from "../settings/backups.ts";
import type { SettingsService } from "../settings/service.ts";
import type { StaffingAdvice } from "../sim/staffing.ts";
import type { OutboxStore } from "../store/outbox.ts";
import type { UserStore } from "../store/users.ts";
import type { Auth } from "./auth.ts";
import type { DeviceAuth } from "./device-auth.ts";
import type { RateLimiter } from "./rate-limit.ts";
import type { LiveFeeds } from "./sse/feeds.ts";

export interface AppDeps {
  hall: Hall;
  /** The hall's settings at run time (issue 12). */
  settings: SettingsService;
  auth: Auth;
  /** Kiosks' and rating tablets' device tokens (printing, reprints, counter ratings). */
  devicesAuth: DeviceAuth;
  users: UserStore;
  /** The read side: every view built once per change (hall/views.ts). */
  views: HallViews;
  /** Every waiting ticket's estimate, one run per change (hall/estimates.ts); absent = each issue estimates its own. */
  estimates?: WaitEstimates;
  /** The live streams (sse/feeds.ts). */
  live: LiveFeeds;
  /** Tickets per minute per client address. */
  ticketLimiter: RateLimiter;
  /** Lookups of ticket codes that do not exist, per client address (code guessing). */
  lookupLimiter: RateLimiter;
  /** The hall's public URL (QMS_PUBLIC_URL or the LAN default): one of its own origins. */
  publicUrl: () => string;
  /** More origins the hall is served at (QMS_ALLOWED_ORIGINS). */
  allowedOrigins?: readonly string[];
  /** The client address of a request (Bun's requestIP), "local" when unknown. */
  clientIp: (req: Request) => string;
  /** Tell Bun not to close this long-lived request on its idle timeout. */
  keepAlive: (req: Request) => void;
  /** Where the built apps are (dist/). */
  distDir: string;
  /** Health details: broker connection and the like (the extensions of `GET /api/health`). */
  health: () => Omit<Health, "status" | "hall" | "version">;
  version: string;
  /** Ticket printing (issue 3); absent = tickets are issued without printing. */
  printing?: TicketPrinting;
  /** Availability of the hall's MQTT devices (`GET /api/devices`); absent = an empty list. */
  devices?: () => DeviceStatus[];
  /** Wait-time reports (issue 6); absent = no /api/reports routes. */
  reports?: ReportRunner;
  /** Staffing advice by simulation at an instant (issue 9); absent = `{ advice: null }`. */
  staffing?: (now: number) => Promise<StaffingAdvice>;
  /** The citizen ID card's day-hash guard (issue 15, decision 0042). */
  cccd: CccdGuard;
  /** Messages to outside systems (issue 15, decision 0043): the store and its worker. */
  outbox: { store: OutboxStore; worker: Outbox; configured: (channel: string) => boolean };
  /** Appointments (issue 14): booking, check-in, the no-show sweep. */
  appointments: AppointmentService;
  /** Notices before a visitor's turn (issue 14, decision 0115); absent = no notices offered. */
  notices?: NoticeService;
  /** Backups and the retention job (decision 0103); absent = no backup folder (`POST /api/backups` answers 503). */
  care?: HallCare;
}
