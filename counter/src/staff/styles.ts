/**
 * Design tokens and shared styles of the staff screens. Colours are CSS custom
 * properties on :host, so a hall can restyle by setting them on the root element.
 * Wait colours: green under two thirds of the 15-minute target, amber near it, red past
 * it (ui/wait.ts); all text pairs meet WCAG AA contrast on their backgrounds.
 */
import { css } from "lit";

export const tokens = css`
  :host {
    --qms-bg: #f4f6f9;
    --qms-card: #ffffff;
    --qms-text: #17202b;
    --qms-muted: #566374;
    --qms-border: #d5dbe3;
    --qms-primary: #0b5cad;
    --qms-primary-dark: #084785;
    --qms-ok: #1c7a45;
    --qms-near: #9a5b00;
    --qms-near-bg: #fff3d6;
    --qms-over: #b3261e;
    --qms-over-bg: #fde7e5;
    --qms-paused: #6b4fa3;
    --qms-radius: 10px;
    font-family: "Noto Sans", "DejaVu Sans", "Segoe UI", Roboto, Arial, sans-serif;
    color: var(--qms-text);
  }
`;

export const buttons = css`
  button {
    font: inherit;
    cursor: pointer;
    border-radius: 8px;
    border: 1px solid var(--qms-border);
    background: var(--qms-card);
    color: var(--qms-text);
    padding: 8px 14px;
    min-height: 40px;
  }
  button:hover:not(:disabled) {
    border-color: var(--qms-primary);
  }
  button:focus-visible {
    outline: 3px solid #ffb000;
    outline-offset: 2px;
  }
  button:disabled {
    cursor: not-allowed;
    opacity: 0.45;
  }
  button.primary {
    background: var(--qms-primary);
    border-color: var(--qms-primary);
    color: #fff;
  }
  button.primary:hover:not(:disabled) {
    background: var(--qms-primary-dark);
  }
  button.danger {
    color: var(--qms-over);
    border-color: var(--qms-over);
  }
  kbd {
    display: inline-block;
    min-width: 1.4em;
    padding: 1px 6px;
    margin-left: 8px;
    border-radius: 4px;
    border: 1px solid currentColor;
    font: 600 0.78em/1.4 ui-monospace, "DejaVu Sans Mono", monospace;
    text-align: center;
    opacity: 0.8;
  }
  input,
  select {
    font: inherit;
    padding: 8px 10px;
    border: 1px solid var(--qms-border);
    border-radius: 8px;
    background: #fff;
    color: var(--qms-text);
    min-height: 40px;
    box-sizing: border-box;
  }
  input:focus,
  select:focus {
    outline: 3px solid #ffb000;
    outline-offset: 1px;
  }
  label {
    display: grid;
    gap: 4px;
    font-size: 0.9rem;
    color: var(--qms-muted);
  }
`;

export const card = css`
  .card {
    background: var(--qms-card);
    border: 1px solid var(--qms-border);
    border-radius: var(--qms-radius);
    padding: 16px 18px;
  }
  h2 {
    font-size: 1rem;
    margin: 0 0 10px;
    color: var(--qms-muted);
    font-weight: 600;
    text-transform: uppercase;
    letter-spacing: 0.03em;
  }
  .wait-ok {
    color: var(--qms-ok);
  }
  .wait-near {
    color: var(--qms-near);
    background: var(--qms-near-bg);
  }
  .wait-over {
    color: var(--qms-over);
    background: var(--qms-over-bg);
  }
`;

/** The staff top bar shared by the console and the dashboard: hall name, live dot, user. */
export const staffBar = css`
  :host {
    display: flex;
    align-items: center;
    gap: 12px;
    padding: 6px 20px;
    background: #0b3d6e;
    color: #fff;
    min-height: 56px;
    box-sizing: border-box;
  }
  .hall {
    font-weight: 600;
    white-space: nowrap;
    overflow: hidden;
    text-overflow: ellipsis;
    min-width: 0;
    flex: 1;
  }
  .live {
    display: inline-flex;
    align-items: center;
    gap: 6px;
    font-size: 0.85rem;
    white-space: nowrap;
  }
  .dot {
    width: 10px;
    height: 10px;
    border-radius: 50%;
    background: #4cd07d;
  }
  .live.off .dot {
    background: #ff6b5e;
  }
  .user {
    white-space: nowrap;
    font-size: 0.95rem;
  }
  .user small {
    opacity: 0.8;
  }
`;

/**
 * The page of a staff app (shell.ts): top bar, the offline banner's row, the screen
 * scrolling under them; `.boot` is the wait while the session is restored.
 */
export const shellStyles = css`
  :host {
    display: grid;
    grid-template-rows: auto auto 1fr;
    height: 100vh;
    background: var(--qms-bg);
    overflow: hidden;
  }
  main {
    overflow: auto;
    min-height: 0;
  }
  .banner {
    background: var(--qms-over);
    color: #fff;
    padding: 6px 20px;
    font-weight: 600;
  }
  .boot {
    display: grid;
    place-items: center;
    height: 100%;
    color: var(--qms-muted);
    font-size: 1.2rem;
  }
`;
