// The sticky bar (data-module="form/counts"): how much is left to fill (未填 N 项), the 错误 and 提示 that are
// shown, the 检查全部 button, the way back to the list of problems after 检查全部, and to 核对信息 (always; and
// 返回核对信息 after a 修改 link).
import { el } from "../lib/dom.js";
import { fill } from "./text.js";

export class FormCounts {
  static moduleName = "form/counts";

  constructor(bar, app) {
    this.app = app;
    this.countsEl = bar.querySelector("[data-counts]");
    this.back = bar.querySelector("[data-back]");
    this.toSummary = bar.querySelector("[data-to-summary]"); // back to the list of problems, once there is one
    this.toSummary.addEventListener("click", (ev) => {
      ev.preventDefault();
      app.store.emit("summary:focus");
    });
    this.checkButton = bar.querySelector('[data-action="check-all"]');
    this.checkButton.addEventListener("click", () => app.checkAll());
    this.back.addEventListener("click", (ev) => {
      ev.preventDefault();
      app.backToReview();
    });
    app.store.on("counts:back", (on) => this.showBack(on), FormCounts.moduleName);
  }

  showBack(on) {
    this.back.hidden = !on;
  }

  render(view) {
    const { counts, result, checkerState, started } = view;
    const w = this.app.model.words.counts;
    this.toSummary.hidden = !view.showAll;
    const pill = (cls, n, words) =>
      el("span", { class: `smpls-count smpls-count--${cls}` + (n ? "" : " smpls-count--zero"), text: words });
    const parts = [];
    const left = view.showAll ? view.notStarted.length : 0; // after 检查全部, what is unfilled is in parts not begun
    if (left) parts.push(pill("todo", left, fill(w.notStarted, { n: left })));
    else if (counts.unfilled) parts.push(pill("todo", counts.unfilled, fill(w.unfilled, { n: counts.unfilled })));
    if (result && started) {
      parts.push(pill("error", counts.errors, fill(w.errors, { n: counts.errors })), pill("hint", counts.hints, fill(w.hints, { n: counts.hints })));
    } else if (!result && started) {
      parts.push(el("span", { text: checkerState === "failed" ? w.failed : w.waiting }));
    }
    if (!parts.length) parts.push(el("span", { text: w.allFilled }));
    this.countsEl.replaceChildren(...parts);
  }
}
