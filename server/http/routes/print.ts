/**
 * Print routes (extension of CONTRACT.md, declared in server/contract/api/printing.ts):
 * a job's state for the kiosk holding its id, reprints, and printer status for managers.
 */
import { printers, printJob, reprint } from "../../contract/api/printing.ts";
import type { AppDeps } from "../deps.ts";
import { ApiError } from "../errors.ts";
import { routes } from "../routing.ts";

export function printRoutes(d: AppDeps) {
  const r = routes(d.auth);

  r.on(printJob, (c) => {
    const job = d.printing?.tracker.job(c.req.valid("param").jobId);
    if (!job) throw new ApiError("print-job-not-found");
    return c.json({ job }, 200);
  });

  r.on(reprint, (c) => {
    if (!d.printing) throw new ApiError("print-job-not-found");
    const { jobId } = c.req.valid("param");
    // Only a kiosk whose printer printed the job may reprint it (decision 0023).
    const old = d.printing.tracker.job(jobId);
    if (old && !d.devicesAuth.mayReprintOn(c, old.printer)) throw new ApiError("device-not-paired");
    const job = d.printing.tracker.reprint(jobId);
    if ("refused" in job) throw new ApiError(job.refused);
    return c.json({ job }, 201);
  });

  r.on(printers, (c) => c.json({ printers: d.printing?.tracker.printers() ?? [] }, 200));

  return r.app;
}
