// Repeatable rows (data-module="form/rows" on each [data-repeat]: the stages of 四, the 参加单位 of 六):
// add, move up or down, remove with undo; focus follows the row, and each change is announced.
import { el } from "../lib/dom.js";
import { fill } from "./text.js";

export class FormRows {
  static moduleName = "form/rows";

  constructor(box, app) {
    this.box = box;
    this.app = app;
    this.kind = box.dataset.repeat;
    this.lastRemoved = null;
    this.words = app.model.words.rows;
    box.addEventListener("click", (ev) => {
      const btn = ev.target.closest("button");
      if (!btn) return;
      if (btn.dataset.addRow) this.add();
      else if (btn.dataset.rowAction) this.act(btn);
      else if (btn.dataset.action === "undo-remove") this.undo();
    });
  }

  get fields() {
    return this.app.fields;
  }

  items() {
    return this.box.querySelector(`[data-rows="${this.kind}"]`).children;
  }

  label(i) {
    return this.app.model.rowLabel(this.kind, i);
  }

  redraw(rows, remap) {
    if (remap) this.app.remapRows(this.kind, remap);
    this.fields.renderRows(this.kind, rows);
    this.render();
  }

  add() {
    const rows = this.fields.readRows(this.kind);
    rows.push({});
    this.redraw(rows);
    this.items()[rows.length - 1].querySelector("input, textarea").focus();
    this.app.announce(fill(this.words.added, { row: this.label(rows.length - 1) }));
    this.app.changed();
  }

  act(btn) {
    const li = btn.closest("[data-row]");
    const i = [...li.parentElement.children].indexOf(li);
    const rows = this.fields.readRows(this.kind);
    const action = btn.dataset.rowAction;
    if (action === "remove") {
      const [gone] = rows.splice(i, 1);
      this.lastRemoved = { index: i, row: gone };
      this.redraw(rows, (k) => (k === i ? null : k > i ? k - 1 : k));
      const next = this.items()[Math.min(i, rows.length - 1)];
      (next ? next.querySelector("input, textarea") : this.box.querySelector("[data-add-row]")).focus();
      this.status(fill(this.words.removed, { row: this.label(i) }), true);
    } else {
      const j = action === "up" ? i - 1 : i + 1;
      if (j < 0 || j >= rows.length) return;
      [rows[i], rows[j]] = [rows[j], rows[i]];
      this.redraw(rows, (k) => (k === i ? j : k === j ? i : k));
      const moved = this.items()[j];
      let target = moved.querySelector(`[data-row-action="${action}"]`);
      if (target.disabled) target = moved.querySelector(`[data-row-action="${action === "up" ? "down" : "up"}"]`);
      if (target.disabled) target = moved.querySelector('[data-row-action="remove"]');
      target.focus();
      this.status(fill(action === "up" ? this.words.movedUp : this.words.movedDown, { row: this.label(i), to: this.label(j) }));
    }
    this.app.changed();
  }

  undo() {
    const r = this.lastRemoved;
    if (!r) return;
    const rows = this.fields.readRows(this.kind);
    const at = Math.min(r.index, rows.length);
    rows.splice(at, 0, r.row);
    this.lastRemoved = null;
    this.redraw(rows, (k) => (k >= at ? k + 1 : k));
    this.items()[at].querySelector("input, textarea").focus();
    this.status(fill(this.words.restored, { row: this.label(at) }));
    this.app.changed();
  }

  status(message, undo = false) {
    this.app.announce(message);
    let note = this.box.querySelector(".smpls-row-note");
    if (!note) {
      note = el("p", { class: "smpls-note smpls-row-note" });
      this.box.querySelector("[data-add-row]").before(note);
    }
    note.replaceChildren(message);
    if (undo) note.append(" ", el("button", { type: "button", class: "smpls-link-btn", "data-action": "undo-remove", text: this.words.undoRemove }));
  }

  /** Button states follow the number of rows (called after any redraw, also by the coordinator). */
  render() {
    const items = [...this.items()];
    items.forEach((li, i) => {
      li.querySelector('[data-row-action="up"]').disabled = i === 0;
      li.querySelector('[data-row-action="down"]').disabled = i === items.length - 1;
    });
  }
}
