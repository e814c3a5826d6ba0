// A modal <dialog> that asks (the form's 清空, the self-check's conflicting answers, the roll-up's 清空列表):
// buttons marked data-dialog="<value>" close it with their value; Esc closes it with "".

const wired = new WeakSet();

/** Buttons [data-dialog] inside `dialog` close it with their value (wired once). */
export function wireDialog(dialog) {
  if (wired.has(dialog)) return;
  wired.add(dialog);
  dialog.addEventListener("click", (ev) => {
    const b = ev.target.closest("[data-dialog]");
    if (b) dialog.close(b.dataset.dialog);
  });
}

/**
 * Show `dialog` and resolve with the value it is closed with ("confirm", "cancel", "" for Esc). `focus`: a
 * selector of the element to focus first. Where <dialog> is not supported, `fallback()` answers (true for
 * "confirm"); without one the answer is "".
 */
export function ask(dialog, { focus = null, fallback = null } = {}) {
  if (typeof dialog.showModal !== "function") return Promise.resolve(fallback && fallback() ? "confirm" : "");
  wireDialog(dialog);
  return new Promise((resolve) => {
    dialog.addEventListener("close", () => resolve(dialog.returnValue), { once: true });
    dialog.returnValue = "";
    dialog.showModal();
    const first = focus && dialog.querySelector(focus);
    if (first) first.focus();
  });
}
