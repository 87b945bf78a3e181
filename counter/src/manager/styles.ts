/**
 * Styles of the manager's dashboard on top of ../staff/styles.ts (tokens, buttons, cards):
 * the compact tables, figure tiles, wait badges and the SVG charts. Amber fills are a
 * brighter amber than the amber text colour, which only needs to contrast as text.
 */
import { css } from "lit";

export const managerStyles = css`
  :host {
    --qms-near-fill: #e09a12;
  }
  table {
    width: 100%;
    border-collapse: collapse;
    font-variant-numeric: tabular-nums;
  }
  th {
    font-size: 0.78rem;
    font-weight: 600;
    color: var(--qms-muted);
    text-align: left;
    padding: 0 6px 4px;
    white-space: nowrap;
  }
  td {
    padding: 5px 6px;
    border-top: 1px solid var(--qms-border);
    vertical-align: middle;
  }
  th.n,
  td.n {
    text-align: right;
  }
  tr.total td {
    border-top: 2px solid var(--qms-border);
    font-weight: 700;
  }
  .sub {
    font-size: 0.78rem;
    color: var(--qms-muted);
  }
  .badge {
    display: inline-block;
    padding: 1px 7px;
    border-radius: 6px;
    font-weight: 700;
    font-variant-numeric: tabular-nums;
    white-space: nowrap;
  }
  .near {
    color: var(--qms-near);
  }
  .over {
    color: var(--qms-over);
  }
  .badge.near {
    background: var(--qms-near-bg);
  }
  .badge.over {
    background: var(--qms-over-bg);
  }
  .badge.ok {
    color: var(--qms-ok);
  }
  .tiles {
    display: grid;
    grid-template-columns: repeat(auto-fit, minmax(118px, 1fr));
    gap: 8px;
  }
  .tile {
    background: var(--qms-card);
    border: 1px solid var(--qms-border);
    border-radius: var(--qms-radius);
    padding: 6px 12px;
    min-width: 0;
  }
  .tile .v {
    font-size: 1.55rem;
    font-weight: 700;
    font-variant-numeric: tabular-nums;
    line-height: 1.2;
    white-space: nowrap;
  }
  .tile .v small {
    font-size: 0.9rem;
    font-weight: 600;
    color: var(--qms-muted);
  }
  .tile .k {
    font-size: 0.78rem;
    color: var(--qms-muted);
    line-height: 1.25;
  }
  .tile.over {
    border-color: var(--qms-over);
    background: var(--qms-over-bg);
  }
  .tile.near {
    border-color: var(--qms-near-fill);
    background: var(--qms-near-bg);
  }
  .head {
    display: flex;
    align-items: baseline;
    gap: 10px;
    margin-bottom: 8px;
  }
  .head h2 {
    margin: 0;
    flex: 1;
  }
  a.export {
    font-size: 0.85rem;
    font-weight: 600;
    color: var(--qms-primary);
    border: 1px solid var(--qms-border);
    border-radius: 6px;
    padding: 3px 10px;
    text-decoration: none;
    white-space: nowrap;
  }
  a.export:hover {
    border-color: var(--qms-primary);
  }
  a.export:focus-visible {
    outline: 3px solid #ffb000;
    outline-offset: 2px;
  }
  .note {
    font-size: 0.78rem;
    color: var(--qms-muted);
    margin: 6px 0 0;
  }
  .empty {
    color: var(--qms-muted);
    padding: 16px 0;
  }
`;

export const chartStyles = css`
  svg.chart {
    display: block;
    width: 100%;
    height: auto;
    font: 12px "Noto Sans", "DejaVu Sans", Arial, sans-serif;
  }
  .chart .grid {
    stroke: #e4e9f0;
    stroke-width: 1;
  }
  .chart text.x,
  .chart text.y,
  .chart text.unit {
    fill: var(--qms-muted);
    font-size: 11px;
  }
  .chart text.val {
    fill: var(--qms-text);
    font-size: 11px;
    font-weight: 600;
  }
  .chart text.val.in {
    fill: #fff;
  }
  .chart text.val.in.near {
    fill: #17202b;
  }
  .chart text.name {
    fill: var(--qms-text);
    font-size: 12.5px;
  }
  .chart text.mean {
    fill: var(--qms-muted);
    font-size: 11.5px;
    font-weight: 600;
  }
  .chart text.mean.near {
    fill: var(--qms-near);
  }
  .chart text.mean.over {
    fill: var(--qms-over);
  }
  .chart .bar.ok,
  .chart .pt.ok {
    fill: #2e8b57;
  }
  .chart .bar.near,
  .chart .pt.near {
    fill: var(--qms-near-fill);
  }
  .chart .bar.over,
  .chart .pt.over {
    fill: var(--qms-over);
  }
  .chart .p90 {
    stroke: #17202b;
    stroke-width: 2.5;
  }
  .chart .line {
    fill: none;
    stroke: var(--qms-primary);
    stroke-width: 1.5;
  }
  .chart .target {
    stroke: var(--qms-over);
    stroke-width: 2;
    stroke-dasharray: 7 5;
  }
  .chart .target-label {
    fill: var(--qms-over);
    font-size: 11.5px;
    font-weight: 700;
  }
  .legend {
    display: flex;
    gap: 16px;
    font-size: 0.8rem;
    color: var(--qms-muted);
    margin: 0 0 4px;
    flex-wrap: wrap;
  }
  .legend i {
    display: inline-block;
    width: 12px;
    height: 12px;
    border-radius: 2px;
    vertical-align: -1px;
    margin-right: 5px;
    background: #2e8b57;
  }
  .legend i.p90 {
    height: 3px;
    vertical-align: 3px;
    background: #17202b;
  }
  .legend i.target {
    height: 0;
    border-top: 2px dashed var(--qms-over);
    vertical-align: 3px;
    background: none;
  }
`;
