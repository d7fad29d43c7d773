// What the screens need from the desktop shell besides the commands: channels that a command
// streams on, and restarting the app. Reached through `ctx.platform`, so tests pass a fake; no
// screen imports Tauri's channel API itself, and this module keeps no state. (The backend sends
// no app-wide events: everything a screen hears comes on a channel of its own call.)
import { Channel } from "@tauri-apps/api/core";

export interface Platform {
  /** A channel for one command to stream on; `onMessage` gets each event in order. */
  channel<T>(onMessage: (event: T) => void): Channel<T>;
  /** Starts the app again from the Welcome screen. */
  restart(): void;
}

/** The real thing: Tauri's channels, a page reload. */
export const tauriPlatform: Platform = {
  channel: <T>(onMessage: (event: T) => void) => new Channel<T>(onMessage),
  restart: () => {
    window.location.hash = "";
    window.location.reload();
  },
};
