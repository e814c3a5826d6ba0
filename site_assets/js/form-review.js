// Check your answers (data-module="form-review"): every field with its value (or 未填写), its shown messages, a
// 修改 link that goes to the field; the bar's 返回核对信息 comes back to the same link.
import { el } from "./dom.js";
import { messageItem } from "./form-message.js";
import { text } from "./util.js";

const MONTH = /^\d{4}-(0[1-9]|1[0-2])$/;

export class FormReview {
  static moduleName = "form-review";

  constructor(body, app) {
    this.body = body;
    this.app = app;
    body.addEventListener("click", (ev) => {
      const a = ev.target.closest("a[data-change]");
      if (!a) return;
      ev.preventDefault();
      app.changeFrom(a.dataset.change);
    });
  }

  /** Focus the 修改 link of `path` (or the heading) after coming back. */
  focusBack(path) {
    const link = path ? this.body.querySelector(`[data-change="${CSS.escape(path)}"]`) : null;
    const target = link || document.getElementById("review-title");
    target.scrollIntoView({ block: "center" });
    target.focus({ preventScroll: true });
  }

  render(view) {
    const { model } = this.app;
    const byPath = new Map();
    for (const p of view.shown) byPath.set(p.path, [...(byPath.get(p.path) || []), p]);
    const row = (key, ...dds) => el("div", { class: "smpls-review__row" }, el("dt", { class: "smpls-review__key", text: key }), ...dds);
    const item = (path, label, value, kind) => {
      let v = text(value).trim() ? text(value) : "";
      if (kind === "yearmonth" && MONTH.test(v.trim())) v = `${v.slice(0, 4)}年${Number(v.slice(5, 7))}月`;
      const dd = el("dd", { class: "smpls-review__value" + (v ? "" : " smpls-review__value--empty"), text: v || "未填写" });
      for (const p of byPath.get(path) || []) dd.append(messageItem(p, model.levels, this.app.siteRoot));
      const change = el("a", { href: "#" + model.fieldId(path), "data-change": path }, "修改", el("span", { class: "smpls-vh", text: ` ${label}` }));
      return row(label, dd, el("dd", { class: "smpls-review__action" }, change));
    };
    const blocks = [];
    for (const sec of model.sections) {
      const rows = [];
      for (const kind of model.kinds.filter((k) => model.rowFields[k].some((f) => f.section === sec.key))) {
        const list = model.rowsIn(view.draft, kind);
        list.forEach((r, i) => {
          for (const f of model.rowFields[kind]) {
            rows.push(item(model.rowPath(kind, i, f.name), `${model.rowLabel(kind, i)} · ${f.label}`, r[f.name], f.kind));
          }
        });
        if (!list.length) rows.push(row(model.labelFor(model.rows[kind].list), el("dd", { class: "smpls-review__value smpls-review__value--empty", text: "没有" })));
      }
      for (const f of model.singles.filter((f) => f.section === sec.key)) rows.push(item(f.path, f.label, view.draft[f.section][f.name], f.kind));
      blocks.push(el("h3", { class: "smpls-review__title", text: sec.short }), el("dl", { class: "smpls-review__list" }, ...rows));
    }
    // Redrawn while a 修改 link has the focus (coming back to it, tabbing through): the same link keeps it.
    const had = this.body.contains(document.activeElement) && document.activeElement.dataset.change;
    this.body.replaceChildren(...blocks);
    if (had) {
      const again = this.body.querySelector(`[data-change="${CSS.escape(had)}"]`);
      if (again) again.focus({ preventScroll: true });
    }
  }
}
