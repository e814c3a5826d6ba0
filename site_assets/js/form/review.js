// Check your answers (data-module="form/review"): every field with its value (or 未填写), its shown messages, a
// 修改 link that goes to the field; the bar's 返回核对信息 comes back to the same link. On a phone each part is
// a <details> (folded, its summary says how much is filled) so that the page stays short.
import { el, replaceKeepingFocus } from "../lib/dom.js";
import { messageItem } from "../lib/problem-item.js";
import { text } from "../lib/util.js";
import { NARROW } from "./fold.js";
import { sectionOf } from "./problems.js";
import { fill } from "./text.js";

const REVIEW_CHARS = 3000;

export class FormReview {
  static moduleName = "form/review";

  constructor(body, app) {
    this.body = body;
    this.app = app;
    this.opened = new Set(); // on a phone each part is folded (<details>) until opened; kept across redraws
    body.addEventListener("click", (ev) => {
      const a = ev.target.closest("a[data-change]");
      if (!a) return;
      ev.preventDefault();
      app.changeFrom(a.dataset.change);
    });
    app.store.on("review:focusBack", (path) => this.focusBack(path), FormReview.moduleName);
  }

  /** Focus the 修改 link of `path` (or the heading) after coming back. */
  focusBack(path) {
    const link = path ? this.body.querySelector(`[data-change="${CSS.escape(path)}"]`) : null;
    const part = link && link.closest("details");
    if (part) part.open = true;
    const target = link || document.getElementById(this.app.model.idOf("reviewTitle"));
    target.scrollIntoView({ block: "center" });
    target.focus({ preventScroll: true });
  }

  render(view) {
    const { model } = this.app;
    const w = model.words.review;
    const byPath = new Map();
    for (const p of view.shown) byPath.set(p.path, [...(byPath.get(p.path) || []), p]);
    const row = (key, ...dds) => el("div", { class: "smpls-review__row" }, el("dt", { class: "smpls-review__key", text: key }), ...dds);
    let filled = 0;
    let total = 0;
    const item = (path, label, value, kind) => {
      let v = text(value).trim() ? text(value) : "";
      total += 1;
      if (v) filled += 1;
      if (kind === "yearmonth" && model.isStoredMonth(v.trim())) v = model.showMonth(v.trim());
      // no box limits its length (the notice sets none): a very long answer is shown in part, so that laying
      // out this view stays quick; the box above and the Word file hold all of it
      if (v.length > REVIEW_CHARS) v = v.slice(0, REVIEW_CHARS) + fill(w.cut, { n: [...v].length });
      const dd = el("dd", { class: "smpls-review__value" + (v ? "" : " smpls-review__value--empty"), text: v || w.empty });
      for (const p of byPath.get(path) || []) dd.append(messageItem(p, model.levels, this.app.siteRoot));
      const change = el("a", { href: "#" + model.fieldId(path), "data-change": path }, w.change, el("span", { class: "smpls-vh", text: ` ${label}` }));
      return row(label, dd, el("dd", { class: "smpls-review__action" }, change));
    };
    const blocks = [];
    const narrow = window.matchMedia(NARROW).matches;
    for (const d of this.body.querySelectorAll("details[data-part]")) {
      if (d.open) this.opened.add(d.dataset.part); // opened just now: its toggle event may not have run yet
      else this.opened.delete(d.dataset.part);
    }
    for (const sec of model.sections) {
      const rows = [];
      filled = total = 0;
      for (const kind of model.kinds.filter((k) => model.rowFields[k].some((f) => f.section === sec.key))) {
        const list = model.rowsIn(view.draft, kind);
        list.forEach((r, i) => {
          for (const f of model.rowFields[kind]) {
            rows.push(item(model.rowPath(kind, i, f.name), `${model.rowLabel(kind, i)} · ${f.label}`, r[f.name], f.kind));
          }
        });
        if (!list.length) rows.push(row(model.labelFor(model.rows[kind].list), el("dd", { class: "smpls-review__value smpls-review__value--empty", text: w.noRows })));
      }
      for (const f of model.singles.filter((f) => f.section === sec.key)) rows.push(item(f.path, f.label, view.draft[f.section][f.name], f.kind));
      const list = el("dl", { class: "smpls-review__list" }, ...rows);
      if (!narrow) {
        blocks.push(el("h3", { class: "smpls-review__title", text: sec.short }), list);
        continue;
      }
      const problems = view.shown.some((p) => sectionOf(p.path) === sec.key) ? w.partProblems : "";
      const part = el(
        "details",
        { class: "smpls-review__part", "data-part": sec.key, open: this.opened.has(sec.key) },
        el("summary", { class: "smpls-review__title", text: fill(w.partSummary, { title: sec.short, filled, total, problems }) }),
        list,
      );
      part.addEventListener("toggle", () => (part.open ? this.opened.add(sec.key) : this.opened.delete(sec.key)));
      blocks.push(part);
    }
    replaceKeepingFocus(this.body, blocks, "data-change");
  }
}
