/**
 * Tokens and shared styles of the province dashboard, in the manager dashboard's visual
 * language (counter/src/counter-styles.ts): same palette, wait colours (green, amber near the
 * target, red past it), cards, tables with tabular figures.
 */
import { css } from "lit";

export const tokens = css`
  :host {
    --p-bg: #f4f6f9;
    --p-card: #ffffff;
    --p-text: #17202b;
    --p-muted: #566374;
    --p-border: #d5dbe3;
    --p-primary: #0b5cad;
    --p-primary-dark: #084785;
    --p-bar: #0b3d6e;
    --p-ok: #1c7a45;
    --p-near: #9a5b00;
    --p-near-bg: #fff3d6;
    --p-over: #b3261e;
    --p-over-bg: #fde7e5;
    --p-radius: 10px;
    font-family: "Noto Sans", "DejaVu Sans", "Segoe UI", Roboto, Arial, sans-serif;
    color: var(--p-text);
  }
`;

export const controls = css`
  button,
  select,
  input {
    font: inherit;
    border-radius: 8px;
    border: 1px solid var(--p-border);
    background: var(--p-card);
    color: var(--p-text);
    padding: 7px 12px;
    min-height: 38px;
    box-sizing: border-box;
  }
  button {
    cursor: pointer;
  }
  button:hover:not(:disabled) {
    border-color: var(--p-primary);
  }
  button:focus-visible,
  select:focus-visible,
  input:focus-visible,
  a:focus-visible,
  th button:focus-visible {
    outline: 3px solid #ffb000;
    outline-offset: 2px;
  }
  button.primary {
    background: var(--p-primary);
    border-color: var(--p-primary);
    color: #fff;
    font-weight: 600;
  }
  button.primary:hover:not(:disabled) {
    background: var(--p-primary-dark);
  }
  label {
    display: grid;
    gap: 4px;
    font-size: 0.85rem;
    color: var(--p-muted);
  }
`;

export const tables = css`
  .card {
    background: var(--p-card);
    border: 1px solid var(--p-border);
    border-radius: var(--p-radius);
    padding: 14px 16px;
  }
  table {
    width: 100%;
    border-collapse: collapse;
    font-variant-numeric: tabular-nums;
  }
  th {
    font-size: 0.78rem;
    font-weight: 600;
    color: var(--p-muted);
    text-align: left;
    padding: 0 8px 6px;
    white-space: nowrap;
  }
  td {
    padding: 7px 8px;
    border-top: 1px solid var(--p-border);
    vertical-align: middle;
  }
  th.n,
  td.n {
    text-align: right;
  }
  tr.total td {
    border-top: 2px solid var(--p-text);
    font-weight: 700;
  }
  .muted {
    color: var(--p-muted);
  }
  .badge {
    display: inline-block;
    padding: 1px 8px;
    border-radius: 6px;
    font-weight: 700;
    font-size: 0.82rem;
    white-space: nowrap;
  }
  .badge.ok {
    color: var(--p-ok);
    background: #e3f4ea;
  }
  .badge.near {
    color: var(--p-near);
    background: var(--p-near-bg);
  }
  .badge.over {
    color: var(--p-over);
    background: var(--p-over-bg);
  }
  .badge.off {
    color: #fff;
    background: #6b7684;
  }
  .over {
    color: var(--p-over);
    font-weight: 700;
  }
  .near {
    color: var(--p-near);
    font-weight: 700;
  }
  .ok {
    color: var(--p-ok);
  }
  .note {
    font-size: 0.8rem;
    color: var(--p-muted);
    margin: 8px 0 0;
  }
  a.export {
    font-size: 0.85rem;
    font-weight: 600;
    color: var(--p-primary);
    border: 1px solid var(--p-border);
    border-radius: 6px;
    padding: 4px 10px;
    text-decoration: none;
    white-space: nowrap;
  }
`;
