// The sticky bar (data-module="form/counts"): how much is left to fill (未填 N 项), the 错误 and 提示 that are
// shown, the 检查全部 button, the way back to the list of problems after 检查全部, and to 核对信息 (always; and
// 返回核对信息 after a 修改 link).
import { el } from "../lib/dom.js";

export class FormCounts {
  static moduleName = "form/counts";

  constructor(bar, app) {
    this.app = app;
    this.countsEl = bar.querySelector("[data-counts]");
    this.back = bar.querySelector("[data-back]");
    this.toSummary = bar.querySelector("[data-to-summary]"); // back to the list of problems, once there is one
    this.toSummary.addEventListener("click", (ev) => {
      ev.preventDefault();
      app.store.publish("summary:focus");
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
    this.toSummary.hidden = !view.showAll;
    const pill = (cls, n, words) =>
      el("span", { class: `smpls-count smpls-count--${cls}` + (n ? "" : " smpls-count--zero"), text: words });
    const parts = [];
    const left = view.showAll ? view.notStarted.length : 0; // after 检查全部, what is unfilled is in parts not begun
    if (left) parts.push(pill("todo", left, `${left} 个部分未开始`));
    else if (counts.unfilled) parts.push(pill("todo", counts.unfilled, `未填 ${counts.unfilled} 项`));
    if (result && started) {
      parts.push(pill("error", counts.errors, `错误 ${counts.errors} 处`), pill("hint", counts.hints, `提示 ${counts.hints} 处`));
    } else if (!result && started) {
      parts.push(el("span", { text: checkerState === "failed" ? "无法检查（检查程序未加载）" : "检查程序就绪后显示问题数" }));
    }
    if (!parts.length) parts.push(el("span", { text: "全部必填项已填写" }));
    this.countsEl.replaceChildren(...parts);
  }
}
