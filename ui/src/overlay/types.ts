// The shapes the overlay receives from Passerelle (Rust: `passerelle_core::tours::highlight`).
// Texts arrive already localised: the overlay holds no language of its own.

/** A Nextcloud major-version range, both ends included, absent ends open. */
export interface VersionRange {
  min: number | null;
  max: number | null;
}

/** One selector for the target, for a range of Nextcloud versions. */
export interface OverlayCandidate {
  selector: string;
  nextcloud: VersionRange | null;
}

/** An action that reveals the target first (a menu to open, a row to hover). */
export interface OverlayOpen {
  action: "click" | "hover" | "focus";
  selector: string;
}

export interface OverlayTarget {
  /** How long to wait for the target (and for the `open` element), in ms. */
  waitMs: number | null;
  open: OverlayOpen | null;
  candidates: OverlayCandidate[];
}

/** Button names and the words around them, in the person's language. */
export interface OverlayLabels {
  dialog: string;
  /** "Step 3 of 9", already formatted. */
  progress: string;
  back: string;
  next: string;
  done: string;
  close: string;
  /** Said before the fallback words when the target was not found. */
  notFound: string;
  /** Said when the step waits for a click on the target. */
  clickHint: string;
  /** Said when the step waits for the task to be done in the space. */
  checkHint: string;
  /** The strip on Nextcloud's sign-in pages ("Sign in first"). */
  signIn: string;
  /** The strip on a page of the space that does not hold the step's target. */
  elsewhere: string;
  /** The strip's link to the step's page. */
  goThere: string;
}

/** The step the overlay shows. */
export interface OverlayStep {
  tourId: string;
  stepId: string;
  /** 0-based. */
  index: number;
  total: number;
  text: string;
  fallback: string;
  advance: "next" | "click" | "check";
  target: OverlayTarget;
  /** The page that holds the target (the app takes the window there): no miss is recorded
   * on another page. */
  page?: string | null;
  /** The server's major version, when known; `null` tries every candidate. */
  nextcloudMajor: number | null;
  labels: OverlayLabels;
}

/** What the overlay tells the app. */
export type OverlayEvent =
  | { event: "next" | "back" | "close" | "clicked" | "shown" | "signIn"; tourId: string; stepId: string }
  | { event: "missed"; tourId: string; stepId: string; tried: string[] };
