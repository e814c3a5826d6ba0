// Applications registered outside the office's 省（区、市） (data-module="rollup/outside"): Python's messages with
// their basis (summary_duplicates).
import { el } from "../lib/dom.js";
import { fill } from "../lib/util.js";

export class RollupOutside {
  static moduleName = "rollup/outside";

  constructor(box, { config, store }) {
    store.on("change:outside", (outside) => {
      box.querySelector("ul").replaceChildren(...outside.map((o) => el("li", { text: fill(config.text.outsideItem, o) })));
      box.hidden = outside.length === 0;
    });
  }
}
