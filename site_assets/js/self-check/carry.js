// 开始填写申请书 (data-module="self-check/carry" on the link): carries the answers into the form's draft
// (lib/draft-store.js). What to carry is Python's answer (the verdict's prefill, smpls.eligibility); when the
// checker is not ready, the page says so and carries nothing. A field of the draft that already holds a different
// value is asked about first in the dialog named by data-dialog-id; the note named by data-note-id says what
// happened when the page stays.
import { draftStore } from "../lib/draft-store.js";
import { ask } from "../lib/dialog.js";
import { el } from "../lib/dom.js";
import { fill, getPath, isObj, setPath } from "../lib/util.js";

export class SelfCheckCarry {
  static moduleName = "self-check/carry";

  constructor(link, { config, store, checker }) {
    this.link = link;
    this.config = config;
    this.store = store;
    this.checker = checker;
    this.dialog = document.getElementById(link.dataset.dialogId);
    this.noteEl = document.getElementById(link.dataset.noteId);
    link.addEventListener("click", (ev) => {
      ev.preventDefault();
      this.carry();
    });
  }

  /** path -> value to carry (Python's prefill for the current answers), or null when the checker cannot say. */
  async values() {
    if (this.store.state.checker.state !== "ready") return null;
    try {
      const v = await this.checker.call("eligibility", this.store.state.answers);
      return isObj(v) && isObj(v.prefill) ? v.prefill : null;
    } catch (err) {
      console.warn("从检查程序取带入值失败", err);
      return null;
    }
  }

  list(values, paths) {
    return paths.map((p) => fill(this.config.text.carryItem, { label: this.config.targets[p].label, value: values[p] })).join("；");
  }

  async carry() {
    const { text, targets } = this.config;
    this.store.emit("flush");
    const values = await this.values();
    if (!values) {
      this.note(this.store.state.checker.state === "failed" ? text.carryFailed : text.carryNotReady, true, true);
      return;
    }
    const paths = Object.keys(values).filter((p) => targets[p]);
    if (!paths.length) return this.go();
    if (draftStore.noStore()) return this.note(fill(text.carryNoStore, { list: this.list(values, paths) }), true, true);
    const saved = draftStore.load();
    const draft = saved && isObj(saved.draft) ? saved.draft : { schema_version: this.config.schemaVersion };
    const conflicts = [];
    const fillIn = {};
    for (const path of paths) {
      const current = getPath(draft, path);
      const now = typeof current === "string" ? current.trim() : current === undefined || current === null ? "" : String(current);
      if (now === values[path]) continue;
      if (now === "") fillIn[path] = values[path];
      else conflicts.push({ path, current: String(current), value: values[path] });
    }
    if (conflicts.length && !(await this.resolve(conflicts, fillIn))) {
      this.note(text.carryCancelled);
      this.link.focus();
      return;
    }
    this.apply(draft, fillIn);
  }

  /** Ask about each conflict; the chosen answers go into `fillIn`. False when cancelled. */
  async resolve(conflicts, fillIn) {
    const box = this.dialog.querySelector("[data-conflicts]");
    box.replaceChildren(...conflicts.map((c, i) => this.conflict(c, `sc-conflict-${i}`)));
    if ((await ask(this.dialog)) !== "confirm") return false;
    for (const fs of this.dialog.querySelectorAll("[data-path]")) {
      const choice = fs.querySelector("input:checked");
      const c = conflicts.find((x) => x.path === fs.dataset.path);
      if (c && choice && choice.value === "take") fillIn[c.path] = c.value;
    }
    return true;
  }

  conflict(c, name) {
    const { text, targets } = this.config;
    const t = targets[c.path];
    const choice = (value, words, key, checked) => {
      const [before, after] = words.split("{value}");
      return el(
        "div",
        { class: "smpls-radio" },
        el("input", { type: "radio", id: `${name}-${value}`, name, value, checked }),
        el("label", { for: `${name}-${value}` }, before, el("span", { "data-value": key, text: value === "keep" ? c.current : c.value }), after || ""),
      );
    };
    return el(
      "fieldset",
      { class: "smpls-sc-conflict", "data-path": c.path },
      el("legend", { class: "smpls-label" }, el("span", { text: t.label })),
      el("p", { class: "smpls-hint", text: fill(text.conflictSection, { section: t.section }) }),
      el("div", { class: "smpls-radios smpls-radios--stack" }, choice("keep", text.conflictKeep, "current", true), choice("take", text.conflictTake, "answer", false)),
    );
  }

  apply(draft, fillIn) {
    const paths = Object.keys(fillIn);
    if (paths.length) {
      for (const p of paths) setPath(draft, p, fillIn[p]);
      if (!draft.schema_version) draft.schema_version = this.config.schemaVersion;
      if (!draftStore.save(draft)) return this.note(fill(this.config.text.carrySaveFailed, { list: this.list(fillIn, paths) }), true, true);
    }
    this.go();
  }

  go() {
    window.location.assign(this.link.href);
  }

  note(message, warn = false, withLink = false) {
    this.noteEl.replaceChildren(message);
    if (withLink) this.noteEl.append(" ", el("a", { href: this.link.getAttribute("href"), text: this.config.text.carryLink }));
    this.noteEl.classList.toggle("smpls-note--warn", warn);
  }
}
