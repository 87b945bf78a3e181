/**
 * The "Sao lưu & lưu giữ dữ liệu" tab of the admin screen (decision 0103): what the hall
 * keeps about visitors and for how long (Decree 13/2023), the retention period as a
 * setting of the draft, and the backups with "Sao lưu ngay".
 */
import { html } from "lit";
import type { HallConfig } from "../../../server/contract/config.ts";
import type { Lang } from "../../../ui/i18n.ts";
import type { BackupState } from "./data.ts";
import { at } from "./messages.ts";

const size = (bytes: number) =>
  bytes >= 1_048_576 ? `${(bytes / 1_048_576).toFixed(1)} MB` : `${Math.max(1, Math.round(bytes / 1024))} KB`;

/** The tab: retention (editable in the draft) and backups (written at once, not part of the draft). */
export function careView(o: {
  draft: HallConfig;
  lang: Lang;
  changed: () => void;
  backups: BackupState | null;
  busy: boolean;
  backupNow: () => void;
}) {
  const { draft: c, lang: l } = o;
  const b = o.backups;
  return html`<section class="grid2">
    <div data-retention>
      <h3>${at("retentionTitle", l)}</h3>
      <label class="row"><span>${at("retentionDays", l)}</span><input class="num" type="number" min="1" max="3650"
        name="retention-days" .value=${String(c.retention.visitDays)} @change=${(e: Event) => {
          c.retention.visitDays = Number((e.target as HTMLInputElement).value);
          o.changed();
        }} /></label>
      <p>${at("retentionRemoved", l, { d: c.retention.visitDays })}</p>
      <p>${at("retentionKept", l)}</p>
      <p>${at("retentionNever", l)}</p>
      <p class="muted">${at("retentionBackups", l, { k: c.backup.keep })}</p>
    </div>
    <div data-backups>
      <h3>${at("backupsTitle", l)}</h3>
      <p class="muted">${c.backup.enabled ? at("backupDaily", l, { k: c.backup.keep }) : at("backupOff", l)}</p>
      <p><button class="primary" data-backup-now ?disabled=${o.busy} @click=${o.backupNow}>${at("backupNow", l)}</button></p>
      ${
        b === null
          ? html`<p class="muted">${at("loading", l)}</p>`
          : b.files.length === 0
            ? html`<p class="muted" data-no-backups>${at("noBackups", l)}</p>`
            : html`<table data-backup-list>
              <thead><tr><th>${at("backupFile", l)}</th><th>${at("savedAt", l)}</th><th>${at("backupSize", l)}</th></tr></thead>
              <tbody>${b.files.map(
                (f) =>
                  html`<tr data-backup=${f.file}><td><code>${f.file}</code></td><td>${f.at.slice(0, 19).replace("T", " ")}</td><td>${size(f.bytes)}</td></tr>`,
              )}</tbody>
            </table>`
      }
      <p class="muted">${at("restoreHint", l)}</p>
    </div>
  </section>`;
}
