// Copying a text for the person: the clipboard when the webview allows it, else the text is
// selected on the page so Ctrl+C copies it. Owns nothing else; the caller says what happened.

/** Writes `text` to the clipboard; false when there is no clipboard access. */
async function copyText(text: string): Promise<boolean> {
  try {
    if (!navigator.clipboard?.writeText) return false;
    await navigator.clipboard.writeText(text);
    return true;
  } catch {
    return false;
  }
}

/** Selects the text of `el`, so Ctrl+C copies it. */
function selectText(el: HTMLElement): void {
  const selection = window.getSelection();
  if (!selection) return;
  const range = document.createRange();
  range.selectNodeContents(el);
  selection.removeAllRanges();
  selection.addRange(range);
}

/**
 * Copies `text`; without clipboard access, selects `shown` (where the text is on the page)
 * instead. True when it was copied.
 */
export async function copyOrSelect(text: string, shown: HTMLElement): Promise<boolean> {
  if (await copyText(text)) return true;
  selectText(shown);
  return false;
}
