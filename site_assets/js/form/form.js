// The 申请书 form page: the coordinator. The HTML (every field, label, hint, limit) and a JSON config (paths,
// labels, ids, row schemes, levels) are written at build time from the Python model (site_assets/hooks/form.py).
// This module holds the state (the draft in the boxes, which fields were touched or are being typed in,
// whether the user asked to 检查全部, the checker's last result) and passes it to one small component per job,
// each found by its data-module attribute inside the form (form/fields, form/rows, form/autosave, form/status,
// form/inline-messages, form/counts, form/error-summary, form/tasks, form/review, form/downloads, form/import-zone,
// form/clear, form/fold). Components never read each other's DOM. Each state change is published in a small
// store (form/store.js) that components subscribe to: "view" (what the page shows now, drawn by every component
// with a render), "status" and "checkFailed" (the checker's, from form/checker-link.js), "summary:notReady",
// "summary:focus", "counts:back" and "review:focusBack" (one component asking another, without holding it).
// Typing never waits for Python, and nothing the user typed is dropped.
import { draftStore } from "../lib/draft-store.js";
import { Store } from "../lib/components.js";
import { createAll } from "./store.js";
import { CheckerLink } from "./checker-link.js";
import { PressHold } from "./press-hold.js";
import { initRegions } from "./regions.js";
import { FormModel } from "./model.js";
import { hasContent, writtenPaths } from "./draft.js";
import { counts, isShown, remapRowPaths, startedSections, targetPath } from "./problems.js";
import { Announcer } from "./announce.js";
import { FormFields } from "./fields.js";
import { FormRows } from "./rows.js";
import { FormAutosave } from "./autosave.js";
import { FormStatus } from "./status.js";
import { FormMessages } from "./inline-messages.js";
import { FormCounts } from "./counts.js";
import { FormSummary } from "./error-summary.js";
import { FormTasks } from "./tasks.js";
import { FormReview } from "./review.js";
import { FormDownloads } from "./downloads.js";
import { FormImportZone } from "./import-zone.js";
import { FormClear } from "./clear.js";
import { FormFold } from "./fold.js";

const COMPONENTS = [FormFields, FormRows, FormAutosave, FormStatus, FormMessages, FormCounts, FormSummary, FormTasks, FormReview, FormDownloads, FormImportZone, FormClear, FormFold];

export function init(root) {
  const app = new FormApp(root);
  app.start();
  root.smplsForm = app; // for tests and the benchmark (no other global is created)
  return app;
}

class FormApp {
  constructor(root) {
    this.root = root;
    this.model = new FormModel(JSON.parse(root.querySelector("#smpls-form-config").textContent));
    this.siteRoot = new URL("../../../", import.meta.url).href; // this file is <site>/assets/smpls/form/form.js
    this.touched = new Set(); // fields the user has left
    this.editing = new Set(); // fields typed in and not yet left
    this.showAll = false; // 检查全部 was asked for
    this.result = null; // the checker's last {problems, counts}
    this.returnTo = null;
    this.store = new Store();
    this.link = new CheckerLink(this);
  }

  get checker() {
    return this.link.checker;
  }

  get checkerState() {
    return this.link.state;
  }

  /** The first component of a kind (undefined when it did not start). */
  one(name) {
    return (this.parts[name] || [])[0];
  }

  start() {
    this.root.classList.add("smpls-form--js");
    this.press = new PressHold(() => this.render());
    this.announcer = new Announcer(this.root);
    this.parts = Object.fromEntries(COMPONENTS.map((C) => [C.moduleName, createAll(C, this.root, this)]));
    this.fields = this.one("form/fields");
    this.autosave = this.one("form/autosave");
    this.fold = this.one("form/fold"); // folds the parts on a phone
    this.autosave.restore();
    this.render();
    this.link.start();
    initRegions(this.fields.form, new URL(this.model.config.regions, this.siteRoot).href, this.model.words.regions)
      .then((r) => (this.regions = r))
      .catch((err) => console.warn("省、县候选项未能加载，可直接输入", err));
  }

  // ------------------------------------------------------------------ the draft
  draft() {
    return this.fields.read();
  }

  hasContent() {
    return hasContent(this.model, this.draft());
  }

  /** Show a draft (restored, from another tab, imported, cleared). */
  load(draft, { quiet = false } = {}) {
    this.fields.write(draft);
    if (this.regions) this.regions.follow();
    if (!quiet) this.validateNow();
  }

  /** Replace the draft by an imported one; returns the previous draft (also kept in the browser) for undo. */
  replaceDraft(draft) {
    const previous = this.draft();
    draftStore.saveBackup(previous);
    this.touched.clear();
    this.editing.clear();
    this.showAll = false;
    this.result = null;
    this.load(draft, { quiet: true });
    this.autosave.saveNow();
    this.autosave.schedule();
    this.validateNow();
    return previous;
  }

  restoreBeforeImport(previous) {
    const prev = previous || (draftStore.loadBackup() || {}).draft;
    if (!prev) return false;
    this.load(prev, { quiet: true });
    this.autosave.saveNow();
    this.validateNow();
    return true;
  }

  clear() {
    this.autosave.cleared();
    this.touched.clear();
    this.editing.clear();
    this.showAll = false;
    this.result = null;
    this.load({}, { quiet: true });
    this.validateNow();
    this.announce(this.model.words.form.cleared);
    const first = this.fields.firstField();
    this.reveal(first.name);
    first.scrollIntoView({ block: "center" });
    first.focus({ preventScroll: true });
  }

  saveNow() {
    this.autosave.saveNow();
  }

  downloaded() {
    this.autosave.downloaded();
  }

  /** The 下载 JSON and file-saving of form/downloads, for the autosave's messages (full or unreadable storage). */
  downloadJson() {
    this.one("form/downloads").json();
  }

  saveFile(blob, filename) {
    this.one("form/downloads").save(blob, filename);
  }

  // ------------------------------------------------------------------ events from the components
  /** The user typed in (or picked) a field. */
  edited(path) {
    this.editing.add(path);
    this.changed();
  }

  /** The user left a field: its problems may show now. */
  left(path) {
    this.editing.delete(path);
    this.touched.add(path);
    this.validateNow();
  }

  /** Anything in the draft changed: save soon, check soon, and redraw what follows the draft at once. */
  changed() {
    this.autosave.schedule();
    clearTimeout(this.checkTimer);
    this.checkTimer = setTimeout(() => this.validateNow(), 400);
    this.render();
  }

  remapRows(kind, map) {
    const list = this.model.rows[kind].list;
    this.touched = remapRowPaths(this.touched, list, map);
    this.editing = remapRowPaths(this.editing, list, map);
  }

  announce(message) {
    this.announcer.say(message);
  }

  focusField(path) {
    this.reveal(path);
    this.fields.focus(path);
  }

  /** Open the part of the 申请书 that holds `path` (folded on a phone) before it is focused. */
  reveal(path) {
    if (this.fold) this.fold.reveal(path);
  }

  /** A 修改 link in 核对信息: go to the field, and offer the way back. */
  changeFrom(path) {
    this.returnTo = path;
    this.store.emit("counts:back", true);
    this.reveal(path);
    this.fields.focus(path);
  }

  backToReview() {
    this.store.emit("counts:back", false);
    const back = this.returnTo;
    this.returnTo = null;
    this.render();
    this.store.emit("review:focusBack", back);
  }

  // ------------------------------------------------------------------ the checker (form/checker-link.js)
  checkerSettled() {
    return this.link.settled();
  }

  validateNow() {
    return this.link.validate();
  }

  checkAll() {
    return this.link.checkAll();
  }

  /** The 错误 the user can see now (the bar's count). */
  errorCount() {
    return this.view().counts.errors;
  }

  // ------------------------------------------------------------------ drawing
  view() {
    const draft = this.draft();
    const written = writtenPaths(this.model, draft);
    const { levels } = this.model;
    const state = { showAll: this.showAll, touched: this.touched, editing: this.editing, written, levels };
    state.started = startedSections(state); // the parts of the 申请书 begun (form/problems.js says what counts)
    const problems = (this.result && this.result.problems) || [];
    const hasMsg = (p) => !!this.root.querySelector(`[data-msg-for="${CSS.escape(p)}"]`);
    const shown = problems.filter((p) => isShown(p, state)).map((p) => ({ ...p, target: targetPath(p.path, hasMsg) }));
    return {
      draft,
      problems,
      shown,
      result: this.result,
      showAll: this.showAll,
      checkerState: this.checkerState,
      started: this.showAll || state.started.size > 0,
      sections: state.started,
      notStarted: this.model.sections.filter((s) => !state.started.has(s.key)),
      counts: counts(problems, state, this.model.unfilled(draft), levels),
    };
  }

  /** Publish what the page shows now (held while a pointer is down: form/press-hold.js). */
  render() {
    if (this.press && this.press.holding()) return;
    this.store.emit("view", this.view());
  }
}
