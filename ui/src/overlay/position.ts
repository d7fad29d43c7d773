// Where the spotlight and the popover go: pure functions of rectangles, so the rules (sides
// tried in order, viewport edges, tiny viewports at 200 % zoom) are tested without a layout.

import type { Box } from "./lookup";

export interface Size {
  width: number;
  height: number;
}

export type Placement = "below" | "above" | "right" | "left" | "overlap" | "center";

export interface Placed {
  top: number;
  left: number;
  placement: Placement;
}

/** Space kept between the popover and the viewport's edges, and around the target. */
export const MARGIN = 8;
export const GAP = 12;
export const SPOT_PADDING = 6;

const clamp = (v: number, lo: number, hi: number) => Math.max(lo, Math.min(v, Math.max(lo, hi)));

/** The part of `box` inside the viewport, or null when none of it is. */
export function visiblePart(box: Box, viewport: Size): Box | null {
  const left = Math.max(0, box.left);
  const top = Math.max(0, box.top);
  const right = Math.min(viewport.width, box.left + box.width);
  const bottom = Math.min(viewport.height, box.top + box.height);
  if (right <= left || bottom <= top) return null;
  return { left, top, width: right - left, height: bottom - top };
}

/** The spotlight: the target grown by a padding, kept inside the viewport. */
export function spotlightBox(target: Box, viewport: Size, padding = SPOT_PADDING): Box | null {
  const grown = {
    left: target.left - padding,
    top: target.top - padding,
    width: target.width + 2 * padding,
    height: target.height + 2 * padding,
  };
  return visiblePart(grown, viewport);
}

/**
 * The popover's position: centred without a target; else below, above, right or left of it,
 * the first side where it fits whole; else overlapping the viewport's bottom edge. Always
 * inside the viewport by `MARGIN` when it is small enough to be.
 */
export function placePopover(target: Box | null, pop: Size, viewport: Size): Placed {
  const maxLeft = viewport.width - pop.width - MARGIN;
  const maxTop = viewport.height - pop.height - MARGIN;
  if (!target) {
    return {
      left: clamp((viewport.width - pop.width) / 2, MARGIN, maxLeft),
      top: clamp((viewport.height - pop.height) / 2, MARGIN, maxTop),
      placement: "center",
    };
  }
  const centreX = clamp(target.left + target.width / 2 - pop.width / 2, MARGIN, maxLeft);
  const centreY = clamp(target.top + target.height / 2 - pop.height / 2, MARGIN, maxTop);
  const below = target.top + target.height + GAP;
  if (below + pop.height <= viewport.height - MARGIN) {
    return { top: below, left: centreX, placement: "below" };
  }
  const above = target.top - GAP - pop.height;
  if (above >= MARGIN) return { top: above, left: centreX, placement: "above" };
  const right = target.left + target.width + GAP;
  if (right + pop.width <= viewport.width - MARGIN) {
    return { top: centreY, left: right, placement: "right" };
  }
  const left = target.left - GAP - pop.width;
  if (left >= MARGIN) return { top: centreY, left, placement: "left" };
  return { top: clamp(maxTop, MARGIN, maxTop), left: clamp(MARGIN, MARGIN, maxLeft), placement: "overlap" };
}
