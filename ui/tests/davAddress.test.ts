// The "add your calendar to a phone" step: an explain step with `show` shows
// the account's CalDAV/CardDAV address, a Copy button and a QR code made
// locally; without an account, a way to connect one.
import { clearMocks } from "@tauri-apps/api/mocks";
import { afterEach, describe, expect, it } from "vitest";
import type { TourStep } from "../src/bindings/types";
import { davAddressOf, qrSvg } from "../src/components/davAddress";
import { createI18n } from "../src/i18n";
import type { FakeOptions } from "./fakeBackend";
import { allByTestId, byTestId, startWith, waitFor, type Started } from "./helpers";
import { allTours, TOUR_MESSAGES } from "./tourFixtures";

const fr = createI18n("fr");

const WITH_ACCOUNT: FakeOptions = {
  accounts: [{ profile: "Camille", host: "monasso.frama.space", loginName: "camille" }],
};

let started: Started | undefined;
afterEach(() => {
  started?.app.stop();
  started = undefined;
  clearMocks();
});

/** The fixture tours, with the calendar's second step showing `show`. */
function toursWith(show: string) {
  const tours = allTours();
  const calendar = tours.find((t) => t.summary.id === "calendar")!;
  calendar.steps[1] = { ...(calendar.steps[1] as Extract<TourStep, { kind: "explain" }>), show };
  return tours;
}

async function openCalendarPhoneStep(opts: FakeOptions, show = "caldav-address"): Promise<HTMLElement> {
  started = await startWith({ profiles: ["Camille"], tours: toursWith(show), tourMessages: { ...TOUR_MESSAGES }, ...opts });
  byTestId<HTMLButtonElement>("profile-choice").click();
  await waitFor(() => expect(allByTestId("tour-card").length).toBeGreaterThan(0));
  const card = document.querySelector<HTMLElement>('[data-testid="tour-card"][data-tour-id="calendar"]')!;
  byTestId<HTMLAnchorElement>("tour-start", card).click();
  await waitFor(() => expect(byTestId("tour-step").dataset.stepId).toBe("c1"));
  byTestId<HTMLButtonElement>("tour-next").click();
  await waitFor(() => expect(byTestId("tour-step").dataset.stepId).toBe("c2"));
  return byTestId("tour-step");
}

describe("address to type in a phone", () => {
  it("computes the DAV root of the server", () => {
    expect(davAddressOf("https://cloud.example.org/", "caldav-address")).toBe("https://cloud.example.org/remote.php/dav");
    expect(davAddressOf("https://ex.org/nextcloud", "carddav-address")).toBe("https://ex.org/nextcloud/remote.php/dav");
    expect(davAddressOf("https://ex.org/nextcloud/", "server-address")).toBe("https://ex.org/nextcloud");
  });

  it("draws a QR code as an SVG with its text alternative", () => {
    const svg = qrSvg("https://ex.org/remote.php/dav", "QR");
    expect(svg.namespaceURI).toContain("svg");
    expect(svg.getAttribute("role")).toBe("img");
    expect(svg.getAttribute("aria-label")).toBe("QR");
    const d = svg.querySelector("path")!.getAttribute("d")!;
    expect(d.length).toBeGreaterThan(100);
    // Version 3 at least for this length: 29 modules + 8 of margin.
    expect(svg.getAttribute("viewBox")).toMatch(/^0 0 \d+ \d+$/);
    // Same text, same code; another text, another code.
    expect(qrSvg("https://ex.org/remote.php/dav", "QR").querySelector("path")!.getAttribute("d")).toBe(d);
    expect(qrSvg("https://ex.org/remote.php/dav/", "QR").querySelector("path")!.getAttribute("d")).not.toBe(d);
    // Not ASCII: encoded as UTF-8 without error.
    expect(qrSvg("https://exemple.fr/é", "QR").querySelector("path")!.getAttribute("d")!.length).toBeGreaterThan(100);
  });

  it("shows the CalDAV address, the user name, Copy and a QR code for the account", async () => {
    const el = await openCalendarPhoneStep(WITH_ACCOUNT);
    const address = "https://monasso.frama.space/remote.php/dav";
    expect(byTestId("dav-address", el).textContent).toBe(address);
    expect(byTestId("dav-address-user", el).textContent).toBe("camille");
    expect(el.textContent).toContain(fr.t("dav-address-caldav-label"));
    const copy = byTestId<HTMLButtonElement>("dav-address-copy", el);
    expect(copy.textContent).toBe(fr.t("dav-address-copy"));
    const qr = el.querySelector<SVGSVGElement>('[data-testid="dav-qr"]')!;
    expect(qr).not.toBeNull();
    expect(qr.tagName.toLowerCase()).toBe("svg");
    expect(qr.querySelector("path")!.getAttribute("d")!.length).toBeGreaterThan(100);
    expect(qr.getAttribute("aria-label")).toBe(fr.t("dav-address-qr-alt", { address }));
    expect(qr.querySelector("title")!.textContent).toBe(fr.t("dav-address-qr-alt", { address }));
    expect(el.querySelector('[data-testid="dav-address-no-account"]')).toBeNull();

    // Copy: to the clipboard when there is one, else the address is selected.
    copy.click();
    await waitFor(() =>
      expect([fr.t("dav-address-copied"), fr.t("dav-address-copy-select")]).toContain(
        byTestId("dav-address-copied", el).textContent,
      ),
    );
  });

  it("shows the same root for CardDAV, with its own label", async () => {
    const el = await openCalendarPhoneStep(WITH_ACCOUNT, "carddav-address");
    expect(byTestId("dav-address", el).textContent).toBe("https://monasso.frama.space/remote.php/dav");
    expect(el.textContent).toContain(fr.t("dav-address-carddav-label"));
  });

  it("asks to connect an account first when there is none", async () => {
    const el = await openCalendarPhoneStep({});
    expect(el.querySelector('[data-testid="dav-address"]')).toBeNull();
    expect(el.querySelector('[data-testid="dav-qr"]')).toBeNull();
    const hint = byTestId("dav-address-no-account", el);
    expect(hint.textContent).toContain(fr.t("dav-address-no-account"));
    const link = byTestId<HTMLAnchorElement>("dav-address-connect", hint);
    expect(link.getAttribute("href")).toBe("#/accounts/connect");
    link.click();
    await waitFor(() => expect(location.hash).toBe("#/accounts/connect"));
  });

  it("shows nothing more for an explain step without show, or an unknown value", async () => {
    const el = await openCalendarPhoneStep(WITH_ACCOUNT, "fax-number");
    expect(el.querySelector('[data-testid="dav-address-box"]')).toBeNull();
    expect(el.querySelector('[data-testid="dav-address-no-account"]')).toBeNull();
  });
});
