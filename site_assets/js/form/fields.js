// Draft binding, the DOM half (data-module="form/fields" on the <form>): reads the boxes into a draft and
// writes a draft into the boxes, draws repeatable rows from their <template>, and tells the coordinator when
// the user types in a field (edited) and leaves it (left). The pure half is form-draft.js.
import { joinDraft, splitDraft, splitRow } from "./draft.js";
import { isObj, text } from "../lib/util.js";
import { updateCharCounts } from "./announce.js";

export class FormFields {
  static moduleName = "form/fields";

  constructor(form, app) {
    this.form = form;
    this.app = app;
    this.model = app.model;
    this.base = {}; // the last draft loaded, so keys the form does not show survive a save
    const onEdit = (ev) => {
      const t = ev.target;
      if (!t.name) return;
      const wrap = t.closest("[data-path]");
      if (wrap && wrap.dataset.unknown !== undefined && t.type === "radio") delete wrap.dataset.unknown;
      if (ev.type === "input") updateCharCounts(wrap || form);
      app.edited(t.name);
    };
    form.addEventListener("input", onEdit);
    form.addEventListener("change", onEdit);
    form.addEventListener("submit", (ev) => ev.preventDefault());
    form.addEventListener("focusout", (ev) => {
      const t = ev.target;
      if (!t.name) return;
      // Leaving a group of radios to another radio of the same group is not leaving the field.
      if (t.type === "radio" && ev.relatedTarget && ev.relatedTarget.name === t.name) return;
      app.left(t.name);
    });
  }

  readValue(name) {
    const item = this.form.elements.namedItem(name);
    if (!item) return "";
    if (item instanceof RadioNodeList || (item.type === "radio" && item.name)) {
      const value = item instanceof RadioNodeList ? item.value : item.checked ? item.value : "";
      if (value) return value;
      const wrap = this.form.querySelector(`[data-path="${CSS.escape(name)}"]`);
      return wrap && wrap.dataset.unknown !== undefined ? wrap.dataset.unknown : "";
    }
    return item.value;
  }

  writeValue(name, value) {
    const item = this.form.elements.namedItem(name);
    if (!item) return;
    const v = text(value);
    if (item instanceof RadioNodeList || item.type === "radio") {
      const wrap = this.form.querySelector(`[data-path="${CSS.escape(name)}"]`);
      let matched = false;
      for (const r of item instanceof RadioNodeList ? [...item] : [item]) {
        r.checked = r.value === v;
        matched ||= r.checked;
      }
      if (wrap) {
        if (!matched && v) wrap.dataset.unknown = v; // not one of the choices: kept, and the checker reports it
        else delete wrap.dataset.unknown;
      }
      return;
    }
    // a month box would silently drop "2022年1月": keep the text, the checker reports it
    if (item.type === "month" && v && !this.model.isStoredMonth(v)) item.type = "text";
    item.value = v;
  }

  list(kind) {
    return this.form.querySelector(`[data-rows="${kind}"]`);
  }

  /** The rows of one kind as plain objects (keys the form does not show included). */
  readRows(kind) {
    return [...this.list(kind).children].map((li, i) => {
      const row = isObj(li.smplsExtra) ? { ...li.smplsExtra } : {};
      for (const f of this.model.rowFields[kind]) row[f.name] = this.readValue(this.model.rowPath(kind, i, f.name));
      return row;
    });
  }

  /** Redraw the rows of one kind from plain objects. */
  renderRows(kind, rows) {
    const tpl = this.form.querySelector(`template[data-row-template="${kind}"]`).innerHTML;
    const list = this.list(kind);
    list.innerHTML = rows.map((_, i) => tpl.replaceAll("__I__", String(i)).replaceAll("__N__", String(i + 1))).join("");
    rows.forEach((row, i) => {
      const { cells, extra } = splitRow(this.model, kind, row);
      for (const [k, v] of Object.entries(cells)) this.writeValue(this.model.rowPath(kind, i, k), v);
      list.children[i].smplsExtra = extra;
    });
    updateCharCounts(list);
  }

  read() {
    const singles = new Map(this.model.singles.map((f) => [f.path, this.readValue(f.path)]));
    const rows = Object.fromEntries(this.model.kinds.map((k) => [k, this.readRows(k)]));
    return joinDraft(this.model, this.base, singles, rows);
  }

  write(draft) {
    const { base, singles, rows } = splitDraft(this.model, draft);
    this.base = base;
    for (const [path, value] of singles) this.writeValue(path, value);
    for (const kind of this.model.kinds) this.renderRows(kind, rows[kind]);
    updateCharCounts(this.form);
  }

  /** Move focus to a field (its label or legend scrolled into view), a row, a section, or the form. */
  focus(path) {
    let node = path ? document.getElementById(this.model.fieldId(path)) : null;
    if (!node && this.model.sections.some((s) => s.key === path)) node = document.getElementById(this.model.idOf("sectionTitle", path));
    if (!node) {
      node = this.form;
      node.setAttribute("tabindex", "-1");
    }
    const wrap = node.closest("[data-path]") || node;
    const label = wrap.querySelector("label, legend") || node;
    label.scrollIntoView({ block: "start" });
    node.focus({ preventScroll: true });
  }

  /** The id to link to for a path (a field, a row, a section), or "". */
  anchor(path) {
    if (!path) return "";
    const node = document.getElementById(this.model.fieldId(path));
    if (node) return node.id;
    return this.model.sections.some((s) => s.key === path) ? this.model.idOf("section", path) : "";
  }

  firstField() {
    return document.getElementById(this.model.fieldId(this.model.fields[0].path));
  }
}
