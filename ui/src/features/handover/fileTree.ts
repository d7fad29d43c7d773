// The file tree panel of the "what" step: the departing member's files as an ARIA tree with
// tri-state check boxes, loaded one folder at a time, with the keyboard of a tree (arrows,
// Home/End, Space). One row is in the tab order (roving tabindex). It changes only the tree's
// checks and folds (./selectionTree.ts) and says when the selection changed.
import { h, replaceChildren } from "../../dom";
import { checkOf, loaded, parentOf, toggle, visibleNodes, type TreeNode } from "./selectionTree";
import { sidesOf, texts, type Wizard } from "./wizard";

export interface FileTree {
  readonly element: HTMLUListElement;
  /** Draws the loaded rows again (keeps the focused row focused). */
  draw(): void;
}

/**
 * `selectionChanged` runs after a check changed; `drawn` after each drawing (the "everything"
 * box follows the tree).
 */
export function fileTree(w: Wizard, selectionChanged: () => void, drawn: () => void): FileTree {
  const { ctx } = w;
  const { t, bytes, reason } = texts(ctx);
  const tree = () => w.state().tree;
  const treeBox = h("ul", {
    role: "tree",
    class: "file-tree",
    "aria-label": t("handover-files-tree", { name: w.state().source?.displayName ?? "" }),
    "aria-multiselectable": "true",
    "data-testid": "handover-tree",
  });
  let focusedPath: string | null = null;

  async function expand(n: TreeNode): Promise<void> {
    if (!n.entry.isFolder) return;
    if (n.children === null) {
      n.expanded = true;
      draw();
      try {
        loaded(n, await ctx.api.handoverBrowse(sidesOf(w), n.entry.path));
      } catch (error) {
        n.expanded = false;
        ctx.actions.showError(error);
      }
    } else {
      n.expanded = true;
    }
    draw();
  }

  function twisty(n: TreeNode): HTMLElement {
    if (!n.entry.isFolder) return h("span", { class: "tree-twisty", "aria-hidden": "true" });
    return h(
      "button",
      {
        type: "button",
        class: "tree-twisty",
        tabindex: -1,
        "aria-hidden": "true",
        onclick: () => {
          if (n.expanded) {
            n.expanded = false;
            draw();
          } else void expand(n);
        },
      },
      n.expanded ? "▾" : "▸",
    );
  }

  function treeItem(n: TreeNode, level: number, index: number, count: number): HTMLElement {
    const state = checkOf(n);
    const label = [n.entry.name];
    if (n.entry.size !== null) label.push(bytes(n.entry.size));
    const item = h(
      "li",
      {
        role: "treeitem",
        "aria-level": level,
        "aria-setsize": count,
        "aria-posinset": index + 1,
        "aria-checked": state === "mixed" ? "mixed" : String(state === "checked"),
        "aria-expanded": n.entry.isFolder ? String(n.expanded) : null,
        "aria-disabled": n.entry.excluded ? "true" : null,
        tabindex: focusedPath === n.entry.path ? 0 : -1,
        "data-path": n.entry.path,
        "data-testid": "handover-tree-item",
        class: `tree-item level-${Math.min(level, 8)}`,
        style: `padding-inline-start: ${(level - 1) * 1.25}rem`,
      },
      twisty(n),
      h("input", {
        type: "checkbox",
        tabindex: -1,
        "aria-hidden": "true",
        "data-testid": "handover-tree-check",
        disabled: Boolean(n.entry.excluded),
        checked: state === "checked",
        onclick: (e: Event) => {
          e.stopPropagation();
          focusedPath = n.entry.path;
          toggle(n);
          draw();
          selectionChanged();
        },
      }),
      h("span", null, label.join(" — ")),
      n.entry.shared ? h("span", { class: "badge", title: t("handover-shared") }, t("handover-shared")) : null,
      n.entry.excluded ? h("span", { class: "muted" }, " — ", reason(n.entry.excluded)) : null,
    );
    if (state === "mixed") {
      queueMicrotask(() => {
        const box = item.querySelector("input");
        if (box) box.indeterminate = true;
      });
    }
    return item;
  }

  function draw(): void {
    const roots = tree().roots;
    if (roots === null) return;
    if (roots.length === 0) {
      replaceChildren(treeBox, h("li", { class: "muted" }, t("handover-no-files")));
      return;
    }
    const rows = visibleNodes(tree());
    if (!focusedPath || !rows.some((r) => r.node.entry.path === focusedPath)) focusedPath = rows[0]!.node.entry.path;
    const hadFocus = treeBox.contains(document.activeElement);
    const siblings = (n: TreeNode) => parentOf(tree(), n)?.children ?? roots;
    replaceChildren(
      treeBox,
      rows.map((r) => {
        const sib = siblings(r.node);
        return treeItem(r.node, r.level, sib.indexOf(r.node), sib.length);
      }),
    );
    drawn();
    if (hadFocus) focusRow();
  }

  function rowOf(path: string | null): HTMLElement | null {
    return treeBox.querySelector<HTMLElement>(`[data-path="${CSS.escape(path ?? "")}"]`);
  }

  function focusRow(): void {
    rowOf(focusedPath)?.focus();
  }

  treeBox.addEventListener("keydown", (e) => {
    const rows = visibleNodes(tree());
    const i = rows.findIndex((r) => r.node.entry.path === focusedPath);
    if (i < 0) return;
    const cur = rows[i]!.node;
    const move = (j: number) => {
      const target = rows[Math.max(0, Math.min(rows.length - 1, j))];
      if (target) {
        // Moving only changes which row is in the tab order: no redraw, so folders with
        // thousands of entries stay smooth.
        treeBox.querySelector<HTMLElement>('[tabindex="0"]')?.setAttribute("tabindex", "-1");
        focusedPath = target.node.entry.path;
        const row = rowOf(focusedPath);
        row?.setAttribute("tabindex", "0");
        row?.focus();
      }
    };
    switch (e.key) {
      case "ArrowDown":
        move(i + 1);
        break;
      case "ArrowUp":
        move(i - 1);
        break;
      case "Home":
        move(0);
        break;
      case "End":
        move(rows.length - 1);
        break;
      case "ArrowRight":
        if (cur.entry.isFolder && !cur.expanded) void expand(cur).then(focusRow);
        else if (cur.expanded) move(i + 1);
        break;
      case "ArrowLeft": {
        if (cur.expanded) {
          cur.expanded = false;
          draw();
          focusRow();
        } else {
          const parent = parentOf(tree(), cur);
          if (parent) {
            focusedPath = parent.entry.path;
            draw();
            focusRow();
          }
        }
        break;
      }
      case " ":
        if (!cur.entry.excluded) {
          toggle(cur);
          draw();
          focusRow();
          selectionChanged();
        }
        break;
      default:
        return;
    }
    e.preventDefault();
  });
  treeBox.addEventListener("focusin", (e) => {
    const row = (e.target as HTMLElement).closest<HTMLElement>("[data-path]");
    if (row) focusedPath = row.dataset["path"] ?? focusedPath;
  });

  return { element: treeBox, draw };
}
