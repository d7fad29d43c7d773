import type { IpcError } from "./bindings/types";
import type { I18n } from "./i18n";

export function isIpcError(value: unknown): value is IpcError {
  return (
    typeof value === "object" &&
    value !== null &&
    typeof (value as IpcError).code === "string" &&
    typeof (value as IpcError).message === "string"
  );
}

/** The localised text for an error: `error-<code>`, else `error-unknown`. */
export function errorText(i18n: I18n, error: unknown): string {
  if (!isIpcError(error)) console.error(error);
  const code = isIpcError(error) ? error.code : "unknown";
  return i18n.dynamic(`error-${code}`) ?? i18n.t("error-unknown");
}
