/**
 * The on-screen keypad shared by the kiosk's code entries (a dossier code, a booking code):
 * layout, keys, the typed-code box and the back button. Each entry adds its own columns and
 * the font of its code after these rules.
 */
import { css } from "lit";

export const keypadStyles = css`
  :host {
    display: flex;
    flex-direction: column;
    gap: 0.5em;
    min-height: 0;
  }
  h2 {
    margin: 0;
    font-size: 1.3em;
  }
  p {
    margin: 0;
    font-size: 0.75em;
    line-height: 1.35;
  }
  output {
    display: block;
    padding: 0.2em 0.5em;
    border-radius: 0.35em;
    background: #fff;
    color: #0b2545;
  }
  .keys {
    display: grid;
    gap: 0.25em;
  }
  button {
    font: inherit;
    font-weight: 800;
    min-height: 2.1em;
    border-radius: 0.35em;
    border: none;
    background: #fff;
    color: #0b2545;
    cursor: pointer;
    touch-action: manipulation;
    box-shadow: 0 0.1em 0 rgb(0 0 0 / 35%);
  }
  button:disabled {
    opacity: 0.5;
  }
  .edit {
    background: #d7e9ff;
    font-size: 0.8em;
  }
  .go {
    background: #ffd34d;
    color: #111;
    font-size: 1.1em;
  }
  .back {
    align-self: flex-start;
    background: transparent;
    color: #fff;
    border: 3px solid #fff;
    padding: 0.2em 0.8em 0.2em 0.4em;
    font-size: 0.85em;
    box-shadow: none;
    display: flex;
    align-items: center;
    gap: 0.3em;
  }
`;
