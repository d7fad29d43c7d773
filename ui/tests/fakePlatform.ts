// A stand-in for the desktop shell (src/platform.ts): app-wide events and channels are kept here
// so a test can send what the backend would, and a restart is counted instead of reloading.
import type { Channel } from "@tauri-apps/api/core";
import type { Platform } from "../src/platform";

export class FakePlatform implements Platform {
  /** Handlers by event name (the latest one listening). */
  readonly listeners = new Map<string, (payload: unknown) => void>();
  /** Every channel made, oldest first. */
  readonly channels: Array<{ onmessage: (event: unknown) => void }> = [];
  restarts = 0;

  listen<T>(event: string, handler: (payload: T) => void) {
    this.listeners.set(event, handler as (payload: unknown) => void);
    return Promise.resolve(() => {
      if (this.listeners.get(event) === handler) this.listeners.delete(event);
    });
  }

  channel<T>(onMessage: (event: T) => void): Channel<T> {
    const channel = { id: this.channels.length + 1, onmessage: onMessage as (event: unknown) => void };
    this.channels.push(channel);
    return channel as unknown as Channel<T>;
  }

  restart(): void {
    this.restarts += 1;
  }

  /** Sends `payload` as app-wide `event` (what `emit` does in the backend). */
  emit(event: string, payload: unknown): void {
    this.listeners.get(event)?.(payload);
  }

  /** The last channel made (what the latest command streams on). */
  lastChannel(): { onmessage: (event: unknown) => void } {
    const channel = this.channels[this.channels.length - 1];
    if (!channel) throw new Error("no channel was made");
    return channel;
  }
}
