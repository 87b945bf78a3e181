/**
 * Sound controls of the board: the "bấm để bật âm thanh" banner while the browser blocks
 * audio (a tap anywhere unlocks it), and a discreet gear that opens the settings panel
 * (on/off, volume, voice, test). Keyboard: "s" opens the panel (TV remotes send keys).
 *
 * @fires sound-change - detail: SoundSettings, the new settings
 * @fires sound-test - play a sample announcement
 */
import { css, html, LitElement, nothing } from "lit";
import { customElement, property, state } from "lit/decorators.js";
import { t } from "./messages.ts";
import type { SoundSettings, VoiceMode } from "./settings.ts";

export type VoiceInUse = "recorded" | "speech" | "espeak" | "none";

const IN_USE = {
  recorded: "inUseRecorded",
  speech: "inUseSpeech",
  espeak: "inUseEspeak",
  none: "inUseNone",
} as const;

@customElement("display-sound")
export class DisplaySound extends LitElement {
  static override styles = css`
    /* Over the notice line, the least important part of the board. */
    .banner {
      position: fixed;
      left: 50%;
      bottom: calc(var(--u) * 0.6);
      transform: translateX(-50%);
      z-index: 10;
      display: flex;
      flex-direction: column;
      align-items: center;
      white-space: nowrap;
      padding: 0.3em 1.2em;
      border: none;
      border-radius: 999px;
      background: #fff;
      color: #061a33;
      font: inherit;
      font-size: calc(var(--u) * 2.6);
      font-weight: 700;
      line-height: 1.25;
      box-shadow: 0 0.3em 1.2em rgba(0, 0, 0, 0.5);
      cursor: pointer;
    }
    .banner small {
      font-weight: 400;
      font-size: 0.7em;
    }
    .gear {
      position: fixed;
      left: calc(var(--u) * 1);
      bottom: calc(var(--u) * 8);
      z-index: 5;
      width: calc(var(--u) * 5);
      height: calc(var(--u) * 5);
      border: none;
      border-radius: 50%;
      background: transparent;
      color: var(--muted);
      font-size: calc(var(--u) * 3);
      opacity: 0.6;
      cursor: pointer;
    }
    .gear:hover,
    .gear:focus-visible {
      opacity: 1;
    }
    .panel {
      position: fixed;
      left: calc(var(--u) * 2);
      bottom: calc(var(--u) * 9);
      z-index: 11;
      display: grid;
      gap: calc(var(--u) * 1.5);
      min-width: calc(var(--u) * 50);
      padding: calc(var(--u) * 2.5);
      border-radius: calc(var(--u) * 1.5);
      background: #fff;
      color: #061a33;
      font-size: calc(var(--u) * 2.4);
      box-shadow: 0 0.3em 1.5em rgba(0, 0, 0, 0.6);
    }
    .panel h3 {
      margin: 0;
      font-size: 1.2em;
    }
    label {
      display: flex;
      align-items: center;
      gap: 0.6em;
    }
    input[type="checkbox"] {
      width: 1.3em;
      height: 1.3em;
    }
    input[type="range"] {
      flex: 1;
    }
    select,
    button.act {
      font: inherit;
      padding: 0.3em 0.8em;
      border-radius: 0.4em;
      border: 1px solid #8aa0bd;
      background: #eef3f9;
      color: inherit;
    }
    .row {
      display: flex;
      gap: 1em;
      justify-content: flex-end;
    }
    small {
      color: #4a5d78;
    }
  `;

  @property({ type: Boolean }) blocked = false;
  /** Show the gear (someone moved the mouse); the panel also opens with the "s" key. */
  @property({ type: Boolean }) gear = false;
  @property({ attribute: false }) settings!: SoundSettings;
  @property() voiceInUse: VoiceInUse = "none";
  @state() private _open = false;

  private readonly onKey = (e: KeyboardEvent) => {
    if (e.key === "s" || e.key === "S") this._open = !this._open;
    if (e.key === "Escape") this._open = false;
  };

  override connectedCallback(): void {
    super.connectedCallback();
    window.addEventListener("keydown", this.onKey);
  }

  override disconnectedCallback(): void {
    super.disconnectedCallback();
    window.removeEventListener("keydown", this.onKey);
  }

  private change(patch: Partial<SoundSettings>): void {
    this.dispatchEvent(
      new CustomEvent<SoundSettings>("sound-change", {
        detail: { ...this.settings, ...patch },
        bubbles: true,
        composed: true,
      }),
    );
  }

  private panel() {
    const s = this.settings;
    const v = t(IN_USE[this.voiceInUse], "vi");
    return html`<div class="panel" role="dialog" aria-label=${t("settings", "vi")} data-testid="settings">
      <h3>${t("settings", "vi")} <small>${t("settings", "en")}</small></h3>
      <label
        ><input
          type="checkbox"
          .checked=${s.sound}
          @change=${(e: Event) => this.change({ sound: (e.target as HTMLInputElement).checked })}
        />${t("soundOn", "vi")} <small>${t("soundOn", "en")}</small></label
      >
      <label
        >${t("volume", "vi")}
        <input
          type="range"
          min="0"
          max="100"
          .value=${String(Math.round(s.volume * 100))}
          @change=${(e: Event) => this.change({ volume: Number((e.target as HTMLInputElement).value) / 100 })}
        />
        ${Math.round(s.volume * 100)}%</label
      >
      <label
        >${t("voice", "vi")}
        <select
          @change=${(e: Event) => this.change({ voice: (e.target as HTMLSelectElement).value as VoiceMode })}
        >
          <option value="auto" ?selected=${s.voice === "auto"}>${t("voiceAuto", "vi")}</option>
          <option value="speech" ?selected=${s.voice === "speech"}>${t("voiceSpeech", "vi")}</option>
          <option value="clips" ?selected=${s.voice === "clips"}>${t("voiceClips", "vi")}</option>
        </select></label
      >
      <small>${t("inUse", "vi", { v })}</small>
      <div class="row">
        <button
          class="act"
          @click=${() => this.dispatchEvent(new CustomEvent("sound-test", { bubbles: true, composed: true }))}
        >
          ${t("test", "vi")}
        </button>
        <button class="act" @click=${() => (this._open = false)}>${t("close", "vi")}</button>
      </div>
    </div>`;
  }

  override render() {
    return html`${
      this.blocked && this.settings?.sound
        ? html`<button class="banner" data-testid="sound-blocked">
            🔇 ${t("soundBlocked", "vi")} <small>${t("soundBlocked", "en")}</small>
          </button>`
        : nothing
    }
      ${
        this.gear || this._open
          ? html`<button class="gear" title=${t("settings", "vi")} @click=${() => (this._open = !this._open)}>
            ⚙
          </button>`
          : nothing
      }
      ${this._open && this.settings ? this.panel() : nothing}`;
  }
}

declare global {
  interface HTMLElementTagNameMap {
    "display-sound": DisplaySound;
  }
}
