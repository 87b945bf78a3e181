/**
 * Styles of `<kiosk-phone-app>`: a small phone first (320–430 px wide), one column,
 * rem-based so the phone's text-size setting scales it, contrast ≥ 7:1 for body text.
 */
import { css } from "lit";

export const phoneStyles = css`
  .phrase {
    white-space: nowrap;
  }
  :host {
    display: block;
    min-height: 100vh;
    background: #f4f6f9;
    color: #111827;
    font-size: 1rem;
    line-height: 1.4;
  }
  header {
    display: flex;
    align-items: center;
    gap: 0.5rem;
    padding: 0.6rem 0.9rem;
    background: #0b3d6e;
    color: #fff;
  }
  .title {
    flex: 1;
    font-weight: 700;
  }
  .title .hall {
    display: block;
    font-size: 0.8rem;
    font-weight: 400;
    opacity: 0.9;
  }
  button {
    font: inherit;
    cursor: pointer;
    touch-action: manipulation;
  }
  .lang {
    display: inline-flex;
    align-items: center;
    gap: 0.35rem;
    min-height: 2.5rem;
    padding: 0.2rem 0.7rem;
    border: 2px solid #fff;
    border-radius: 0.5rem;
    background: transparent;
    color: #fff;
    font-weight: 700;
  }
  .lang svg {
    font-size: 1.2rem;
  }
  main {
    max-width: 30rem;
    margin: 0 auto;
    padding: 0.9rem;
    display: flex;
    flex-direction: column;
    gap: 0.8rem;
  }
  .center {
    text-align: center;
    padding: 2rem 0;
    font-weight: 600;
  }
  .card {
    background: #fff;
    border-radius: 1rem;
    padding: 0.8rem 1rem 1rem;
    text-align: center;
    box-shadow: 0 1px 3px rgb(0 0 0 / 15%);
  }
  .label {
    font-weight: 600;
    color: #374151;
  }
  .number {
    font-size: 4.8rem;
    font-weight: 900;
    line-height: 1.05;
    color: #0b2545;
    font-variant-numeric: tabular-nums;
  }
  .field {
    font-size: 1.3rem;
    font-weight: 700;
    color: #0b2545;
  }
  .badge {
    display: inline-block;
    margin-top: 0.4rem;
    padding: 0.15rem 0.7rem;
    border-radius: 1rem;
    background: #0b3d6e;
    color: #fff;
    font-size: 0.9rem;
    font-weight: 600;
  }
  .panel {
    border-radius: 1rem;
    padding: 1rem;
    background: #fff;
    box-shadow: 0 1px 3px rgb(0 0 0 / 15%);
    border-left: 0.5rem solid #0b3d6e;
  }
  .panel h1 {
    margin: 0.3rem 0;
    font-size: 1.4rem;
  }
  .panel > svg {
    font-size: 2.5rem;
    color: #b3261e;
  }
  .panel p {
    margin: 0.4rem 0 0;
  }
  .status {
    font-size: 1.5rem;
    font-weight: 800;
  }
  dl {
    margin: 0.6rem 0 0;
  }
  dl > div {
    display: flex;
    justify-content: space-between;
    align-items: baseline;
    gap: 0.5rem;
    padding: 0.45rem 0;
    border-top: 1px solid #e5e7eb;
  }
  dt {
    color: #374151;
  }
  dd {
    margin: 0;
    font-weight: 800;
    font-size: 1.25rem;
    text-align: right;
  }
  .note {
    font-size: 0.95rem;
    color: #374151;
  }
  .sound {
    display: inline-flex;
    align-items: center;
    gap: 0.4rem;
    margin-top: 0.7rem;
    min-height: 2.75rem;
    padding: 0.3rem 0.9rem;
    border-radius: 0.6rem;
    border: 2px solid #0b3d6e;
    background: #fff;
    color: #0b3d6e;
    font-weight: 700;
  }
  .sound svg {
    font-size: 1.3rem;
  }
  .sound:disabled {
    border-color: #14532d;
    color: #14532d;
    cursor: default;
  }
  .called {
    background: #146c2e;
    color: #fff;
    border-left-color: #ffd34d;
    text-align: center;
    animation: flash 1s ease-in-out 6 alternate;
  }
  @media (prefers-reduced-motion: reduce) {
    .called {
      animation: none;
    }
  }
  @keyframes flash {
    to {
      background: #0d4a1f;
    }
  }
  .called .go {
    margin-top: 0.4rem;
    font-size: 1.2rem;
    font-weight: 600;
  }
  .called .counter {
    font-size: 3.4rem;
    font-weight: 900;
    line-height: 1.1;
    color: #ffd34d;
  }
  .called .small {
    font-size: 0.95rem;
    opacity: 0.9;
  }
  .serving {
    border-left-color: #0e7490;
  }
  .done {
    border-left-color: #146c2e;
  }
  .done .status {
    color: #14532d;
    margin-bottom: 0.6rem;
  }
  .gone {
    border-left-color: #6b7280;
  }
  .message {
    margin: 0;
    padding: 0.7rem 0.9rem;
    border-radius: 0.7rem;
    background: #fdecea;
    color: #8a1111;
    font-weight: 600;
  }
  .cancel {
    min-height: 3rem;
    border-radius: 0.7rem;
    border: 2px solid #b3261e;
    background: #fff;
    color: #b3261e;
    font-weight: 700;
  }
  .cancel:disabled {
    opacity: 0.6;
  }
  footer {
    display: flex;
    flex-direction: column;
    gap: 0.2rem;
    font-size: 0.85rem;
    color: #4b5563;
    text-align: center;
  }
`;
