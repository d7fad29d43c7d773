import { vi } from "vitest";
import { startApp, type App } from "../src/app";
import type { Platform } from "../src/platform";
import { FakeBackend, type FakeOptions } from "./fakeBackend";

export interface Started {
  app: App;
  backend: FakeBackend;
  root: HTMLElement;
}

/** Fresh document, fake backend, started app. */
export async function startWith(opts: FakeOptions = {}, platform?: Platform): Promise<Started> {
  document.body.replaceChildren();
  const html = document.documentElement;
  html.removeAttribute("data-theme");
  html.removeAttribute("data-text-size");
  window.location.hash = "";
  const root = document.createElement("div");
  root.id = "app";
  document.body.append(root);
  const backend = new FakeBackend(opts).install();
  const app = await startApp(root, undefined, platform);
  return { app, backend, root };
}

export function byTestId<T extends HTMLElement = HTMLElement>(testid: string, scope: ParentNode = document): T {
  const el = scope.querySelector<T>(`[data-testid="${testid}"]`);
  if (!el) throw new Error(`no element with data-testid="${testid}"`);
  return el;
}

export function allByTestId<T extends HTMLElement = HTMLElement>(testid: string): T[] {
  return [...document.querySelectorAll<T>(`[data-testid="${testid}"]`)];
}

/** Lets pending promises (the fake backend's answers) settle. */
export async function settle(): Promise<void> {
  for (let i = 0; i < 5; i++) await Promise.resolve();
  await new Promise((resolve) => setTimeout(resolve, 0));
}

export async function waitFor(check: () => void): Promise<void> {
  await vi.waitFor(check, { timeout: 1000, interval: 5 });
}

export function choose(input: HTMLInputElement): void {
  input.checked = true;
  input.dispatchEvent(new Event("change", { bubbles: true }));
}

export function typeInto(input: HTMLInputElement, value: string): void {
  input.value = value;
  input.dispatchEvent(new Event("input", { bubbles: true }));
}
