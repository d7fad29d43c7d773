import { describe, expect, it } from "vitest";
import { MARGIN, placePopover, spotlightBox, visiblePart } from "./position";

const vp = { width: 1280, height: 800 };
const pop = { width: 300, height: 160 };

describe("popover placement", () => {
  it("is centred without a target", () => {
    expect(placePopover(null, pop, vp)).toEqual({ left: 490, top: 320, placement: "center" });
  });

  it("goes below the target, centred on it", () => {
    const p = placePopover({ left: 500, top: 100, width: 100, height: 40 }, pop, vp);
    expect(p.placement).toBe("below");
    expect(p.top).toBe(152);
    expect(p.left).toBe(400);
  });

  it("goes above when there is no room below", () => {
    const p = placePopover({ left: 500, top: 700, width: 100, height: 40 }, pop, vp);
    expect(p.placement).toBe("above");
    expect(p.top + pop.height).toBeLessThanOrEqual(700);
  });

  it("goes to a side of a tall target", () => {
    const p = placePopover({ left: 0, top: 0, width: 300, height: 800 }, pop, vp);
    expect(p.placement).toBe("right");
    expect(p.left).toBe(312);
    const q = placePopover({ left: 980, top: 0, width: 300, height: 800 }, pop, vp);
    expect(q.placement).toBe("left");
  });

  it("stays inside the viewport near its edges", () => {
    const right = placePopover({ left: 1250, top: 10, width: 30, height: 30 }, pop, vp);
    expect(right.left + pop.width).toBeLessThanOrEqual(vp.width - MARGIN);
    const left = placePopover({ left: 0, top: 10, width: 20, height: 30 }, pop, vp);
    expect(left.left).toBe(MARGIN);
  });

  it("overlaps rather than leaving the screen at 200 % zoom (640 × 400 CSS px)", () => {
    const small = { width: 640, height: 400 };
    const p = placePopover({ left: 0, top: 0, width: 640, height: 380 }, { width: 624, height: 300 }, small);
    expect(p.placement).toBe("overlap");
    expect(p.top).toBeGreaterThanOrEqual(MARGIN);
    expect(p.top + 300).toBeLessThanOrEqual(small.height - MARGIN);
    expect(p.left).toBe(MARGIN);
  });

  it("pins a popover taller than the viewport to the top-left margin", () => {
    const p = placePopover(null, { width: 700, height: 900 }, { width: 640, height: 400 });
    expect(p).toMatchObject({ left: MARGIN, top: MARGIN });
  });
});

describe("spotlight", () => {
  it("pads the target and clips to the viewport", () => {
    expect(spotlightBox({ left: 10, top: 10, width: 20, height: 20 }, vp)).toEqual({ left: 4, top: 4, width: 32, height: 32 });
    expect(spotlightBox({ left: 0, top: 0, width: 20, height: 20 }, vp)).toEqual({ left: 0, top: 0, width: 26, height: 26 });
  });

  it("has none for a target scrolled out of view", () => {
    expect(visiblePart({ left: 10, top: -100, width: 20, height: 50 }, vp)).toBeNull();
    expect(spotlightBox({ left: 10, top: 900, width: 20, height: 20 }, vp)).toBeNull();
  });
});
