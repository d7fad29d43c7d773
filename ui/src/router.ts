// Hash routing: `#/tours`, `#/settings`, `#/accounts/connect`, `#/tours/<id>`…
// Other hashes (like the skip link's target) are ignored.

/**
 * The screens of the main menu. The entries shown only to some (hand-over: admins; workshop:
 * trainer mode) come last, so that their appearing once the server answered moves nothing.
 */
export const ROUTES = ["accounts", "tours", "settings", "about", "handover", "workshop"] as const;
export type NavRoute = (typeof ROUTES)[number];

/** Screens reached from another one; the menu highlights their parent. */
export const SUB_ROUTES = {
  "accounts/connect": "accounts",
  "tour-health": "tours",
  "workshop-projector": "workshop",
} as const satisfies Record<string, NavRoute>;
export type SubRoute = keyof typeof SUB_ROUTES;

/** One tour, in the tour player: `tours/<tour id>`. */
export type TourRoute = `tours/${string}`;

export type Route = NavRoute | SubRoute | TourRoute;
export const DEFAULT_ROUTE: Route = "tours";

/** Tour ids, as the tour files define them. */
const TOUR_ID = /^[a-z0-9-]+$/;

export function tourRoute(tourId: string): TourRoute {
  return `tours/${tourId}`;
}

/** The tour id of a `tours/<id>` route, else null. */
export function tourIdOf(route: Route): string | null {
  const id = route.startsWith("tours/") ? route.slice("tours/".length) : "";
  return TOUR_ID.test(id) ? id : null;
}

export function parseRoute(hash: string): Route | null {
  const tour = /^#\/tours\/([a-z0-9-]+)\/?$/.exec(hash)?.[1];
  if (tour) return tourRoute(tour);
  const name = /^#\/([a-z-]+(?:\/[a-z-]+)?)\/?$/.exec(hash)?.[1];
  if (!name) return null;
  if ((ROUTES as readonly string[]).includes(name)) return name as NavRoute;
  return Object.prototype.hasOwnProperty.call(SUB_ROUTES, name) ? (name as SubRoute) : null;
}

/** The menu entry of `route`. */
export function navRouteOf(route: Route): NavRoute {
  if (tourIdOf(route)) return "tours";
  return (SUB_ROUTES as Record<string, NavRoute>)[route] ?? (route as NavRoute);
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
