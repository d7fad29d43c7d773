// An in-memory backend behind Tauri's mockIPC: the real bindings
// (src/bindings/commands.ts) call `invoke`, which lands here.
import { clearMocks, mockIPC } from "@tauri-apps/api/mocks";
import type { Channel } from "@tauri-apps/api/core";
import type {
  AboutInfo,
  Account,
  AccountOverview,
  AppBootstrap,
  BrokenTour,
  CheckOutcome,
  IpcError,
  KeyringStatus,
  Language,
  LoginFlowEvent,
  Profile,
  Quota,
  PasswordSignIn,
  SecretStorage,
  ServerCheck,
  ServerInfo,
  Settings,
  SettingsPatch,
  SignOutReport,
  StepProgress,
  StoreNotice,
  Theming,
  TourDetail,
  TourStep,
  TourSummary,
} from "../src/bindings/types";

/** A tour as the fake backend knows it (status and progress are computed). */
export interface FakeTour {
  summary: Omit<TourSummary, "hidden" | "status" | "stepsTotal" | "stepsDone" | "currentStep">;
  steps: TourStep[];
  /** The outcome of `tour_check` per task step id; default: not done, no details. */
  checks?: Record<string, (backend: FakeBackend, input: string | null) => CheckOutcome>;
}

/** A tour pack at a path: what `tour_pack_load` finds there. */
export interface FakePack {
  tours: FakeTour[];
  broken: BrokenTour[];
  /** The pack's messages, per language. */
  messages?: Partial<Record<Language, string>>;
}

/** A person on a fake server. */
export interface FakeUser {
  displayName?: string | null;
  /** The app password accepted by `account_add_app_password`. */
  appPassword?: string;
  /** The login password: `account_add_app_password` exchanges it for an app password. */
  loginPassword?: string;
  email?: string | null;
  groups?: string[];
  isAdmin?: boolean;
  /** Groups they administer as a group admin. */
  subAdminGroups?: string[];
  quota?: Quota | null;
}

/** A fake Nextcloud server, by host (`monasso.frama.space`). */
export interface FakeServer {
  /** Default `https://<host>`. */
  url?: string;
  version?: string;
  maintenance?: boolean;
  /** Set when `url` starts with http://. */
  insecureHttp?: boolean;
  theming?: Theming | null;
  /** A self-signed certificate to trust before the server answers. */
  fingerprint?: string;
  /** `server_check` fails with this code. */
  checkError?: string;
  /** `account_overview` fails with this code. */
  overviewError?: string;
  /** false: sign out cannot reach the server (`revokedOnServer: false`). */
  reachable?: boolean;
  users?: Record<string, FakeUser>;
}

export interface FakeAccountSeed {
  profile: string;
  host: string;
  loginName: string;
  secretStorage?: SecretStorage;
  lastUsedAt?: string | null;
  /** Its access was kept until Passerelle closed and is gone (a restart since). */
  lost?: boolean;
}

/** A 1×1 PNG, as the backend gives logos (data: URLs only). */
export const LOGO = "data:image/png;base64,iVBORw0KGgoAAAANSUhEUgAAAAEAAAABCAQAAAC1HAwCAAAAC0lEQVR42mNkYAAAAAYAAjCB0C8AAAAASUVORK5CYII=";

export const FINGERPRINT =
  "3A:9F:4C:12:7B:E0:55:C1:08:AA:6D:F2:93:1E:BC:47:60:D8:2F:9A:C3:71:0E:B5:4A:E9:86:13:FD:27:5C:08";

export function defaultServers(): Record<string, FakeServer> {
  return {
    "monasso.frama.space": {
      version: "29.0.4",
      theming: { name: "Mon asso", color: "#0082c9", colorText: "#ffffff", logo: LOGO, slogan: "Ensemble, c’est mieux" },
      users: {
        camille: {
          displayName: "Camille Dupont",
          appPassword: "abcde-fghij-klmno-pqrst-uvwxy",
          email: "camille@monasso.example",
          groups: ["Bureau", "Bénévoles"],
          isAdmin: true,
          quota: { used: 2.5 * 1024 ** 3, total: 10 * 1024 ** 3, relative: 25 },
        },
        dominique: { displayName: "Dominique", appPassword: "secret", quota: { used: 1024 ** 2, total: null, relative: 0 } },
      },
    },
    "autre.frama.space": {
      version: "28.0.1",
      theming: { name: "Autre asso", color: "#ffff00", colorText: "#ffffff", logo: null, slogan: null },
      users: { camille: { displayName: "Camille D.", appPassword: "x", groups: [] } },
    },
  };
}

export interface FakeOptions {
  profiles?: string[];
  settings?: Partial<Settings>;
  systemLanguage?: Language;
  storeNotice?: StoreNotice | null;
  /** Profile name → lastUsedAt. */
  lastUsed?: Record<string, string>;
  /** Added to (or replacing) the default servers, by host. */
  servers?: Record<string, FakeServer>;
  keyringAvailable?: boolean;
  accounts?: FakeAccountSeed[];
  /** The tours known (bundled ones, for the fake). */
  tours?: FakeTour[];
  /** Their messages, as `tour_messages` gives them (the fake has no tours/*.ftl). */
  tourMessages?: Partial<Record<Language, string>>;
  /** Tour packs, by path. */
  packs?: Record<string, FakePack>;
  /** What `tours_broken` says. */
  brokenTours?: BrokenTour[];
}

/** The login flow in progress: the test drives it. */
export interface FakeFlow {
  id: number;
  profileId: number;
  address: string;
  storage: SecretStorage;
  channel: Channel<LoginFlowEvent>;
  index: number;
}

export class FakeBackend {
  settings: Settings;
  profiles: Profile[] = [];
  systemLanguage: Language;
  storeNotice: StoreNotice | null;
  calls: Array<{ cmd: string; args: Record<string, unknown> }> = [];
  servers: Record<string, FakeServer>;
  keyringAvailable: boolean;
  accounts: Account[] = [];
  /** Accounts whose session-only access is gone (ids): `accounts_to_reconnect`. */
  lost = new Set<number>();
  trusted = new Map<string, string>();
  flow: FakeFlow | null = null;
  tours: FakeTour[];
  tourMessages: Partial<Record<Language, string>>;
  packs: Record<string, FakePack>;
  brokenTours: BrokenTour[];
  /** Progress by `profile/account/tour`. */
  tourProgress = new Map<string, StepProgress[]>();
  /** The last step shown, by `profile/account/tour`. */
  currentSteps = new Map<string, string>();
  /** Hidden tours, by `profile/tour`. */
  hiddenTours = new Set<string>();
  /** Folders that exist in the person's Files (for the folder check of the fixtures). */
  folders = new Set<string>();
  /** The server cannot be reached: checks say `offline`. */
  offline = false;
  /** While set, `tour_check` answers only once it resolves. */
  checkGate: Promise<void> | null = null;
  private nextId = 1;
  private nextAccountId = 100;
  private nextFlowId = 1;
  private clock = Date.parse("2025-01-01T10:00:00Z");

  constructor(opts: FakeOptions = {}) {
    this.settings = { language: null, theme: "system", textSize: "normal", trainerMode: false, ...opts.settings };
    this.systemLanguage = opts.systemLanguage ?? "fr";
    this.storeNotice = opts.storeNotice ?? null;
    for (const name of opts.profiles ?? []) {
      this.create(name).lastUsedAt = opts.lastUsed?.[name] ?? null;
    }
    this.servers = { ...defaultServers(), ...opts.servers };
    this.keyringAvailable = opts.keyringAvailable ?? true;
    this.tours = opts.tours ?? [];
    this.tourMessages = opts.tourMessages ?? {};
    this.packs = opts.packs ?? {};
    this.brokenTours = opts.brokenTours ?? [];
    for (const seed of opts.accounts ?? []) {
      const profile = this.profiles.find((p) => p.name === seed.profile);
      if (!profile) throw new Error(`fake backend: no profile ${seed.profile}`);
      const account = this.addAccount(profile.id, seed.host, seed.loginName, seed.secretStorage ?? "keyring");
      account.lastUsedAt = seed.lastUsedAt ?? null;
      if (seed.lost) this.lost.add(account.id);
    }
  }

  // ---- Nextcloud side ----------------------------------------------------

  /** `https://monasso.frama.space/` → `monasso.frama.space`. */
  static hostOf(address: string): string {
    return address.trim().replace(/^[a-z]+:\/\//i, "").replace(/\/+$/, "").toLowerCase();
  }

  serverAt(address: string): { host: string; server: FakeServer; url: string } {
    const host = FakeBackend.hostOf(address);
    if (!host || /\s/.test(host)) this.fail("invalid-address");
    const server = this.servers[host];
    if (!server) this.fail("not-nextcloud");
    return { host, server, url: server.url ?? `https://${host}` };
  }

  private serverInfo(url: string, server: FakeServer): ServerInfo {
    return {
      url,
      insecureHttp: server.insecureHttp ?? url.startsWith("http:"),
      productName: "Nextcloud",
      version: server.version ?? "29.0.0",
      maintenance: server.maintenance ?? false,
      theming: server.theming ?? null,
    };
  }

  private addAccount(profileId: number, address: string, loginName: string, storage: SecretStorage): Account {
    const { server, url } = this.serverAt(address);
    const user = server.users?.[loginName];
    if (!user) this.fail("auth");
    // The same person on the same server again: updated (a reconnection), as the backend's upsert.
    const known = this.accounts.find((a) => a.profileId === profileId && a.serverUrl === url && a.loginName === loginName);
    if (known) {
      known.secretStorage = storage;
      known.lastUsedAt = this.now();
      this.lost.delete(known.id);
      return known;
    }
    const account: Account = {
      id: this.nextAccountId++,
      profileId,
      serverUrl: url,
      userId: loginName,
      loginName,
      displayName: user.displayName ?? null,
      secretStorage: storage,
      createdAt: this.now(),
      lastUsedAt: null,
    };
    this.accounts.push(account);
    return account;
  }

  private account(id: unknown): Account {
    const account = this.accounts.find((a) => a.id === id);
    if (!account) this.fail("account-not-found");
    return account;
  }

  /** Sends `event` on the current login flow's channel, as Tauri does. */
  flowSend(event: LoginFlowEvent): void {
    const flow = this.flow;
    if (!flow) throw new Error("fake backend: no login flow");
    // A test's FakePlatform channel is called directly; a real one through Tauri's internals.
    if (typeof (flow.channel as { toJSON?: unknown }).toJSON !== "function") {
      flow.channel.onmessage(event);
      return;
    }
    const internals = (window as unknown as { __TAURI_INTERNALS__: { runCallback(id: number, data: unknown): void } })
      .__TAURI_INTERNALS__;
    internals.runCallback(flow.channel.id, { index: flow.index++, message: event });
  }

  flowStarted(expiresInSeconds = 1200, browserOpened = true): void {
    const flow = this.flow!;
    this.flowSend({
      event: "started",
      data: {
        flowId: flow.id,
        loginUrl: `${this.serverAt(flow.address).url}/login/v2/flow/abc123`,
        expiresInSeconds,
        browserOpened,
      },
    });
  }

  flowWaiting(remainingSeconds: number): void {
    this.flowSend({ event: "waiting", data: { remainingSeconds } });
  }

  /** The person approved in the browser: the account is created. */
  flowDone(loginName = "camille"): Account {
    const flow = this.flow!;
    const account = this.addAccount(flow.profileId, flow.address, loginName, flow.storage);
    this.flowSend({ event: "done", data: { account: { ...account } } });
    this.flow = null;
    return account;
  }

  flowFailed(code: string): void {
    this.flowSend({ event: "failed", data: { error: { code, message: `fake: ${code}` } } });
    this.flow = null;
  }

  install(): this {
    mockIPC((cmd, args) => this.handle(cmd, args as Record<string, unknown>));
    return this;
  }

  uninstall(): void {
    clearMocks();
  }

  countCalls(cmd: string): number {
    return this.calls.filter((c) => c.cmd === cmd).length;
  }

  private now(): string {
    this.clock += 60_000;
    return new Date(this.clock).toISOString();
  }

  private fail(code: string): never {
    const error: IpcError = { code, message: `fake: ${code}` };
    throw error;
  }

  private create(name: string): Profile {
    const trimmed = name.trim();
    if (!trimmed) this.fail("profile-name-empty");
    if (this.profiles.some((p) => p.name.toLowerCase() === trimmed.toLowerCase())) {
      this.fail("profile-name-taken");
    }
    const profile: Profile = { id: this.nextId++, name: trimmed, createdAt: this.now(), lastUsedAt: null };
    this.profiles.push(profile);
    return profile;
  }

  // ---- tours ---------------------------------------------------------------

  static progressKey(profileId: number, accountId: number | null, tourId: string): string {
    return `${profileId}/${accountId ?? "-"}/${tourId}`;
  }

  /** Sets a person's progress in a tour (and the step they were last shown). */
  setProgress(
    profileId: number,
    accountId: number | null,
    tourId: string,
    entries: Array<Pick<StepProgress, "stepId" | "status"> & Partial<StepProgress>>,
    currentStep: string | null = entries.at(-1)?.stepId ?? null,
  ): void {
    const key = FakeBackend.progressKey(profileId, accountId, tourId);
    this.tourProgress.set(
      key,
      entries.map((e) => ({ evidence: null, updatedAt: this.now(), ...e })),
    );
    if (currentStep) this.currentSteps.set(key, currentStep);
    else this.currentSteps.delete(key);
  }

  progressOf(profileId: number, accountId: number | null, tourId: string): StepProgress[] {
    return this.tourProgress.get(FakeBackend.progressKey(profileId, accountId, tourId)) ?? [];
  }

  private tour(id: unknown): FakeTour {
    const tour = this.tours.find((t) => t.summary.id === id);
    if (!tour) this.fail("tour-not-found");
    return tour;
  }

  private record(profileId: number, accountId: number | null, tourId: string, entry: StepProgress): void {
    const key = FakeBackend.progressKey(profileId, accountId, tourId);
    const list = (this.tourProgress.get(key) ?? []).filter((p) => p.stepId !== entry.stepId);
    this.tourProgress.set(key, [...list, entry]);
  }

  /**
   * Status, counts and where to resume, computed like the real backend: a
   * task is behind the person when done or skipped, other steps once seen;
   * the tour is done when every step, or the last one, is behind them.
   */
  summaryOf(tour: FakeTour, profileId: number, accountId: number | null): TourSummary {
    const progress = this.progressOf(profileId, accountId, tour.summary.id);
    const byStep = new Map(progress.map((p) => [p.stepId, p.status]));
    const passed = (s: TourStep) => {
      const status = byStep.get(s.id);
      return status !== undefined && (s.kind !== "task" || status === "done" || status === "skipped");
    };
    const stepsDone = tour.steps.filter(passed).length;
    const stepsTotal = tour.steps.length;
    const current = this.currentSteps.get(FakeBackend.progressKey(profileId, accountId, tour.summary.id)) ?? null;
    const last = tour.steps.at(-1);
    const status: TourSummary["status"] =
      progress.length === 0 && current === null
        ? "new"
        : stepsDone === stepsTotal || (last !== undefined && passed(last))
          ? "done"
          : "inProgress";
    let currentStep: string | null = null;
    if (status !== "done") {
      const at = current === null ? -1 : tour.steps.findIndex((s) => s.id === current);
      if (at >= 0) currentStep = passed(tour.steps[at]!) ? (tour.steps[at + 1]?.id ?? null) : current;
      else if (progress.length > 0) currentStep = tour.steps.find((s) => !passed(s))?.id ?? null;
    }
    return {
      ...tour.summary,
      hidden: this.hiddenTours.has(`${profileId}/${tour.summary.id}`),
      status,
      stepsTotal,
      stepsDone,
      currentStep,
    };
  }

  private async checkLater(outcome: () => CheckOutcome): Promise<CheckOutcome> {
    if (this.checkGate) await this.checkGate;
    return outcome();
  }

  private tourCommand(cmd: string, args: Record<string, unknown>): unknown {
    const profileId = args.profileId as number;
    const accountId = (args.accountId ?? null) as number | null;
    switch (cmd) {
      case "tours_list":
        return this.tours.map((tour) => this.summaryOf(tour, profileId, accountId));
      case "tour_open": {
        const tour = this.tour(args.tourId);
        const detail: TourDetail = {
          summary: this.summaryOf(tour, profileId, accountId),
          steps: structuredClone(tour.steps),
          progress: this.progressOf(profileId, accountId, tour.summary.id).map((p) => ({ ...p })),
        };
        return detail;
      }
      case "tour_step_seen": {
        const tour = this.tour(args.tourId);
        const stepId = args.stepId as string;
        if (!tour.steps.some((s) => s.id === stepId)) this.fail("tour-step-not-found");
        const known = this.progressOf(profileId, accountId, tour.summary.id).find((p) => p.stepId === stepId);
        if (!known) this.record(profileId, accountId, tour.summary.id, { stepId, status: "seen", evidence: null, updatedAt: this.now() });
        this.currentSteps.set(FakeBackend.progressKey(profileId, accountId, tour.summary.id), stepId);
        return null;
      }
      case "tour_step_skip": {
        const tour = this.tour(args.tourId);
        this.record(profileId, accountId, tour.summary.id, {
          stepId: args.stepId as string,
          status: "skipped",
          evidence: null,
          updatedAt: this.now(),
        });
        return null;
      }
      case "tour_check": {
        const tour = this.tour(args.tourId);
        this.account(accountId);
        const stepId = args.stepId as string;
        const step = tour.steps.find((s) => s.id === stepId);
        if (!step || step.kind !== "task") this.fail("tour-step-not-found");
        const input = (args.input ?? null) as string | null;
        return this.checkLater(() => {
          if (this.offline) return { done: false, evidence: null, missing: null, offline: true };
          const outcome = tour.checks?.[stepId]?.(this, input) ?? { done: false, evidence: null, missing: null, offline: false };
          if (outcome.done) {
            this.record(profileId, accountId, tour.summary.id, {
              stepId,
              status: "done",
              evidence: outcome.evidence,
              updatedAt: this.now(),
            });
          }
          return outcome;
        });
      }
      case "tour_reset": {
        const tourId = (args.tourId ?? null) as string | null;
        for (const tour of this.tours) {
          if (tourId !== null && tour.summary.id !== tourId) continue;
          const key = FakeBackend.progressKey(profileId, accountId, tour.summary.id);
          this.tourProgress.delete(key);
          this.currentSteps.delete(key);
        }
        return null;
      }
      case "tour_hide": {
        const key = `${profileId}/${this.tour(args.tourId).summary.id}`;
        if (args.hidden) this.hiddenTours.add(key);
        else this.hiddenTours.delete(key);
        return null;
      }
      case "tour_pack_load": {
        const pack = this.packs[(args.path as string).trim()];
        if (!pack) this.fail("tour-pack-not-found");
        for (const tour of pack.tours) {
          this.tours = [...this.tours.filter((t) => t.summary.id !== tour.summary.id), tour];
        }
        for (const lang of ["fr", "en"] as const) {
          if (pack.messages?.[lang]) this.tourMessages[lang] = `${this.tourMessages[lang] ?? ""}\n${pack.messages[lang]}`;
        }
        return {
          loaded: pack.tours.map((tour) => this.summaryOf(tour, 0, null)),
          broken: structuredClone(pack.broken),
        };
      }
      case "tours_broken":
        return structuredClone(this.brokenTours);
      case "tour_messages":
        return this.tourMessages[args.lang as Language] ?? "";
      default:
        throw new Error(`fake backend: unknown command ${cmd}`);
    }
  }

  handle(cmd: string, args: Record<string, unknown>): unknown {
    this.calls.push({ cmd, args });
    if (cmd.startsWith("tour")) return this.tourCommand(cmd, args);
    // Updates are not configured in this fake; tests/updates.test.ts mocks them itself.
    if (cmd === "update_check_at_start") return { kind: "skipped" };
    if (cmd === "updates_status") {
      return {
        currentVersion: "0.1.0",
        endpoint: null,
        source: null,
        mirror: null,
        mirrorFile: "/fake/update-mirror.txt",
        lastCheck: null,
        problem: null,
      };
    }
    switch (cmd) {
      case "app_bootstrap": {
        const result: AppBootstrap = {
          version: "0.1.0",
          systemLanguage: this.systemLanguage,
          effectiveLanguage: this.settings.language ?? this.systemLanguage,
          settings: { ...this.settings },
          profiles: this.profiles.map((p) => ({ ...p })),
          storeNotice: this.storeNotice,
        };
        return result;
      }
      case "settings_update": {
        const patch = args.patch as SettingsPatch;
        this.settings = { ...this.settings, ...patch };
        return { ...this.settings };
      }
      case "profile_create":
        return { ...this.create(args.name as string) };
      case "profile_select": {
        const profile = this.profiles.find((p) => p.id === args.id);
        if (!profile) this.fail("profile-not-found");
        profile.lastUsedAt = this.now();
        return { ...profile };
      }
      case "profile_delete": {
        const before = this.profiles.length;
        this.profiles = this.profiles.filter((p) => p.id !== args.id);
        if (this.profiles.length === before) this.fail("profile-not-found");
        return null;
      }
      case "about_info": {
        const info: AboutInfo = {
          version: "0.1.0",
          dataDir: "/home/camille/.local/share/passerelle",
          databasePath: "/home/camille/.local/share/passerelle/passerelle.sqlite3",
          schemaVersion: 1,
          locales: ["fr", "en"],
        };
        return info;
      }
      case "keyring_status": {
        const status: KeyringStatus = {
          available: this.keyringAvailable,
          backend: this.keyringAvailable ? "secret-service" : "none",
          reason: this.keyringAvailable ? null : "no Secret Service on the session bus",
        };
        return status;
      }
      case "server_check": {
        const { host, server, url } = this.serverAt(args.address as string);
        if (server.checkError) this.fail(server.checkError);
        if (server.fingerprint && this.trusted.get(url) !== server.fingerprint) {
          const result: ServerCheck = { kind: "untrustedCertificate", url, host, fingerprint: server.fingerprint };
          return result;
        }
        const result: ServerCheck = { kind: "ok", server: this.serverInfo(url, server) };
        return result;
      }
      case "certificate_trust":
        this.trusted.set(args.url as string, args.fingerprint as string);
        return null;
      case "login_flow_start": {
        this.serverAt(args.address as string);
        this.flow = {
          id: this.nextFlowId++,
          profileId: args.profileId as number,
          address: args.address as string,
          storage: args.storage as SecretStorage,
          channel: args.onEvent as Channel<LoginFlowEvent>,
          index: 0,
        };
        return this.flow.id;
      }
      case "login_flow_cancel": {
        if (this.flow && this.flow.id === args.flowId) {
          this.flowSend({ event: "cancelled" });
          this.flow = null;
        }
        return null;
      }
      case "account_add_app_password": {
        const signIn = args.signIn as PasswordSignIn;
        const { server } = this.serverAt(signIn.address);
        const user = server.users?.[signIn.loginName];
        const exchangedLoginPassword = user?.loginPassword !== undefined && user.loginPassword === signIn.appPassword;
        if (!user || (user.appPassword !== signIn.appPassword && !exchangedLoginPassword)) this.fail("auth");
        const account = this.addAccount(signIn.profileId, signIn.address, signIn.loginName, signIn.storage);
        return { account: { ...account }, exchangedLoginPassword };
      }
      case "accounts_list": {
        const time = (s: string | null) => (s ? Date.parse(s) : -Infinity);
        return this.accounts
          .filter((a) => a.profileId === args.profileId)
          .sort((a, b) => time(b.lastUsedAt) - time(a.lastUsedAt) || time(b.createdAt) - time(a.createdAt))
          .map((a) => ({ ...a }));
      }
      case "accounts_to_reconnect":
        return this.accounts.filter((a) => a.profileId === args.profileId && this.lost.has(a.id)).map((a) => a.id);
      case "account_select": {
        const account = this.account(args.accountId);
        account.lastUsedAt = this.now();
        return { ...account };
      }
      case "account_overview": {
        const account = this.account(args.accountId);
        const { server } = this.serverAt(account.serverUrl);
        if (this.lost.has(account.id)) this.fail("session-secret-lost");
        if (server.overviewError) this.fail(server.overviewError);
        const user = server.users?.[account.loginName] ?? {};
        const overview: AccountOverview = {
          account: { ...account },
          theming: server.theming ?? { name: "Nextcloud", color: null, colorText: null, logo: null, slogan: null },
          version: server.version ?? "29.0.0",
          email: user.email ?? null,
          groups: user.groups ?? [],
          isAdmin: user.isAdmin ?? false,
          subAdminGroups: user.subAdminGroups ?? [],
          quota: user.quota ?? null,
        };
        return overview;
      }
      case "account_sign_out": {
        const account = this.account(args.accountId);
        const { server } = this.serverAt(account.serverUrl);
        this.accounts = this.accounts.filter((a) => a.id !== account.id);
        const report: SignOutReport = { revokedOnServer: server.reachable ?? true };
        return report;
      }
      default:
        throw new Error(`fake backend: unknown command ${cmd}`);
    }
  }
}
