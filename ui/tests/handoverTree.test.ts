import { describe, expect, it } from "vitest";
import type { BrowseEntry } from "../src/bindings/types";
import {
  checkOf,
  everythingChecked,
  loaded,
  node,
  parentOf,
  selectedPaths,
  setEverything,
  toggle,
  visibleNodes,
  type Tree,
} from "../src/features/handover/selectionTree";

const entry = (path: string, isFolder = true, excluded: string | null = null): BrowseEntry => ({
  name: path.split("/").pop()!,
  path,
  isFolder,
  size: 10,
  shared: false,
  excluded,
});

function tree(): Tree {
  return {
    roots: [node(entry("/Asso")), node(entry("/Photos")), node(entry("/Reçu de Carol", true, "shared-with-member"))],
  };
}

describe("hand-over selection tree", () => {
  it("a checked folder is sent as one path, its unloaded content implied", () => {
    const t = tree();
    toggle(t.roots![0]!);
    expect(selectedPaths(t)).toEqual(["/Asso"]);
    expect(checkOf(t.roots![0]!)).toBe("checked");
  });

  it("children loaded under a checked folder inherit it; unchecking one makes the folder mixed", () => {
    const t = tree();
    const asso = t.roots![0]!;
    toggle(asso);
    loaded(asso, [entry("/Asso/Budget.ods", false), entry("/Asso/CR", true)]);
    expect(asso.children!.every((c) => checkOf(c) === "checked")).toBe(true);
    toggle(asso.children![0]!);
    expect(checkOf(asso)).toBe("mixed");
    expect(selectedPaths(t)).toEqual(["/Asso/CR"]);
    toggle(asso); // mixed → everything below checked
    expect(checkOf(asso)).toBe("checked");
    expect(selectedPaths(t)).toEqual(["/Asso"]);
  });

  it("excluded entries are never selected, even by Everything", () => {
    const t = tree();
    setEverything(t, true);
    expect(selectedPaths(t)).toEqual(["/Asso", "/Photos"]);
    expect(everythingChecked(t)).toBe(true);
    toggle(t.roots![2]!);
    expect(checkOf(t.roots![2]!)).toBe("unchecked");
    setEverything(t, false);
    expect(selectedPaths(t)).toEqual([]);
    expect(everythingChecked(t)).toBe(false);
  });

  it("keyboard order follows expanded folders, with levels and parents", () => {
    const t = tree();
    const asso = t.roots![0]!;
    loaded(asso, [entry("/Asso/CR")]);
    expect(visibleNodes(t).map((v) => v.node.entry.path)).toEqual(["/Asso", "/Photos", "/Reçu de Carol"]);
    asso.expanded = true;
    const visible = visibleNodes(t);
    expect(visible.map((v) => [v.node.entry.path, v.level])).toEqual([
      ["/Asso", 1],
      ["/Asso/CR", 2],
      ["/Photos", 1],
      ["/Reçu de Carol", 1],
    ]);
    expect(parentOf(t, asso.children![0]!)).toBe(asso);
    expect(parentOf(t, asso)).toBeNull();
  });
});
