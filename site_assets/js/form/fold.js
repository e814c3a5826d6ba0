// Folding the parts of the 申请书 on a narrow screen (data-module="form/fold", on the form): one part open at a
// time, so that a phone does not scroll through thirty screens. Each part gets a button under its heading
// (展开填写 / 收起) and keeps its heading and its part-level message in view when folded; a task-list link opens
// its part and folds the others; an error-summary link, a 修改 link in 核对信息 and 清空 open the part of the
// field they focus (the coordinator calls reveal first). On a wide screen nothing is folded.
import { el } from "../lib/dom.js";
import { sectionOf } from "./problems.js";

/** The widths where the parts fold (and 核对信息 folds per part, form/review.js): form.css's phone width. */
export const NARROW = "(max-width: 44.9375em)";

export class FormFold {
  static moduleName = "form/fold";

  constructor(form, app) {
    this.form = form;
    this.app = app;
    this.words = app.model.words.fold;
    this.sections = [...form.querySelectorAll("section[data-section]")];
    this.buttons = new Map();
    for (const sec of this.sections) {
      const title = sec.querySelector(".smpls-section__title");
      const button = el("button", {
        type: "button",
        class: "smpls-btn smpls-btn--small smpls-fold__toggle",
        "aria-controls": sec.id,
        "aria-expanded": "true",
        "data-fold": sec.dataset.section,
      });
      button.addEventListener("click", () => this.toggle(sec.dataset.section));
      title.after(button);
      this.buttons.set(sec.dataset.section, button);
    }
    // a link to a part (the task list, 核对信息's headings): open that part, one at a time
    app.root.addEventListener(
      "click",
      (ev) => {
        const a = ev.target.closest('a[href^="#"]');
        const sec = a && this.sections.find((s) => `#${s.id}` === a.getAttribute("href"));
        if (sec) this.openOnly(sec.dataset.section);
      },
      true,
    );
    this.media = window.matchMedia(NARROW);
    this.media.addEventListener("change", () => this.apply());
    this.first = true;
  }

  folded(key) {
    const sec = this.sections.find((s) => s.dataset.section === key);
    return !!sec && sec.classList.contains("smpls-section--folded");
  }

  setOpen(key, on) {
    const sec = this.sections.find((s) => s.dataset.section === key);
    if (!sec) return;
    sec.classList.toggle("smpls-section--folded", !on);
    const button = this.buttons.get(key);
    button.setAttribute("aria-expanded", String(on));
    button.textContent = on ? this.words.close : this.words.open;
  }

  open(key) {
    if (this.media.matches) this.setOpen(key, true);
  }

  /** Open one part and fold the others (on a narrow screen). */
  openOnly(key) {
    if (!this.media.matches) return;
    for (const sec of this.sections) this.setOpen(sec.dataset.section, sec.dataset.section === key);
  }

  toggle(key) {
    this.setOpen(key, this.folded(key));
  }

  /** Before focusing a field: open its part. */
  reveal(path) {
    this.open(sectionOf(path));
  }

  /** Narrow: one part open (the first not begun, or the cover); wide: all open and no buttons. */
  apply(view) {
    const narrow = this.media.matches;
    this.app.root.classList.toggle("smpls-form--fold", narrow);
    if (!narrow) {
      for (const sec of this.sections) this.setOpen(sec.dataset.section, true);
      return;
    }
    const started = (view && view.sections) || new Set();
    const next = this.sections.find((s) => !started.has(s.dataset.section)) || this.sections[0];
    this.openOnly(next.dataset.section);
  }

  render(view) {
    if (!this.first) return;
    this.first = false; // the first drawing knows what was restored; after that, the user decides
    this.apply(view);
  }
}
