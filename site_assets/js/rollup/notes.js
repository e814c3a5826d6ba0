// What happened (data-module="rollup/notes", a live region): the store's "say" events ({text, warn}) appended,
// "clear-notes" empties it.
import { el } from "../lib/dom.js";

export class RollupNotes {
  static moduleName = "rollup/notes";

  constructor(box, { store }) {
    store.on("say", ({ text, warn }) => box.append(el("p", { class: warn ? "smpls-note smpls-note--warn" : "smpls-note", text })));
    store.on("clear-notes", () => box.replaceChildren());
  }
}
