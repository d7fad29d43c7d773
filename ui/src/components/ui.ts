// Small building blocks shared by the screens.
import { h, uid, type Attrs, type Child } from "../dom";
import { routeHref, type Route, type Router } from "../router";

/** A screen's root with its `<h1>`, which receives focus on navigation. */
export function screen(testid: string, title: string, ...children: Child[]): HTMLElement {
  const titleId = uid("screen-title");
  return h(
    "section",
    { class: "screen", "data-testid": testid, "aria-labelledby": titleId },
    h("h1", { id: titleId, tabindex: -1 }, title),
    ...children,
  );
}

export interface RadioOption<V extends string> {
  value: V;
  label: string;
  /** Stable id, so focus can be restored after the page is re-rendered. */
  id: string;
  testid?: string;
  /** Language of the label when it differs from the page (language names). */
  lang?: string;
}

export function radioGroup<V extends string>(opts: {
  name: string;
  legend: string;
  hint?: string;
  options: ReadonlyArray<RadioOption<V>>;
  checked: V;
  onChange: (value: V, input: HTMLInputElement) => void;
}): HTMLFieldSetElement {
  const hintId = opts.hint ? uid("hint") : undefined;
  return h(
    "fieldset",
    { class: "radio-group", "aria-describedby": hintId },
    h("legend", null, opts.legend),
    opts.hint ? h("p", { class: "hint", id: hintId }, opts.hint) : null,
    h(
      "div",
      { class: "radio-options" },
      opts.options.map((option) =>
        h(
          "label",
          { class: "radio", for: option.id },
          h("input", {
            type: "radio",
            id: option.id,
            name: opts.name,
            value: option.value,
            checked: option.value === opts.checked,
            "data-testid": option.testid,
            onchange: (event: Event) => {
              const input = event.currentTarget as HTMLInputElement;
              if (input.checked) opts.onChange(option.value, input);
            },
          }),
          h("span", { lang: option.lang }, option.label),
        ),
      ),
    ),
  );
}

/** A calm "nothing here yet" block. */
export function emptyState(testid: string, title: string, ...children: Child[]): HTMLElement {
  return h(
    "div",
    { class: "empty-state", "data-testid": testid },
    h("p", { class: "empty-title" }, title),
    ...children,
  );
}

/**
 * A date as the person reads it in `lang` ("6 décembre 2026", "December 6, 2026"), from an
 * RFC 3339 string or milliseconds since the epoch. An unreadable value is shown as it is.
 */
export function formatDate(value: string | number, lang: string): string {
  const date = new Date(value);
  if (Number.isNaN(date.getTime())) return String(value);
  return new Intl.DateTimeFormat(lang, { dateStyle: "long" }).format(date);
}

const BYTE_UNITS = ["byte", "kilobyte", "megabyte", "gigabyte", "terabyte"] as const;

/** "2,1 Go" / "2.1 GB" (powers of 1024, like Nextcloud's own pages). */
export function formatBytes(bytes: number, lang: string): string {
  let value = Math.max(0, bytes);
  let unit = 0;
  while (value >= 1024 && unit < BYTE_UNITS.length - 1) {
    value /= 1024;
    unit += 1;
  }
  return new Intl.NumberFormat(lang, {
    style: "unit",
    unit: BYTE_UNITS[unit],
    unitDisplay: "short",
    maximumFractionDigits: unit > 0 && value < 10 ? 1 : 0,
  }).format(value);
}

/**
 * A link to `route` that the app's router follows (no page load); `beforeLeave` runs first
 * (a screen that must stop what it does before it is left).
 */
export function routeLink(
  router: Router,
  route: Route,
  attrs: Attrs,
  label: Child,
  beforeLeave?: () => void,
): HTMLAnchorElement {
  const onclick = (event: Event) => {
    event.preventDefault();
    beforeLeave?.();
    router.navigate(route);
  };
  return h("a", { ...attrs, href: routeHref(route), onclick }, label);
}
