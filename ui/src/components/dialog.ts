// Confirmation dialog on the native <dialog>: modal, Esc closes it, and
// focus goes back to the control that opened it.
import type { Ctx } from "../context";
import { errorText } from "../errors";
import { h, uid } from "../dom";

export interface ConfirmOptions {
  title: string;
  body: string;
  confirmLabel: string;
  cancelLabel: string;
  danger?: boolean;
  testid?: string;
  /** Runs on confirm; the dialog closes when it resolves, shows the error if it rejects. */
  onConfirm: () => Promise<void>;
  /**
   * After a confirmed action, once the dialog is closed: where focus goes
   * (when the opener has disappeared, for instance).
   */
  afterConfirm?: () => void;
}

export function openConfirmDialog(ctx: Ctx, opener: HTMLElement, opts: ConfirmOptions): HTMLDialogElement {
  const titleId = uid("dialog-title");
  const bodyId = uid("dialog-body");
  const error = h("p", { class: "alert", role: "alert", "data-testid": "dialog-error" });
  let closed = false;

  const close = () => {
    if (closed) return;
    closed = true;
    if (dialog.open) dialog.close();
    dialog.remove();
    if (opener.isConnected) opener.focus();
  };

  const cancel = h(
    "button",
    { type: "button", class: "btn", "data-testid": "dialog-cancel", onclick: close },
    opts.cancelLabel,
  );
  const confirm = h(
    "button",
    {
      type: "button",
      class: opts.danger ? "btn btn-danger" : "btn btn-primary",
      "data-testid": "dialog-confirm",
      onclick: async () => {
        confirm.disabled = true;
        error.textContent = "";
        try {
          await opts.onConfirm();
          close();
          opts.afterConfirm?.();
        } catch (e) {
          error.textContent = errorText(ctx.i18n, e);
          confirm.disabled = false;
        }
      },
    },
    opts.confirmLabel,
  );

  const dialog = h(
    "dialog",
    {
      class: "dialog",
      "aria-labelledby": titleId,
      "aria-describedby": bodyId,
      "data-testid": opts.testid,
      onkeydown: (event: Event) => {
        if ((event as KeyboardEvent).key === "Escape") {
          event.preventDefault();
          close();
        }
      },
      // The browser's own Esc handling, if it comes first.
      oncancel: (event: Event) => {
        event.preventDefault();
        close();
      },
      onclose: close,
    },
    h("h2", { id: titleId }, opts.title),
    h("p", { id: bodyId }, opts.body),
    error,
    h("div", { class: "actions" }, cancel, confirm),
  );

  ctx.root.appendChild(dialog);
  dialog.showModal();
  // The safe choice gets focus first.
  cancel.focus();
  return dialog;
}
