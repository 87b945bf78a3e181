/**
 * The bridge's memory of the jobs it has already taken, kept in a small JSON
 * file so that neither a reconnect (the broker redelivers an unacknowledged QoS 1
 * job) nor a restart of the bridge prints a ticket twice.
 *
 * Order matters: a job id is recorded *before* its bytes go to the printer
 * (at-most-once). A crash between the two loses that print; the server then
 * reports the job failed and the kiosk offers a reprint, which is a new job id.
 * Recording after printing would instead risk a second ticket on paper.
 */
import { mkdirSync, readFileSync, renameSync, writeFileSync } from "node:fs";
import { dirname } from "node:path";

/** How many job ids are remembered (a kiosk prints a few hundred tickets a day). */
export const REMEMBERED_JOBS = 1000;

export class PrintedJobs {
  private ids: string[] = [];
  private set = new Set<string>();

  /** Loads the file if it exists; a missing or corrupt file starts empty (and says so). */
  constructor(
    private readonly path: string,
    private readonly log: (m: string) => void = console.warn,
  ) {
    try {
      const data = JSON.parse(readFileSync(path, "utf8")) as { jobs?: unknown };
      if (Array.isArray(data.jobs)) this.ids = data.jobs.filter((j): j is string => typeof j === "string");
    } catch (e) {
      if ((e as NodeJS.ErrnoException).code !== "ENOENT")
        this.log(`[bridge] state file ${path} unreadable, starting empty`);
    }
    this.ids = this.ids.slice(-REMEMBERED_JOBS);
    this.set = new Set(this.ids);
  }

  /** True when the job was already taken. */
  has(jobId: string): boolean {
    return this.set.has(jobId);
  }

  /** Records a job id and writes the file (write to a temporary file, then rename: atomic). */
  add(jobId: string): void {
    if (this.set.has(jobId)) return;
    this.ids.push(jobId);
    this.set.add(jobId);
    if (this.ids.length > REMEMBERED_JOBS) this.set.delete(this.ids.shift()!);
    this.save();
  }

  private save(): void {
    mkdirSync(dirname(this.path), { recursive: true });
    const tmp = `${this.path}.tmp`;
    writeFileSync(tmp, JSON.stringify({ jobs: this.ids }));
    renameSync(tmp, this.path);
  }
}
