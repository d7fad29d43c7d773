// The app shell: holds the state, renders Welcome or the main layout, routes
// between screens and manages focus and announcements.
import * as commands from "./bindings/commands";
import type { Account, AccountOverview, AppBootstrap, Profile, Settings, SettingsPatch, TextSize } from "./bindings/types";
import { accountName, freshMemory, hostOf, needsReconnect, type Actions, type Api, type AppState, type Ctx, type Screen } from "./context";
import { h, replaceChildren } from "./dom";
import { errorText } from "./errors";
import { createI18n, guessLanguage, type I18n } from "./i18n";
import { tauriPlatform, type Platform } from "./platform";
import {
  createRouter,
  DEFAULT_ROUTE,
  navRouteOf,
  routeHref,
  ROUTES,
  tourIdOf,
  type NavRoute,
  type Route,
  type Router,
} from "./router";
import * as about from "./features/about";
import * as accounts from "./features/accounts";
import * as connect from "./features/connect";
import * as handover from "./features/handover";
import * as settingsScreen from "./features/settings";
import * as tourHealth from "./features/tours/health";
import * as tourPlayer from "./features/tours/player";
import * as tours from "./features/tours/list";
import * as welcome from "./features/welcome";
import * as workshop from "./features/workshop";
import * as workshopProjector from "./features/workshop/projector";
import { PALETTES, type ThemeName } from "./theme/palette";
import { safeLogo, spaceColors } from "./theme/spaceTheme";
import { quietCheckAtStart } from "./components/updates";
import { reconnectBlock, targetOf } from "./components/reconnect";

const SCREENS: Record<Exclude<Route, `tours/${string}`>, Screen> = {
  accounts: accounts.render,
  "accounts/connect": connect.render,
  "tour-health": tourHealth.render,
  tours: tours.render,
  handover: handover.render,
  workshop: workshop.render,
  "workshop-projector": workshopProjector.render,
  settings: settingsScreen.render,
  about: about.render,
};

/** The screen of `route`; `tours/<id>` is the tour player. */
function screenOf(route: Route): Screen {
  const tourId = tourIdOf(route);
  if (tourId) return (ctx) => tourPlayer.render(ctx, tourId);
  return SCREENS[route as keyof typeof SCREENS];
}

type Focus = "heading" | "restore" | "none";

/** The text sizes of Settings, smallest first. */
const TEXT_SIZES: readonly TextSize[] = ["normal", "large", "larger"];

export type TextSizeStep = "bigger" | "smaller" | "reset";

/**
 * The desktop's text-size shortcuts: Ctrl (Cmd on a Mac) with + or = (bigger),
 * - (smaller) or 0 (back to normal), on the main keys or the numeric keypad.
 */
export function textSizeShortcut(event: KeyboardEvent): TextSizeStep | null {
  if (!(event.ctrlKey || event.metaKey) || event.altKey) return null;
  const { key, code } = event;
  if (key === "+" || key === "=" || code === "NumpadAdd") return "bigger";
  if (key === "-" || code === "NumpadSubtract") return "smaller";
  // Digit0 too: on a French keyboard that key gives "à" without Shift.
  if (key === "0" || code === "Digit0" || code === "Numpad0") return "reset";
  return null;
}

/** The text size one step from `size` (it stays within the sizes Settings offers). */
export function stepTextSize(size: TextSize, step: TextSizeStep): TextSize {
  if (step === "reset") return "normal";
  const at = Math.max(0, TEXT_SIZES.indexOf(size));
  const to = Math.min(TEXT_SIZES.length - 1, Math.max(0, at + (step === "bigger" ? 1 : -1)));
  return TEXT_SIZES[to]!;
}

/** The CSS variables set from the current account's space. */
const SPACE_VARIABLES = ["--primary", "--on-primary"] as const;

/** Most recently used first, then newest. */
export function sortProfiles(profiles: Profile[]): Profile[] {
  const time = (s: string | null) => (s ? Date.parse(s) || 0 : -Infinity);
  return [...profiles].sort(
    (a, b) =>
      time(b.lastUsedAt) - time(a.lastUsedAt) ||
      time(b.createdAt) - time(a.createdAt) ||
      b.id - a.id,
  );
}

export class App {
  readonly i18n: I18n;
  readonly router: Router;
  private state: AppState | null = null;
  private ctx: Ctx | null = null;
  private shownRoute: Route | null = null;

  /** Everything but the live region, re-rendered on language change. */
  private readonly view: HTMLElement;
  /** Polite live region, kept across renders so announcements are not lost. */
  private readonly announcer: HTMLElement;
  private errorRegion: HTMLElement | null = null;
  private screenSlot: HTMLElement | null = null;
  private navLinks = new Map<NavRoute, HTMLAnchorElement>();
  /** Where the notice about accounts to reconnect goes (filled before the first screen). */
  private reconnectSlot: HTMLElement | null = null;
  private reconnectDismissed = false;
  /** The profile's accounts known (this session, from their overview) to administer the space. */
  private admins = new Set<number>();
  /** This computer has hand-overs on record (to resume or read): the entry stays for them. */
  private hasHandovers = false;
  /** Header parts showing the current account and its space. */
  private headerSpace: HTMLElement | null = null;
  private headerAccount: HTMLElement | null = null;
  /** The current account's overview, asked once per selection. */
  private overview: {
    accountId: number;
    promise: Promise<AccountOverview>;
    value: AccountOverview | null;
  } | null = null;
  private readonly darkQuery: MediaQueryList | null =
    typeof window.matchMedia === "function" ? window.matchMedia("(prefers-color-scheme: dark)") : null;
  private readonly onSystemTheme = () => this.applyTheming();
  private readonly onKeyDown = (event: KeyboardEvent) => this.textSizeKey(event);
  /** Text size changes from the keyboard, saved one after the other; the last one wins. */
  private textSizeSaving: Promise<unknown> = Promise.resolve();
  private textSizeRequest = 0;

  constructor(
    private readonly root: HTMLElement,
    private readonly api: Api = commands,
    private readonly platform: Platform = tauriPlatform,
  ) {
    this.i18n = createI18n(guessLanguage());
    this.router = createRouter((route, fromHistory) => this.onRoute(route, fromHistory));
    this.view = h("div", { class: "app-view" });
    this.announcer = h("div", {
      class: "visually-hidden",
      "aria-live": "polite",
      "aria-atomic": "true",
      "data-testid": "announcer",
    });
    replaceChildren(root, this.view, this.announcer);
  }

  async start(early?: Promise<AppBootstrap>): Promise<void> {
    let bootstrap;
    try {
      bootstrap = await (early ?? this.api.appBootstrap());
      performance.mark("passerelle-bootstrap");
    } catch (error) {
      this.renderFatal(error);
      return;
    }
    this.state = {
      bootstrap,
      settings: bootstrap.settings,
      profiles: sortProfiles(bootstrap.profiles),
      profile: null,
      noticeDismissed: false,
      accounts: [],
      accountId: null,
      justConnected: null,
      reconnect: [],
    };
    this.ctx = {
      api: this.api,
      i18n: this.i18n,
      router: this.router,
      state: this.state,
      actions: this.actions(),
      platform: this.platform,
      root: this.root,
      memory: freshMemory(),
    };
    this.i18n.setLanguage(bootstrap.effectiveLanguage);
    this.applySettings(bootstrap.settings);
    this.darkQuery?.addEventListener?.("change", this.onSystemTheme);
    document.addEventListener("keydown", this.onKeyDown);
    this.router.start();
    // The first screen is drawn with its fonts ready, so text does not reflow under the
    // pointer once they load.
    await document.fonts?.ready;
    this.render("none");
    performance.mark("passerelle-first-screen");
    void quietCheckAtStart(
      {
        api: this.api,
        i18n: this.i18n,
        announce: (text) => this.ctx?.actions.announce(text),
        memory: this.ctx.memory,
        platform: this.platform,
      },
      this.root,
      () => this.router.navigate("settings"),
    ).finally(() => {
      // Everything the start adds late is there (or not coming): for tests that check that
      // nothing moved meanwhile.
      document.documentElement.dataset.settled = "";
    });
  }

  stop(): void {
    this.router.stop();
    this.darkQuery?.removeEventListener?.("change", this.onSystemTheme);
    document.removeEventListener("keydown", this.onKeyDown);
  }

  /** Ctrl+plus, Ctrl+minus, Ctrl+0: the Settings text size, changed and kept. */
  private textSizeKey(event: KeyboardEvent): void {
    const state = this.state;
    const step = state ? textSizeShortcut(event) : null;
    if (!state || !step || event.defaultPrevented) return;
    event.preventDefault();
    // From the size shown, which runs ahead of the saved one while keys are pressed quickly.
    const shown = document.documentElement.dataset.textSize as TextSize | undefined;
    const from = shown && TEXT_SIZES.includes(shown) ? shown : state.settings.textSize;
    const size = stepTextSize(from, step);
    const { t } = this.i18n;
    const name = { normal: t("settings-text-size-normal"), large: t("settings-text-size-large"), larger: t("settings-text-size-larger") }[size];
    const announce = () => this.announce(t("announce-text-size", { size: name }));
    if (size === from) {
      announce();
      return;
    }
    // Shown at once; kept by the backend like a choice made in Settings, one save after the
    // other so that the last key pressed is the one kept.
    document.documentElement.dataset.textSize = size;
    const request = ++this.textSizeRequest;
    this.textSizeSaving = this.textSizeSaving
      .then(() => this.api.settingsUpdate({ textSize: size }))
      .then(
        (settings) => {
          state.settings = settings;
          if (request !== this.textSizeRequest) return;
          this.applySettings(settings);
          // Settings may be on screen: its choice follows.
          for (const input of document.querySelectorAll<HTMLInputElement>('input[name="settings-text-size"]')) {
            input.checked = input.value === settings.textSize;
          }
          announce();
        },
        (error: unknown) => {
          if (request !== this.textSizeRequest) return;
          this.applySettings(state.settings);
          this.ctx?.actions.showError(error);
        },
      );
  }

  // ---- rendering -------------------------------------------------------

  private render(focus: Focus, route: Route | null = this.shownRoute): void {
    const state = this.state!;
    const activeId = document.activeElement?.id;
    document.documentElement.lang = this.i18n.language;
    document.title = this.i18n.t("app-name");
    this.navLinks.clear();
    this.shownRoute = null;

    if (!state.profile) {
      const main = this.mainRegion();
      main.append(welcome.render(this.ctx!));
      replaceChildren(this.view, main);
      this.screenSlot = null;
    } else {
      replaceChildren(this.view, ...this.layout(state.profile));
      if (route) this.showScreen(route, false);
    }

    if (focus === "restore" && activeId && document.getElementById(activeId)) {
      document.getElementById(activeId)!.focus();
    } else if (focus !== "none") {
      this.focusHeading();
    }
  }

  private mainRegion(): HTMLElement {
    const { t } = this.i18n;
    const state = this.state!;
    this.errorRegion = h("div", { class: "alert", role: "alert", "data-testid": "app-error" });
    const main = h("main", { id: "main-content", tabindex: -1 });
    const notice = state.bootstrap.storeNotice;
    if (notice && !state.noticeDismissed) {
      const titleId = "store-notice-title";
      main.append(
        h(
          "section",
          { class: "notice", "aria-labelledby": titleId, "data-testid": "store-notice" },
          h("h2", { id: titleId }, t("store-notice-title")),
          h(
            "p",
            null,
            // The backend's own text for this case (`notice-<code>` in
            // errors.ftl) when there is one, else the general one.
            this.i18n.dynamic(`notice-${notice.code}`, { path: notice.movedTo }) ??
              t("store-moved-aside", { path: notice.movedTo }),
          ),
          h(
            "button",
            {
              type: "button",
              class: "btn",
              "data-testid": "store-notice-dismiss",
              onclick: () => this.ctx!.actions.dismissNotice(),
            },
            t("store-notice-dismiss"),
          ),
        ),
      );
    }
    this.reconnectSlot = h("div", { class: "notice-slot" });
    main.append(this.reconnectSlot, this.errorRegion);
    this.renderReconnectNotice();
    return main;
  }

  /**
   * The calm notice about accounts whose access was kept until Passerelle closed: which ones,
   * and a way to reconnect each right here. Shown from the profile's start (before its first
   * screen, so nothing moves), until the accounts are reconnected or the person says "later".
   */
  private renderReconnectNotice(): void {
    const slot = this.reconnectSlot;
    const state = this.state;
    if (!slot || !state?.profile) {
      if (slot) replaceChildren(slot);
      return;
    }
    const { t } = this.i18n;
    const lost = state.accounts.filter((a) => state.reconnect.includes(a.id));
    if (lost.length === 0 || this.reconnectDismissed) {
      replaceChildren(slot);
      return;
    }
    const titleId = "reconnect-notice-title";
    replaceChildren(
      slot,
      h(
        "section",
        { class: "notice reconnect-notice", "aria-labelledby": titleId, "data-testid": "reconnect-notice" },
        h("h2", { id: titleId }, t("reconnect-notice-title", { count: lost.length })),
        h("p", null, t("reconnect-notice-body", { count: lost.length })),
        h(
          "ul",
          { class: "plain-list stack-sm", role: "list" },
          lost.map((account) =>
            h(
              "li",
              { class: "reconnect-item", "data-testid": "reconnect-notice-account", "data-account-id": account.id },
              h("p", null, h("strong", null, accountName(account)), " — ", t("account-server", { server: hostOf(account.serverUrl) })),
              reconnectBlock(this.ctx!, targetOf(account), {
                // "Me": the account in use is the person's own; another one is named.
                label: account.id === state.accountId ? t("reconnect-me") : t("reconnect-account", { name: accountName(account) }),
                testid: "reconnect-notice-reconnect",
                primary: true,
              }),
            ),
          ),
        ),
        h(
          "div",
          { class: "actions actions-start" },
          h(
            "button",
            {
              type: "button",
              class: "btn",
              "data-testid": "reconnect-notice-later",
              onclick: () => {
                this.reconnectDismissed = true;
                this.renderReconnectNotice();
                this.focusHeading();
              },
            },
            t("reconnect-later"),
          ),
        ),
      ),
    );
  }

  /** Menu entries that fit the current account and settings; the others are hidden. */
  private updateNav(): void {
    const state = this.state;
    if (!state) return;
    const shown: Partial<Record<NavRoute, boolean>> = {
      // Admins and group admins (known from the server) hand members' data over; the entry
      // stays while such an account is in the profile (connecting the departing member's
      // account on the way does not hide it).
      handover: this.hasHandovers || state.accounts.some((a) => this.admins.has(a.id)),
      workshop: state.settings.trainerMode,
    };
    for (const [route, link] of this.navLinks) {
      const item = link.parentElement;
      if (item) item.hidden = shown[route] === false && link.getAttribute("aria-current") === null;
    }
  }

  private layout(profile: Profile): HTMLElement[] {
    const { t } = this.i18n;
    const skip = h(
      "a",
      {
        class: "skip-link",
        href: "#main-content",
        onclick: (event: Event) => {
          event.preventDefault();
          this.focusHeading();
        },
      },
      t("skip-to-content"),
    );

    this.headerSpace = h("p", { class: "current-space" });
    this.headerAccount = h("div", { class: "current-account" });
    const header = h(
      "header",
      { class: "app-header" },
      h("p", { class: "app-name" }, t("app-name")),
      this.headerSpace,
      h(
        "div",
        { class: "current-profile" },
        h("span", { class: "muted" }, t("header-profile-label")),
        " ",
        h("strong", { "data-testid": "current-profile" }, profile.name),
      ),
      this.headerAccount,
      h(
        "button",
        {
          type: "button",
          class: "btn",
          "data-testid": "change-profile",
          onclick: () => this.ctx!.actions.leaveProfile(),
        },
        t("header-change-profile"),
      ),
    );

    this.renderHeaderAccount();

    const labels: Record<NavRoute, string> = {
      accounts: t("nav-accounts"),
      tours: t("nav-tours"),
      handover: t("nav-handover"),
      workshop: t("nav-workshop"),
      settings: t("nav-settings"),
      about: t("nav-about"),
    };
    const nav = h(
      "nav",
      { class: "app-nav", "aria-label": t("nav-label") },
      h(
        "ul",
        { role: "list" },
        ROUTES.map((route) => {
          const link = h(
            "a",
            {
              href: routeHref(route),
              "data-testid": `nav-${route}`,
              onclick: (event: Event) => {
                const e = event as MouseEvent;
                if (e.button > 0 || e.ctrlKey || e.metaKey || e.shiftKey || e.altKey) return;
                event.preventDefault();
                this.router.navigate(route);
              },
            },
            labels[route],
          );
          this.navLinks.set(route, link);
          return h("li", null, link);
        }),
      ),
    );

    const main = this.mainRegion();
    this.screenSlot = h("div", { class: "screen-slot" });
    main.append(this.screenSlot);
    this.updateNav();
    return [skip, header, nav, main];
  }

  private showScreen(route: Route, moveFocus: boolean): void {
    if (!this.screenSlot || !this.ctx) return;
    this.shownRoute = route;
    if (this.errorRegion) this.errorRegion.textContent = "";
    const el = screenOf(route)(this.ctx);
    replaceChildren(this.screenSlot, el);
    const navRoute = navRouteOf(route);
    for (const [r, link] of this.navLinks) {
      // A sub-screen (Connect an account) is "in" its menu entry, not the page itself.
      if (r === navRoute) link.setAttribute("aria-current", r === route ? "page" : "true");
      else link.removeAttribute("aria-current");
    }
    this.updateNav();
    // A screen that offers to reconnect its account itself: the app's notice steps aside.
    const here = "[data-reconnect-here]";
    if (this.reconnectSlot) this.reconnectSlot.hidden = el.matches(here) || el.querySelector(here) !== null;
    const title = el.querySelector("h1")?.textContent ?? "";
    document.title = this.i18n.t("window-title", { screen: title });
    if (moveFocus) {
      // A new screen starts at its top, whatever the last one was scrolled to.
      window.scrollTo?.(0, 0);
      this.focusHeading();
      this.announce(this.i18n.t("announce-screen", { screen: title }));
    }
  }

  private onRoute(route: Route, fromHistory: boolean): void {
    if (!this.state?.profile) return;
    if (route === this.shownRoute) {
      if (!fromHistory) this.focusHeading();
      return;
    }
    this.showScreen(route, true);
  }

  /** Focus at the start of a screen: its `data-initial-focus` field if any, else its h1. */
  private focusHeading(): void {
    const target =
      this.view.querySelector<HTMLElement>("main [data-initial-focus]") ?? this.view.querySelector<HTMLElement>("main h1");
    target?.focus();
  }

  private announce(text: string): void {
    this.announcer.textContent = text;
  }

  private renderFatal(error: unknown): void {
    const { t } = this.i18n;
    document.documentElement.lang = this.i18n.language;
    document.title = t("app-name");
    replaceChildren(
      this.view,
      h(
        "main",
        { id: "main-content", tabindex: -1 },
        h(
          "section",
          { class: "screen", "data-testid": "fatal-screen" },
          h("h1", { tabindex: -1 }, t("fatal-title")),
          h("p", { class: "alert", role: "alert" }, errorText(this.i18n, error)),
          h(
            "button",
            { type: "button", class: "btn btn-primary", onclick: () => void this.start() },
            t("fatal-retry"),
          ),
        ),
      ),
    );
  }

  // ---- state changes ---------------------------------------------------

  private applySettings(settings: Settings): void {
    const html = document.documentElement;
    html.dataset.theme = settings.theme;
    html.dataset.textSize = settings.textSize;
    this.applyTheming();
  }

  /** The theme actually shown: the setting, or the system's. */
  private shownTheme(): ThemeName {
    const theme = this.state?.settings.theme ?? "system";
    if (theme !== "system") return theme;
    return this.darkQuery?.matches ? "dark" : "light";
  }

  private currentAccount(): Account | null {
    const state = this.state;
    return state?.accounts.find((a) => a.id === state.accountId) ?? null;
  }

  /** The loaded overview of the current account, if any. */
  private currentOverviewValue(): AccountOverview | null {
    const id = this.state?.accountId;
    return this.overview && this.overview.accountId === id ? this.overview.value : null;
  }

  /**
   * The current account's space colour as `--primary`, made readable on the
   * shown theme's backgrounds; Passerelle's own colours otherwise.
   */
  private applyTheming(): void {
    const style = document.documentElement.style;
    const theming = this.state?.profile ? this.currentOverviewValue()?.theming : null;
    const colors = spaceColors(theming, PALETTES[this.shownTheme()]);
    if (colors) {
      style.setProperty("--primary", colors.primary);
      style.setProperty("--on-primary", colors.onPrimary);
    } else {
      for (const name of SPACE_VARIABLES) style.removeProperty(name);
    }
  }

  /** The header's current account and its space (name and logo). */
  private renderHeaderAccount(): void {
    const { t } = this.i18n;
    const account = this.currentAccount();
    const overview = this.currentOverviewValue();
    if (this.headerSpace) {
      const theming = overview?.theming;
      const logo = safeLogo(theming?.logo);
      replaceChildren(
        this.headerSpace,
        theming
          ? [
              logo ? h("img", { class: "space-logo", src: logo, alt: "", "data-testid": "space-logo" }) : null,
              h("span", { class: "visually-hidden" }, t("header-space-label"), " "),
              h("span", { class: "space-name", "data-testid": "space-name" }, theming.name),
            ]
          : null,
      );
      this.headerSpace.hidden = !theming;
    }
    if (this.headerAccount) {
      replaceChildren(
        this.headerAccount,
        account
          ? [
              h("span", { class: "muted" }, t("header-account-label")),
              " ",
              h("strong", { "data-testid": "current-account" }, accountName(account)),
              needsReconnect(this.state!, account)
                ? [" ", h("span", { class: "badge badge-session", "data-testid": "current-account-reconnect" }, t("header-account-reconnect"))]
                : null,
            ]
          : null,
      );
      this.headerAccount.hidden = !account;
    }
  }

  /** Makes `account` current (or none): header, theming, overview. */
  private setCurrentAccount(account: Account | null): void {
    const state = this.state!;
    if (account) {
      // Updated in place: the list does not move under the person's eyes.
      const known = state.accounts.some((a) => a.id === account.id);
      state.accounts = known
        ? state.accounts.map((a) => (a.id === account.id ? account : a))
        : [account, ...state.accounts];
    }
    state.accountId = account?.id ?? null;
    this.overview = null;
    // An account whose access is gone cannot be asked anything: the notice says so instead.
    if (account && !needsReconnect(state, account)) {
      const entry = {
        accountId: account.id,
        promise: this.api.accountOverview(account.id),
        value: null as AccountOverview | null,
      };
      this.overview = entry;
      entry.promise.then(
        (value) => {
          entry.value = value;
          if (value.isAdmin || value.subAdminGroups.length > 0) this.admins.add(account.id);
          else this.admins.delete(account.id);
          if (this.overview === entry) {
            this.renderHeaderAccount();
            this.applyTheming();
            this.updateNav();
          }
        },
        // The Accounts screen shows the error; the app keeps its own colours.
        () => undefined,
      );
    }
    this.renderHeaderAccount();
    this.applyTheming();
    this.updateNav();
  }

  /**
   * Reads the profile's accounts; the last selected (first) becomes current.
   * Returns the error, if any, for the caller to show.
   */
  private async loadAccounts(profile: Profile): Promise<unknown> {
    const state = this.state!;
    let failure: unknown = null;
    // Local only (no server asked): hand-overs started here before, to resume or read.
    const handovers = this.api.handoverJobs().then(
      (jobs) => jobs.length > 0,
      () => false,
    );
    try {
      state.accounts = await this.api.accountsList(profile.id);
      state.reconnect = state.accounts.length > 0 ? await this.api.accountsToReconnect(profile.id) : [];
    } catch (error) {
      state.accounts = [];
      state.reconnect = [];
      failure = error;
    }
    this.reconnectDismissed = false;
    this.hasHandovers = await handovers;
    this.setCurrentAccount(state.accounts[0] ?? null);
    this.renderReconnectNotice();
    return failure;
  }

  private clearAccounts(): void {
    const state = this.state!;
    state.accounts = [];
    state.accountId = null;
    state.justConnected = null;
    state.reconnect = [];
    this.admins.clear();
    this.hasHandovers = false;
    this.overview = null;
    this.applyTheming();
  }

  private actions(): Actions {
    return {
      updateSettings: async (patch: SettingsPatch) => {
        const state = this.state!;
        const settings = await this.api.settingsUpdate(patch);
        state.settings = settings;
        this.applySettings(settings);
        this.updateNav();
        const language = settings.language ?? state.bootstrap.systemLanguage;
        if (language !== this.i18n.language) {
          this.i18n.setLanguage(language);
          this.render("restore");
        }
      },
      selectProfile: async (profile: Profile) => {
        await this.enter(await this.api.profileSelect(profile.id));
      },
      createProfile: async (name: string) => {
        const created = await this.api.profileCreate(name);
        this.state!.profiles = sortProfiles([...this.state!.profiles, created]);
        await this.enter(await this.api.profileSelect(created.id));
      },
      leaveProfile: () => {
        this.state!.profile = null;
        this.clearAccounts();
        this.render("heading");
        this.announce(this.i18n.t("announce-screen", { screen: this.i18n.t("welcome-title") }));
      },
      deleteCurrentProfile: async () => {
        const state = this.state!;
        const profile = state.profile;
        if (!profile) return;
        await this.api.profileDelete(profile.id);
        state.profiles = state.profiles.filter((p) => p.id !== profile.id);
        state.profile = null;
        this.clearAccounts();
        this.render("heading");
        this.announce(this.i18n.t("announce-profile-deleted", { name: profile.name }));
      },
      dismissNotice: () => {
        this.state!.noticeDismissed = true;
        this.view.querySelector('[data-testid="store-notice"]')?.remove();
        this.focusHeading();
      },
      showError: (error: unknown) => {
        if (this.errorRegion) this.errorRegion.textContent = errorText(this.i18n, error);
      },
      announce: (text: string) => this.announce(text),
      selectAccount: async (account: Account) => {
        this.setCurrentAccount(await this.api.accountSelect(account.id));
      },
      accountConnected: async (account: Account, show: boolean, details = {}) => {
        const state = this.state!;
        const { t } = this.i18n;
        const current = this.currentAccount();
        // Never switched without asking: only a profile's first account, or the one in use
        // reconnected, is current at once.
        const askToUse = current !== null && current.id !== account.id;
        const connected = askToUse ? account : await this.api.accountSelect(account.id);
        try {
          if (state.profile) state.accounts = await this.api.accountsList(state.profile.id);
        } catch {
          // The list is refreshed next time; the new account is added below.
        }
        // Connected again from the Connect screen: its access works again.
        state.reconnect = state.reconnect.filter((id) => id !== connected.id);
        if (askToUse) {
          if (!state.accounts.some((a) => a.id === account.id)) state.accounts = [...state.accounts, account];
        } else {
          this.setCurrentAccount(connected);
        }
        this.renderReconnectNotice();
        const name = accountName(connected);
        const exchangedLoginPassword = details.exchangedLoginPassword ?? false;
        const texts = askToUse
          ? [t("account-added", { name }), t("account-added-question", { name, current: current ? accountName(current) : "" })]
          : [t("account-connected", { name })];
        if (exchangedLoginPassword) texts.push(t("app-password-exchanged"));
        if (show) {
          state.justConnected = { account: connected, exchangedLoginPassword, askToUse };
          this.router.navigate("accounts");
        }
        this.announce(texts.join(" "));
      },
      accountReconnected: async (account: Account) => {
        const state = this.state!;
        const known = state.accounts.some((a) => a.id === account.id);
        state.accounts = known ? state.accounts.map((a) => (a.id === account.id ? account : a)) : [...state.accounts, account];
        state.reconnect = state.reconnect.filter((id) => id !== account.id);
        if (state.accountId === account.id) this.setCurrentAccount(account);
        else this.renderHeaderAccount();
        this.renderReconnectNotice();
        this.announce(this.i18n.t("reconnect-done", { name: accountName(account) }));
      },
      signOut: async (account: Account) => {
        const state = this.state!;
        const report = await this.api.accountSignOut(account.id);
        state.accounts = state.accounts.filter((a) => a.id !== account.id);
        try {
          if (state.profile) state.accounts = await this.api.accountsList(state.profile.id);
        } catch {
          // Keep the local list.
        }
        if (state.accountId === account.id || !state.accounts.some((a) => a.id === state.accountId)) {
          this.setCurrentAccount(state.accounts[0] ?? null);
        }
        return report;
      },
      currentOverview: () => {
        const id = this.state?.accountId;
        return this.overview && this.overview.accountId === id ? this.overview.promise : null;
      },
      takeJustConnected: () => {
        const state = this.state!;
        const name = state.justConnected;
        state.justConnected = null;
        return name;
      },
    };
  }

  private async enter(profile: Profile): Promise<void> {
    const state = this.state!;
    state.profile = profile;
    state.profiles = sortProfiles(state.profiles.map((p) => (p.id === profile.id ? profile : p)));
    this.clearAccounts();
    this.render("none", null);
    const failure = await this.loadAccounts(profile);
    // Unless a screen was asked for meanwhile (a link, the address), the first one.
    if (this.shownRoute === null) this.router.navigate(DEFAULT_ROUTE);
    if (failure) this.ctx!.actions.showError(failure);
    // Said after the screen's own announcement, which would replace it.
    if (state.reconnect.length > 0) {
      this.announce(this.i18n.t("reconnect-notice-title", { count: state.reconnect.length }));
    }
  }
}

/** Creates the app in `root` and starts it. */
/** Starts the app in `root`; `bootstrap` is the answer of `appBootstrap` when it was asked
 * already (main.ts asks before this module is loaded). */
export async function startApp(
  root: HTMLElement,
  api: Api = commands,
  platform: Platform = tauriPlatform,
  bootstrap?: Promise<AppBootstrap>,
): Promise<App> {
  const app = new App(root, api, platform);
  await app.start(bootstrap);
  return app;
}
