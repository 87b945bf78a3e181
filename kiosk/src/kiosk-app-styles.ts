/** The styles of `<kiosk-app>`: the frame of every screen (sizes follow the screen, `vmin`). */
import { css } from "lit";

export const kioskAppStyles = css`
  :host {
    display: flex;
    flex-direction: column;
    height: 100vh;
    height: 100dvh;
    overflow: hidden;
    box-sizing: border-box;
    background: #0b3d6e;
    color: #fff;
    font-size: clamp(16px, 3.35vmin, 64px);
    -webkit-user-select: none;
    user-select: none;
    -webkit-tap-highlight-color: transparent;
  }
  main {
    flex: 1;
    min-height: 0;
    display: flex;
    flex-direction: column;
    gap: 0.5em;
    padding: 0.7em 0.9em;
    overflow: auto;
  }
  h1 {
    margin: 0;
    font-size: 1.45em;
    line-height: 1.2;
  }
  .hint {
    margin: 0;
    font-size: 0.8em;
    opacity: 0.95;
  }
  .closed-banner {
    padding: 0.4em 0.6em;
    border-radius: 0.4em;
    background: #fff8db;
    color: #5a4100;
    font-weight: 700;
    font-size: 0.8em;
  }
  kiosk-service-grid {
    flex: 1;
    min-height: 0;
    margin-top: 0.3em;
  }
  .loading {
    flex: 1;
    display: grid;
    place-items: center;
    font-size: 1.2em;
  }
  footer {
    display: flex;
    align-items: center;
    gap: 0.8em;
    padding: 0.35em 0.9em 0.5em;
    font-size: 0.7em;
    font-weight: 600;
    background: #06294b;
  }
  .bar {
    flex: 1;
    height: 0.45em;
    border-radius: 0.3em;
    background: rgb(255 255 255 / 20%);
    overflow: hidden;
  }
  .bar > div {
    height: 100%;
    background: #ffd34d;
    transition: width 1s linear;
  }
  kiosk-priority-picker {
    flex: 1;
  }
  .booking {
    align-self: flex-start;
    font: inherit;
    font-weight: 800;
    font-size: 0.85em;
    padding: 0.35em 0.9em;
    border-radius: 0.4em;
    border: 3px solid #ffd34d;
    background: transparent;
    color: #ffd34d;
    cursor: pointer;
    touch-action: manipulation;
  }
  kiosk-ticket {
    font-size: 1.12em;
  }
  @media (orientation: portrait) {
    kiosk-ticket {
      font-size: 1.2em;
    }
  }
`;
