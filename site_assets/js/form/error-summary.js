// The error summary (data-module="form/error-summary"), shown after 检查全部: the 错误 first, then the 提示, each a
// link that moves focus to its field, with the basis of the message; or a success line when there is no 错误.
// Like govuk-frontend's error-summary: it takes focus when it appears, and a link focuses the field's input.
import { el, replaceKeepingFocus } from "../lib/dom.js";
import { basisNode } from "../lib/problem-item.js";
import { fill } from "./text.js";

export class FormSummary {
  static moduleName = "form/error-summary";

  constructor(box, app) {
    this.box = box;
    this.app = app;
    this.words = app.model.words.summary;
    this.title = box.querySelector(".smpls-summary__title");
    this.body = box.querySelector(".smpls-summary__body");
    this.success = app.root.querySelector("[data-success]");
    box.addEventListener("click", (ev) => {
      const a = ev.target.closest("a[data-goto]");
      if (!a) return;
      ev.preventDefault();
      app.focusField(a.dataset.goto);
    });
    app.store.on("summary:notReady", (state) => this.notReady(state), FormSummary.moduleName);
    app.store.on("summary:focus", () => this.focus(), FormSummary.moduleName);
  }

  /** 检查全部 before the checker is ready (or when it cannot run). */
  notReady(checkerState) {
    this.box.hidden = false;
    this.success.hidden = true;
    const failed = checkerState === "failed";
    this.title.textContent = failed ? this.words.failedTitle : this.words.waitingTitle;
    this.body.replaceChildren(el("p", { text: failed ? this.words.failed : this.words.waiting }));
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
      fill(this.words.notStartedBefore, { n: left.length }),
      el("a", { href: "#smpls-tasks" }, this.words.notStartedLink),
      this.words.notStartedAfter,
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
    const w = this.words;
    if (!errs.length) {
      const where = left.length ? w.startedParts : "";
      this.success.replaceChildren(
        view.sections && !view.sections.size
          ? w.nothingWritten
          : tips.length
            ? fill(w.noErrorsHints, { where, n: tips.length })
            : fill(w.noProblems, { where }) + (left.length ? "" : w.toReview),
        ...(left.length && view.sections.size ? [" ", this.notStartedNode(left)] : []),
      );
    }
    this.box.hidden = !errs.length && !tips.length;
    if (this.box.hidden) return;
    this.title.textContent = errs.length ? fill(w.errorsTitle, { n: errs.length }) : fill(w.hintsTitle, { n: tips.length });
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
    if (tips.length) parts.push(el("h3", { class: "smpls-summary__sub", text: w.hintsHeading }), list(tips, levels.hint));
    replaceKeepingFocus(this.body, parts, "data-goto");
  }
}
