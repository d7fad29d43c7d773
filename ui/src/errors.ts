import type { IpcError } from "./bindings/types";
import type { I18n } from "./i18n";

/** The oldest Nextcloud version Passerelle supports (for `error-server-too-old`). */
export const MINIMUM_NEXTCLOUD = "27";

export function isIpcError(value: unknown): value is IpcError {
  return (
    typeof value === "object" &&
    value !== null &&
    typeof (value as IpcError).code === "string" &&
    typeof (value as IpcError).message === "string"
  );
}

/** The error's code, `unknown` for anything that is not an IpcError. */
export function errorCode(error: unknown): string {
  return isIpcError(error) ? error.code : "unknown";
}

/** The localised text for an error: `error-<code>`, else `error-unknown`. */
export function errorText(i18n: I18n, error: unknown): string {
  if (!isIpcError(error)) console.error(error);
  const code = errorCode(error);
  // IpcError carries no arguments; the only one a message uses is a constant.
  return i18n.dynamic(`error-${code}`, { minimum: MINIMUM_NEXTCLOUD }) ?? i18n.t("error-unknown");
}

/**
 * Shows `error` in `el` (an alert region) and records its code in
 * `data-error-code`; `null` clears it.
 */
export function showErrorIn(el: HTMLElement, i18n: I18n, error: unknown): void {
  if (error === null || error === undefined) {
    el.textContent = "";
    delete el.dataset.errorCode;
    return;
  }
  el.textContent = errorText(i18n, error);
  el.dataset.errorCode = errorCode(error);
}
