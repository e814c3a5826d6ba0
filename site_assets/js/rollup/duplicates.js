// Possible duplicates across the list (data-module="rollup/duplicates"): Python's messages (summary_duplicates).
import { el } from "../lib/dom.js";

export class RollupDuplicates {
  static moduleName = "rollup/duplicates";

  constructor(box, { store }) {
    store.on("change:dups", (dups) => {
      box.querySelector("ul").replaceChildren(...dups.map((d) => el("li", { text: d.message })));
      box.hidden = dups.length === 0;
    });
  }
}
