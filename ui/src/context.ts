import type * as commands from "./bindings/commands";
import type {
  Account,
  AccountOverview,
  AppBootstrap,
  Profile,
  Settings,
  SettingsPatch,
  SignOutReport,
  UpdateInfo,
} from "./bindings/types";
import { initialState as handoverStart, type HandoverState } from "./features/handover/state";
import type { I18n } from "./i18n";
import type { Platform } from "./platform";
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
  /** The profile's Nextcloud accounts, last selected first. */
  accounts: Account[];
  /** The current account's id, null when there is none. */
  accountId: number | null;
  /** The account just connected, told once on the Accounts screen. */
  justConnected: JustConnected | null;
  /**
   * The profile's accounts whose access was kept until Passerelle closed and is gone since the
   * restart (ids): the person reconnects them.
   */
  reconnect: number[];
}

/** An account just connected, as the Accounts screen tells it once. */
export interface JustConnected {
  account: Account;
  /** The person typed their login password: it was exchanged for an app password, not kept. */
  exchangedLoginPassword: boolean;
  /** Another account stays in use: the person is asked whether to use this one now. */
  askToUse: boolean;
}

/** What is known about how an account was connected. */
export interface ConnectDetails {
  exchangedLoginPassword?: boolean;
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
  /** Makes `account` the current one (header, theming). */
  selectAccount(account: Account): Promise<void>;
  /**
   * An account was connected. It becomes the current one only when the
   * profile had none (or it is the current one, reconnected): otherwise the
   * person is asked. With `show`, the Accounts screen opens and says so.
   */
  accountConnected(account: Account, show: boolean, details?: ConnectDetails): Promise<void>;
  /**
   * `account` was connected again (same server and user): its access works again. The current
   * account stays the same; its overview is asked again if it is this one.
   */
  accountReconnected(account: Account): Promise<void>;
  /** Signs out of `account` and forgets it; the next one becomes current. */
  signOut(account: Account): Promise<SignOutReport>;
  /** What the server says about the current account (shared, asked once), or null. */
  currentOverview(): Promise<AccountOverview> | null;
  /** Reads and clears `justConnected`. */
  takeJustConnected(): JustConnected | null;
}

/**
 * What screens keep between visits while the app runs: one per app start (tests make a fresh
 * one with `freshMemory`), never in module-level variables.
 */
export interface ScreenMemory {
  /** The hand-over wizard's choices, so connecting an account on the way loses none. */
  handoverDraft: HandoverState;
  /** Tours offered in the workshop projector's picker (the plan being prepared), in order. */
  projectorTours: string[];
  /** The update found by the quiet check at start, shown again in Settings. */
  updateFound: UpdateInfo | null;
}

export function freshMemory(): ScreenMemory {
  return { handoverDraft: handoverStart(), projectorTours: [], updateFound: null };
}

/** Given to every screen's `render(ctx)`. */
export interface Ctx {
  readonly api: Api;
  readonly i18n: I18n;
  readonly router: Router;
  readonly state: Readonly<AppState>;
  readonly actions: Actions;
  /** Channels and restart (tests pass a fake). */
  readonly platform: Platform;
  /** Where dialogs are attached. */
  readonly root: HTMLElement;
  /** What screens keep between visits. */
  readonly memory: ScreenMemory;
}

export type Screen = (ctx: Ctx) => HTMLElement;

/** Whether `account`'s access is gone since the restart (to reconnect). */
export function needsReconnect(state: Readonly<AppState>, account: Account | null): boolean {
  return account !== null && state.reconnect.includes(account.id);
}

/** How an account is named to the person: display name, else user id. */
export function accountName(account: Account): string {
  return account.displayName?.trim() || account.userId;
}

/** The address without its scheme and trailing slash: `monasso.frama.space`. */
export function hostOf(address: string): string {
  return address.replace(/^[a-z][a-z0-9+.-]*:\/\//i, "").replace(/\/+$/, "");
}
