// What a step view (task, highlight) gets from the player: the facts of the visit, whether its
// step is still the one on show, and the gate on Next. It owns the Next button and the words
// saying why Next waits; it must not know the step kinds, move between steps or call the
// backend (the player and the step views do).
import type { StepProgress } from "../../bindings/types";
import type { Ctx } from "../../context";
import { h, uid } from "../../dom";
import type { Args } from "../../i18n";

/** The step on show, as its view sees it (made by the player on every step change). */
export interface StepScope {
  readonly ctx: Ctx;
  readonly tourId: string;
  /** The tour's title, localised. */
  readonly tourTitle: string;
  readonly profileId: number;
  readonly accountId: number | null;
  /** The step's position, from 0, and the number of steps. */
  readonly index: number;
  readonly total: number;
  /** The values the tour's words are filled with. */
  readonly args: Args;
  /** The visit's progress by step id (shared with the player's finished screen). */
  readonly progress: Map<string, StepProgress>;
  readonly next: NextGate;
  /** A tour text, localised and filled. */
  text(id: string): string;
  /** Whether this step is still the one on show (false once the player moved or was left). */
  alive(): boolean;
  /** Stops this step's work (its checks) before the player is left by a link. */
  end(): void;
  /** Goes on to the next step (or the end). */
  goNext(): void;
}

/** The Next button: announced as unavailable (still focusable) until the step allows it. */
export class NextGate {
  /** Why Next waits, shown when it is pressed anyway. */
  readonly blocked: HTMLElement;
  readonly button: HTMLButtonElement;

  constructor(label: string, onNext: () => void) {
    const blockedId = uid("tour-blocked");
    this.blocked = h("p", { class: "hint tour-blocked", id: blockedId, "data-testid": "tour-blocked" });
    this.button = h(
      "button",
      {
        type: "button",
        class: "btn btn-primary",
        "data-testid": "tour-next",
        onclick: () => {
          if (this.button.getAttribute("aria-disabled") === "true") {
            this.blocked.hidden = false;
            return;
          }
          onNext();
        },
      },
      label,
    );
  }

  /** Next may be used. */
  allow(): void {
    this.button.removeAttribute("aria-disabled");
    this.button.removeAttribute("aria-describedby");
    this.blocked.textContent = "";
    this.blocked.hidden = true;
  }

  /** Next waits; `why` is said when it is pressed. */
  block(why: string): void {
    this.button.setAttribute("aria-disabled", "true");
    this.button.setAttribute("aria-describedby", this.blocked.id);
    this.blocked.textContent = why;
    this.blocked.hidden = true;
  }
}
