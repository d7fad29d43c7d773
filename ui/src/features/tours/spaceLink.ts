// The space window as one tour player drives it: whether this player opened it, the overlay's
// reports handed to the player while it is shown, the step on show changed or cleared, and the
// account's web language asked once per visit. It must not decide what a report does (the
// player moves, the highlight step says what was found) nor build the step the overlay shows.
import type { OverlayStep, SpaceEvent, SpaceLanguage } from "../../bindings/types";
import type { Ctx } from "../../context";
import type { UnlistenFn } from "../../platform";

/** The event carrying the overlay's reports (Rust: `space::REPORT_EVENT`). */
export const SPACE_EVENT = "space-overlay";

export class SpaceLink {
  /** The space window was opened from this player: steps follow in it. */
  private shown = false;
  /** The account's web language was compared with Passerelle's (once per visit). */
  private languageAsked = false;
  private unlisten: Promise<UnlistenFn> | null = null;

  constructor(
    private readonly ctx: Ctx,
    private readonly onReport: (event: SpaceEvent) => void,
  ) {}

  /** Whether steps follow in the space window. */
  get isOpen(): boolean {
    return this.shown;
  }

  /** Opens (or brings forward) `account`'s space window with `step` on show. */
  async open(account: number, step: OverlayStep | null): Promise<void> {
    this.listen();
    await this.ctx.api.spaceOpen(account, step);
    this.shown = true;
  }

  /** Shows `step` (none: the overlay goes away) in the window this player opened. */
  async show(account: number, step: OverlayStep | null): Promise<void> {
    if (this.shown) await this.ctx.api.spaceShowStep(account, step);
  }

  /** The person closed the overlay: steps no longer follow. */
  closed(): void {
    this.shown = false;
  }

  /** Signs out of the web space (its window closes). */
  forget(account: number): Promise<void> {
    this.shown = false;
    return this.ctx.api.spaceForget(account);
  }

  /** The account's web language, the first time it is asked in this visit; else null. */
  async languageOnce(account: number): Promise<SpaceLanguage | null> {
    if (this.languageAsked) return null;
    this.languageAsked = true;
    return this.ctx.api.spaceLanguage(account).catch(() => null);
  }

  /** The player is left: no more reports, and the overlay goes away. */
  stop(account: number | null): void {
    const u = this.unlisten;
    this.unlisten = null;
    void u?.then((f) => f()).catch(() => undefined);
    if (this.shown && account !== null) {
      this.shown = false;
      this.ctx.api.spaceShowStep(account, null).catch(() => undefined);
    }
  }

  private listen(): void {
    if (this.unlisten) return;
    this.unlisten = this.ctx.platform.listen<SpaceEvent>(SPACE_EVENT, (event) => this.onReport(event));
    this.unlisten.catch(() => (this.unlisten = null));
  }
}
