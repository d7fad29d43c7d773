// The space window as one tour player drives it: whether this player opened it, the step on
// show changed or cleared, the overlay's reports handed to the player, and the account's web
// language asked once per visit. The reports come on a channel that each call setting the step
// brings (`space_open`, `space_show_step`: a channel serves one backend call); once the player
// is left, none is handed on. It must not decide what a report does (the player moves, the
// highlight step says what was found) nor build the step the overlay shows.
import type { OverlayStep, SpaceEvent, SpaceLanguage } from "../../bindings/types";
import type { Ctx } from "../../context";

export class SpaceLink {
  /** The space window was opened from this player: steps follow in it. */
  private shown = false;
  /** The player was left (or finished): reports still on their way are dropped. */
  private left = false;
  /** The account's web language was compared with Passerelle's (once per visit). */
  private languageAsked = false;

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
    this.left = false;
    await this.ctx.api.spaceOpen(account, step, this.reports());
    this.shown = true;
  }

  /** Shows `step` (none: the overlay goes away) in the window this player opened. */
  async show(account: number, step: OverlayStep | null): Promise<void> {
    if (this.shown) await this.ctx.api.spaceShowStep(account, step, this.reports());
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
    this.left = true;
    if (this.shown && account !== null) {
      this.shown = false;
      // No step, so the overlay sends nothing: this call's channel only stands in.
      const none = this.ctx.platform.channel<SpaceEvent>(() => undefined);
      this.ctx.api.spaceShowStep(account, null, none).catch(() => undefined);
    }
  }

  /** A new channel for one call that sets the step. */
  private reports() {
    return this.ctx.platform.channel<SpaceEvent>((event) => {
      if (!this.left) this.onReport(event);
    });
  }
}
