// A button that is busy while what it started is under way: disabled (and optionally saying
// what happens), usable again once it is over. Owns no state and shows no error itself: the
// caller says where errors go.

/** Disables `button` (with `label` as its text, if given) until the returned function is called. */
export function busy(button: HTMLButtonElement, label?: string): () => void {
  const before = button.textContent;
  button.disabled = true;
  if (label !== undefined) button.textContent = label;
  return () => {
    button.disabled = false;
    if (label !== undefined) button.textContent = before;
  };
}

/**
 * Runs `action` with `button` disabled. On failure the button is usable again and `onError`
 * gets the error; on success it stays disabled when `keepDisabled` (the caller redraws or moves
 * on). Resolves whether the action succeeded.
 */
export async function runBusy(
  button: HTMLButtonElement,
  action: () => Promise<unknown>,
  onError: (error: unknown) => void,
  keepDisabled = false,
): Promise<boolean> {
  const done = busy(button);
  try {
    await action();
  } catch (error) {
    done();
    onError(error);
    return false;
  }
  if (!keepDisabled) done();
  return true;
}
