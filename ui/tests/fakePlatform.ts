// A stand-in for the desktop shell (src/platform.ts): channels are kept here so a test can send
// what the backend would, and a restart is counted instead of reloading.
import type { Channel } from "@tauri-apps/api/core";
import type { Platform } from "../src/platform";

export class FakePlatform implements Platform {
  /** Every channel made, oldest first. */
  readonly channels: Array<{ onmessage: (event: unknown) => void }> = [];
  restarts = 0;

  channel<T>(onMessage: (event: T) => void): Channel<T> {
    const channel = { id: this.channels.length + 1, onmessage: onMessage as (event: unknown) => void };
    this.channels.push(channel);
    return channel as unknown as Channel<T>;
  }

  restart(): void {
    this.restarts += 1;
  }

  /** The last channel made (what the latest command streams on). */
  lastChannel(): { onmessage: (event: unknown) => void } {
    const channel = this.channels[this.channels.length - 1];
    if (!channel) throw new Error("no channel was made");
    return channel;
  }
}
