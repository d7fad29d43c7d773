import type * as commands from "./bindings/commands";
import type { AppBootstrap, Profile, Settings, SettingsPatch } from "./bindings/types";
import type { I18n } from "./i18n";
import type { Router } from "./router";

/** The backend, as generated in bindings/commands.ts (tests pass a fake). */
export type Api = typeof commands;

export interface AppState {
  readonly bootstrap: AppBootstrap;
  settings: Settings;
  /** Most recently used first. */
  profiles: Profile[];
  /** The profile in use, null on the Welcome screen. */
  profile: Profile | null;
  noticeDismissed: boolean;
}

/** What the screens may do. Promises reject with an IpcError. */
export interface Actions {
  updateSettings(patch: SettingsPatch): Promise<void>;
  selectProfile(profile: Profile): Promise<void>;
  createProfile(name: string): Promise<void>;
  /** Back to the Welcome screen. */
  leaveProfile(): void;
  deleteCurrentProfile(): Promise<void>;
  dismissNotice(): void;
  /** Shows an error in the page's alert region. */
  showError(error: unknown): void;
  /** Says `text` through the polite live region. */
  announce(text: string): void;
}

/** Given to every screen's `render(ctx)`. */
export interface Ctx {
  readonly api: Api;
  readonly i18n: I18n;
  readonly router: Router;
  readonly state: Readonly<AppState>;
  readonly actions: Actions;
  /** Where dialogs are attached. */
  readonly root: HTMLElement;
}

export type Screen = (ctx: Ctx) => HTMLElement;
