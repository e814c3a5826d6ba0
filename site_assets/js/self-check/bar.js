// The verdict's word in the bar at the top (data-module="self-check/bar"), drawn from the store's result.
import { verdictView } from "./verdict-view.js";

export class SelfCheckBar {
  static moduleName = "self-check/bar";

  constructor(bar, { config, store }) {
    this.word = bar.querySelector("[data-bar-verdict]");
    const draw = () => {
      const view = verdictView(store.state.result, store.state.answers, config);
      this.word.textContent = view.word;
      this.word.className = view.tag;
    };
    store.on("change:result", draw);
    draw();
  }
}
