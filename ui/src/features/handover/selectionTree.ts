// The selection tree of the hand-over screen: the departing member's files, loaded one folder at
// a time, with check boxes and tri-state parents. Pure state, no DOM: the screen draws it.
//
// A folder's check applies to everything below it, loaded or not. Unchecking one child of a
// checked folder makes the folder "mixed" and its other (loaded) children checked. The
// selection sent to the backend is the smallest list of paths: a checked folder gives its own
// path, never its children's.
import type { BrowseEntry } from "../../bindings/types";

export type Check = "checked" | "unchecked" | "mixed";

export interface TreeNode {
  entry: BrowseEntry;
  /** null until loaded. */
  children: TreeNode[] | null;
  expanded: boolean;
  /** Own state for leaves and unloaded folders; loaded folders derive theirs. */
  checked: boolean;
}

export interface Tree {
  /** The top level of the member's files, null until loaded. */
  roots: TreeNode[] | null;
}

export function node(entry: BrowseEntry, checked = false): TreeNode {
  return { entry, children: null, expanded: false, checked: checked && !entry.excluded };
}

/** Selectable: not excluded (shared with the member, group folder…). */
export function selectable(n: TreeNode): boolean {
  return !n.entry.excluded;
}

/** The check state shown for `n`. */
export function checkOf(n: TreeNode): Check {
  if (!selectable(n)) return "unchecked";
  if (!n.children || n.children.length === 0) return n.checked ? "checked" : "unchecked";
  const states = n.children.filter(selectable).map(checkOf);
  if (states.length === 0) return n.checked ? "checked" : "unchecked";
  if (states.every((s) => s === "checked")) return "checked";
  if (states.every((s) => s === "unchecked")) return "unchecked";
  return "mixed";
}

function setAll(n: TreeNode, value: boolean): void {
  if (!selectable(n)) return;
  n.checked = value;
  for (const c of n.children ?? []) setAll(c, value);
}

/** Checks or unchecks `n` and everything below it (a mixed folder becomes checked). */
export function toggle(n: TreeNode): void {
  setAll(n, checkOf(n) !== "checked");
}

/** Sets every root (the "Everything" box). */
export function setEverything(tree: Tree, value: boolean): void {
  for (const r of tree.roots ?? []) setAll(r, value);
}

/** Whether every selectable root is checked. */
export function everythingChecked(tree: Tree): boolean {
  const roots = (tree.roots ?? []).filter(selectable);
  return roots.length > 0 && roots.every((r) => checkOf(r) === "checked");
}

/** Fills a folder's children once loaded; they inherit the folder's check. */
export function loaded(n: TreeNode, entries: BrowseEntry[]): void {
  const inherit = checkOf(n) === "checked";
  n.children = entries.map((e) => node(e, inherit));
  n.checked = inherit;
}

/** The smallest list of selected paths. */
export function selectedPaths(tree: Tree): string[] {
  const out: string[] = [];
  const walk = (n: TreeNode) => {
    const state = checkOf(n);
    if (state === "checked") out.push(n.entry.path);
    else if (state === "mixed") for (const c of n.children ?? []) walk(c);
  };
  for (const r of tree.roots ?? []) walk(r);
  return out;
}

/** The nodes a keyboard user moves through, in order (expanded folders show their children). */
export function visibleNodes(tree: Tree): { node: TreeNode; level: number }[] {
  const out: { node: TreeNode; level: number }[] = [];
  const walk = (n: TreeNode, level: number) => {
    out.push({ node: n, level });
    if (n.expanded) for (const c of n.children ?? []) walk(c, level + 1);
  };
  for (const r of tree.roots ?? []) walk(r, 1);
  return out;
}

/** The parent of `target` among the loaded nodes, or null for a root. */
export function parentOf(tree: Tree, target: TreeNode): TreeNode | null {
  let found: TreeNode | null = null;
  const walk = (n: TreeNode) => {
    for (const c of n.children ?? []) {
      if (c === target) found = n;
      else walk(c);
    }
  };
  for (const r of tree.roots ?? []) walk(r);
  return found;
}
