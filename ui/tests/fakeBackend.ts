// An in-memory backend behind Tauri's mockIPC: the real bindings
// (src/bindings/commands.ts) call `invoke`, which lands here.
import { clearMocks, mockIPC } from "@tauri-apps/api/mocks";
import type {
  AboutInfo,
  AppBootstrap,
  IpcError,
  Language,
  Profile,
  Settings,
  SettingsPatch,
  StoreNotice,
} from "../src/bindings/types";

export interface FakeOptions {
  profiles?: string[];
  settings?: Partial<Settings>;
  systemLanguage?: Language;
  storeNotice?: StoreNotice | null;
  /** Profile name → lastUsedAt. */
  lastUsed?: Record<string, string>;
}

export class FakeBackend {
  settings: Settings;
  profiles: Profile[] = [];
  systemLanguage: Language;
  storeNotice: StoreNotice | null;
  calls: Array<{ cmd: string; args: unknown }> = [];
  private nextId = 1;
  private clock = Date.parse("2025-01-01T10:00:00Z");

  constructor(opts: FakeOptions = {}) {
    this.settings = { language: null, theme: "system", textSize: "normal", ...opts.settings };
    this.systemLanguage = opts.systemLanguage ?? "fr";
    this.storeNotice = opts.storeNotice ?? null;
    for (const name of opts.profiles ?? []) {
      this.create(name).lastUsedAt = opts.lastUsed?.[name] ?? null;
    }
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

  handle(cmd: string, args: Record<string, unknown>): unknown {
    this.calls.push({ cmd, args });
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
      default:
        throw new Error(`fake backend: unknown command ${cmd}`);
    }
  }
}
