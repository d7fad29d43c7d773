// Workshop logic without the DOM: the merged progress table's layout, a sign-in list read from
// CSV, the texts of a plan's line-by-line problems, keys of the projector view, file names.
import type { LineProblem, LineReason, ParticipantStep, ProgressCell, SheetEntry } from "../../bindings/types";
import type { I18n } from "../../i18n";

/** The merged table: participants (rows) × tour steps (columns). */
export interface ProgressMatrix {
  participants: string[];
  /** Columns in first-seen order, grouped by tour. */
  columns: Array<{ tour: string; step: string }>;
  /** The state of a cell, or null when that participant has not reached the step. */
  state(participant: string, tour: string, step: string): ParticipantStep | null;
  /** Where it came from (laptop), for a cell's title. */
  laptop(participant: string, tour: string, step: string): string | null;
}

/**
 * `stepOrder`: each tour's step ids in the tour's order, when the tour is on offer here; its
 * columns follow that order (unknown steps last, as first seen).
 */
export function progressMatrix(cells: ProgressCell[], stepOrder: ReadonlyMap<string, readonly string[]> = new Map()): ProgressMatrix {
  const participants: string[] = [];
  const tours = new Map<string, string[]>();
  const byKey = new Map<string, ProgressCell>();
  const key = (p: string, tour: string, step: string) => JSON.stringify([p, tour, step]);
  for (const c of cells) {
    if (!participants.includes(c.participant)) participants.push(c.participant);
    const steps = tours.get(c.tour) ?? [];
    if (!steps.includes(c.step)) steps.push(c.step);
    tours.set(c.tour, steps);
    byKey.set(key(c.participant, c.tour, c.step), c);
  }
  const rank = (tour: string, step: string) => {
    const i = stepOrder.get(tour)?.indexOf(step) ?? -1;
    return i < 0 ? Number.MAX_SAFE_INTEGER : i;
  };
  const columns = [...tours].flatMap(([tour, steps]) =>
    steps
      .map((step, seen) => ({ tour, step, seen }))
      .sort((a, b) => rank(tour, a.step) - rank(tour, b.step) || a.seen - b.seen)
      .map(({ step }) => ({ tour, step })),
  );
  return {
    participants,
    columns,
    state: (p, tour, step) => byKey.get(key(p, tour, step))?.state ?? null,
    laptop: (p, tour, step) => byKey.get(key(p, tour, step))?.laptop ?? null,
  };
}

/** How many steps of each state a participant has (for the row's summary). */
export function countStates(cells: ProgressCell[], participant: string): Record<ParticipantStep, number> {
  const counts: Record<ParticipantStep, number> = { done: 0, skipped: 0, seen: 0, struggling: 0 };
  for (const c of cells) if (c.participant === participant) counts[c.state] += 1;
  return counts;
}

export function stateText(i18n: I18n, state: ParticipantStep): string {
  const texts: Record<ParticipantStep, string> = {
    done: i18n.t("workshop-state-done"),
    skipped: i18n.t("workshop-state-skipped"),
    seen: i18n.t("workshop-state-seen"),
    struggling: i18n.t("workshop-state-struggling"),
  };
  return texts[state];
}

/** The sentence for one line's problem. */
export function reasonText(i18n: I18n, reason: LineReason, other: number | null): string {
  const args = { other: other ?? 0 };
  const texts: Record<LineReason, () => string> = {
    encoding: () => i18n.t("workshop-reason-encoding", args),
    empty: () => i18n.t("workshop-reason-empty", args),
    "too-big": () => i18n.t("workshop-reason-too-big", args),
    "unknown-column": () => i18n.t("workshop-reason-unknown-column", args),
    "missing-name-column": () => i18n.t("workshop-reason-missing-name-column", args),
    "too-many-fields": () => i18n.t("workshop-reason-too-many-fields", args),
    "mixed-separators": () => i18n.t("workshop-reason-mixed-separators", args),
    "empty-name": () => i18n.t("workshop-reason-empty-name", args),
    "invalid-email": () => i18n.t("workshop-reason-invalid-email", args),
    "bad-id-characters": () => i18n.t("workshop-reason-bad-id-characters", args),
    "id-too-long": () => i18n.t("workshop-reason-id-too-long", args),
    "duplicate-in-file": () => i18n.t("workshop-reason-duplicate-in-file", args),
    "exists-on-server": () => i18n.t("workshop-reason-exists-on-server", args),
    "bad-group": () => i18n.t("workshop-reason-bad-group", args),
    "invalid-quota": () => i18n.t("workshop-reason-invalid-quota", args),
    "too-many-accounts": () => i18n.t("workshop-reason-too-many-accounts", args),
    "email-required": () => i18n.t("workshop-reason-email-required", args),
    "group-required": () => i18n.t("workshop-reason-group-required", args),
    "group-not-allowed": () => i18n.t("workshop-reason-group-not-allowed", args),
  };
  return texts[reason]();
}

/** "Line 4: invalid e-mail (anne@)" — or, for a count, "Number asked: …". */
export function problemText(i18n: I18n, p: LineProblem): string {
  const reason = reasonText(i18n, p.reason, p.otherLine);
  const value = p.value === "" ? "—" : p.value;
  return p.line === 0
    ? i18n.t("workshop-ui-problem-count", { reason, value })
    : i18n.t("workshop-ui-problem-line", { line: p.line, reason, value });
}

/**
 * A sign-in list typed or pasted by the trainer: `name,login,password` per line (`;` or tab
 * also), an optional header line. `{ line }` points to the first line that is not so.
 */
export function parseSheetList(text: string): SheetEntry[] | { line: number } {
  const entries: SheetEntry[] = [];
  const lines = text.replace(/^\uFEFF/, "").split(/\r?\n/);
  for (const [i, line] of lines.entries()) {
    if (line.trim() === "") continue;
    const sep = line.includes(";") ? ";" : line.includes("\t") ? "\t" : ",";
    const fields = line.split(sep).map((f) => f.trim());
    if (i === 0 && /^(name|nom)$/i.test(fields[0] ?? "")) continue;
    const [displayName, login, password] = fields;
    if (fields.length !== 3 || !login || !password) return { line: i + 1 };
    entries.push({ displayName: displayName || login, login, password });
  }
  return entries.length ? entries : { line: 1 };
}

/** The projector's next step index for a key, or null when the key is not the projector's. */
export function projectorMove(key: string, shift: boolean, index: number, total: number): number | null {
  const last = Math.max(0, total - 1);
  switch (key) {
    case "ArrowRight":
    case "ArrowDown":
    case "PageDown":
      return Math.min(last, index + 1);
    case " ":
    case "Spacebar":
      return shift ? Math.max(0, index - 1) : Math.min(last, index + 1);
    case "ArrowLeft":
    case "ArrowUp":
    case "PageUp":
    case "Backspace":
      return Math.max(0, index - 1);
    case "Home":
      return 0;
    case "End":
      return last;
    default:
      return null;
  }
}

/** A pack id from a workshop's name: `Atelier du 12 mars` → `atelier-du-12-mars`. */
export function packIdOf(name: string): string {
  const id = name
    .normalize("NFD")
    .replace(/[\u0300-\u036f]/g, "")
    .toLowerCase()
    .replace(/[^a-z0-9]+/g, "-")
    .replace(/^-+|-+$/g, "")
    .slice(0, 40)
    .replace(/-+$/, "");
  return id || "atelier";
}

/** `folder/name` with the folder's own separator. */
export function joinPath(folder: string, name: string): string {
  const sep = folder.includes("\\") && !folder.includes("/") ? "\\" : "/";
  return folder.endsWith(sep) ? folder + name : `${folder}${sep}${name}`;
}

/** Paths typed one per line (blank lines ignored). */
export function pathLines(text: string): string[] {
  return text
    .split(/\r?\n/)
    .map((l) => l.trim())
    .filter((l) => l !== "");
}
