// The error summary (data-module="form/error-summary"), shown after 检查全部: the 错误 first, then the 提示, each a
// link that moves focus to its field, with the basis of the message; or a success line when there is no 错误.
// Like govuk-frontend's error-summary: it takes focus when it appears, and a link focuses the field's input.
import { el, replaceKeepingFocus } from "../lib/dom.js";
import { basisNode } from "../lib/problem-item.js";

export class FormSummary {
  static moduleName = "form/error-summary";

  constructor(box, app) {
    this.box = box;
    this.app = app;
    this.title = box.querySelector(".smpls-summary__title");
    this.body = box.querySelector(".smpls-summary__body");
    this.success = app.root.querySelector("[data-success]");
    box.addEventListener("click", (ev) => {
      const a = ev.target.closest("a[data-goto]");
      if (!a) return;
      ev.preventDefault();
      app.focusField(a.dataset.goto);
    });
  }

  /** 检查全部 before the checker is ready (or when it cannot run). */
  notReady(checkerState) {
    this.box.hidden = false;
    this.success.hidden = true;
    this.title.textContent = checkerState === "failed" ? "不能检查" : "检查程序加载完成后会自动检查";
    this.body.replaceChildren(
      el("p", {
        text:
          checkerState === "failed"
            ? "检查程序没有加载成功（原因和办法见页面上方），所以不能检查。您填写的内容已自动保存，也可以下载草稿文件（.json）。"
            : "检查程序还在加载（进度见页面上方），加载完成后会自动检查并在这里列出问题，不用再点。您可以继续填写，内容已自动保存。",
      }),
    );
    this.focus(this.box);
  }

  focus(target = this.box.hidden ? this.success : this.box) {
    target.scrollIntoView({ block: "start" });
    target.focus({ preventScroll: true });
  }

  /** "还有 2 个部分未开始，这里没有列出它们的问题（见填写进度）。": the task list names them. */
  notStartedNode(left) {
    return el(
      "span",
      { "data-not-started": String(left.length) },
      `还有 ${left.length} 个部分未开始，这里没有列出它们的问题（`,
      el("a", { href: "#smpls-tasks" }, "见填写进度"),
      "）。",
    );
  }

  render(view) {
    if (!view.showAll || !view.result) {
      if (view.checkerState === "ready" || !view.showAll) this.box.hidden = true;
      this.success.hidden = true;
      return;
    }
    const { levels } = this.app.model;
    const errs = view.shown.filter((p) => p.level === levels.error);
    const tips = view.shown.filter((p) => p.level !== levels.error);
    const left = view.notStarted || [];
    this.success.hidden = errs.length > 0;
    if (!errs.length) {
      const where = left.length ? "已开始的部分" : "";
      this.success.replaceChildren(
        view.sections && !view.sections.size
          ? "还没有开始填写，所以没有可检查的内容。请从“封面”开始填写。"
          : tips.length
            ? `${where}没有发现错误。还有 ${tips.length} 条提示，可以参考修改（不影响下载）。`
            : `${where}没有发现错误，也没有提示。` + (left.length ? "" : "请到“核对信息”逐项核对后下载。"),
        ...(left.length && view.sections.size ? [" ", this.notStartedNode(left)] : []),
      );
    }
    this.box.hidden = !errs.length && !tips.length;
    if (this.box.hidden) return;
    this.title.textContent = errs.length ? `有 ${errs.length} 处错误需要修改` : `${tips.length} 条提示`;
    const list = (items, level) =>
      el(
        "ul",
        { class: `smpls-summary__list smpls-summary__list--${level === levels.error ? "error" : "hint"}` },
        ...items.map((p) => {
          const basis = basisNode(p, this.app.siteRoot);
          return el(
            "li",
            {},
            el(
              "a",
              { href: "#" + (this.app.fields.anchor(p.target) || "smpls-app"), "data-goto": p.target || "" },
              el("span", { class: "smpls-tagword", text: level }),
              `${this.app.model.labelFor(p.path)}：${p.message}`,
            ),
            basis ? " " : null,
            basis,
          );
        }),
      );
    const parts = [];
    if (left.length && errs.length) parts.push(el("p", { class: "smpls-summary__left" }, this.notStartedNode(left)));
    if (errs.length) parts.push(list(errs, levels.error));
    if (tips.length) parts.push(el("h3", { class: "smpls-summary__sub", text: "提示（建议修改，不影响下载）" }), list(tips, levels.hint));
    replaceKeepingFocus(this.body, parts, "data-goto");
  }
}
