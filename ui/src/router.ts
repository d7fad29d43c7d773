// Hash routing: `#/tours`, `#/settings`… Other hashes (like the skip link's
// target) are ignored.

export const ROUTES = ["accounts", "tours", "handover", "settings", "about"] as const;
export type Route = (typeof ROUTES)[number];
export const DEFAULT_ROUTE: Route = "tours";

export function parseRoute(hash: string): Route | null {
  const name = /^#\/([a-z-]+)\/?$/.exec(hash)?.[1];
  return name && (ROUTES as readonly string[]).includes(name) ? (name as Route) : null;
}

export function routeHref(route: Route): string {
  return `#/${route}`;
}

export interface Router {
  /** The route in the address, or the default one. */
  current(): Route;
  /** Shows `route` now and records it in the history. */
  navigate(route: Route): void;
  start(): void;
  stop(): void;
}

/**
 * `onRoute` gets `fromHistory = true` for back/forward and typed addresses;
 * it must ignore a route that is already shown, because `navigate()` shows
 * the route at once and the browser then also reports the hash change.
 */
export function createRouter(
  onRoute: (route: Route, fromHistory: boolean) => void,
  win: Window = window,
): Router {
  const onHashChange = () => {
    const route = parseRoute(win.location.hash);
    if (route) onRoute(route, true);
  };
  return {
    current: () => parseRoute(win.location.hash) ?? DEFAULT_ROUTE,
    navigate(route) {
      const href = routeHref(route);
      if (win.location.hash !== href) win.location.hash = href;
      onRoute(route, false);
    },
    start: () => win.addEventListener("hashchange", onHashChange),
    stop: () => win.removeEventListener("hashchange", onHashChange),
  };
}
