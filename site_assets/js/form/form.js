// The 申请书 form page: the coordinator. The HTML (every field, label, hint, limit) and a JSON config (paths,
// labels, ids, row schemes, levels) are written at build time from the Python model (site_assets/hooks/form.py).
// This module holds the state (the draft in the boxes, which fields were touched or are being typed in,
// whether the user asked to 检查全部, the checker's last result) and passes it to one small component per job,
// each found by its data-module attribute inside the form (form/fields, form/rows, form/autosave, form/status,
// form/inline-messages, form/counts, form/error-summary, form/tasks, form/review, form/downloads, form/import-zone,
// form/clear, form/fold). Components never read each other's DOM; they call the coordinator.
// Typing never waits for Python, and nothing the user typed is dropped.
import { draftStore } from "../lib/draft-store.js";
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

/**
 * Every element inside `root` whose data-module names the component, made into one (govuk-frontend createAll).
 * One that fails to start is reported (console.error, which fails the browser tests) and left out; the others
 * still start.
 */
function createAll(Component, root, app) {
  const made = [];
  for (const node of root.querySelectorAll(`[data-module~="${Component.moduleName}"]`)) {
    try {
      made.push(new Component(node, app));
    } catch (err) {
      console.error(`表单组件 ${Component.moduleName} 未能启动`, err);
    }
  }
  return made;
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
    this.checker = null;
    this.checkerState = "loading";
    this.seq = 0;
    this.returnTo = null;
    this.pressed = false; // a mouse button or finger is down on the page
    this.redrawOnRelease = false;
  }

  start() {
    this.root.classList.add("smpls-form--js");
    this.holdLayoutWhilePressed();
    this.announcer = new Announcer(this.root);
    this.parts = Object.fromEntries(COMPONENTS.map((C) => [C.moduleName, createAll(C, this.root, this)]));
    const one = (name) => this.parts[name][0];
    this.fields = one("form/fields");
    this.autosave = one("form/autosave");
    this.status = one("form/status");
    this.summary = one("form/error-summary");
    this.counts = one("form/counts");
    this.review = one("form/review");
    this.fold = one("form/fold"); // folds the parts on a phone
    this.autosave.restore();
    this.render();
    this.startChecker();
    initRegions(this.fields.form, new URL(this.model.config.regions, this.siteRoot).href)
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
    this.announce("草稿已清空。");
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
    this.parts["form/downloads"][0].json();
  }

  saveFile(blob, filename) {
    this.parts["form/downloads"][0].save(blob, filename);
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
    this.counts.showBack(true);
    this.reveal(path);
    this.fields.focus(path);
  }

  backToReview() {
    this.counts.showBack(false);
    const back = this.returnTo;
    this.returnTo = null;
    this.render();
    this.review.focusBack(back);
  }

  // ------------------------------------------------------------------ the checker
  async startChecker() {
    // an unsupported browser is reported by runtime/checker.js, as a failed status
    try {
      const mod = await import("../runtime/checker.js");
      this.checker = mod.startChecker();
      this.checker.onStatus((s) => this.onStatus(s));
    } catch (err) {
      this.onStatus({ state: "failed", message: "检查程序未能加载。", detail: String(err) });
    }
  }

  /** Resolves once the checker is ready or has failed. */
  checkerSettled() {
    if (this.checkerState !== "loading") return Promise.resolve(this.checkerState);
    return new Promise((resolve) => (this.waiters = [...(this.waiters || []), resolve]));
  }

  onStatus(s) {
    this.checkerState = s.state;
    if (s.state !== "loading" && this.waiters) {
      for (const resolve of this.waiters) resolve(s.state);
      this.waiters = null;
    }
    this.status.show(s);
    if (s.state === "ready") this.validateNow();
    else this.render();
  }

  async validateNow() {
    clearTimeout(this.checkTimer);
    if (!this.checker || this.checkerState !== "ready") {
      this.render();
      return null;
    }
    const seq = ++this.seq;
    try {
      const res = await this.checker.call("validate", this.draft());
      if (seq !== this.seq) return this.result; // a newer check is on its way
      this.result = res && Array.isArray(res.problems) ? res : { problems: [], counts: {} };
    } catch (err) {
      console.warn("检查失败", err);
      this.status.checkFailed();
    }
    this.render();
    return this.result;
  }

  async checkAll() {
    this.showAll = true;
    if (!this.checker || this.checkerState !== "ready") {
      this.render();
      this.summary.notReady(this.checkerState);
      if (this.checkerState === "failed" || this.checkQueued) return;
      // A click before the checker is ready is kept: the check runs when it is (the summary says so meanwhile).
      this.checkQueued = true;
      const state = await this.checkerSettled();
      this.checkQueued = false;
      if (state !== "ready") {
        this.summary.notReady(state);
        return;
      }
      const waitingHere = [document.body, this.summary.box, this.counts.checkButton].includes(document.activeElement);
      await this.validateNow();
      if (waitingHere) this.summary.focus(); // not when the user went on typing meanwhile
      return;
    }
    await this.validateNow();
    this.summary.focus();
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

  /**
   * A press must end where it began. Pressing a button first takes the focus from the field being typed in; the
   * field's check then starts, and its answer can arrive before the button is let go. Drawn at once, the new
   * messages and counts move the button (the bar's counts grow beside 检查全部; a message above 下载 pushes it
   * down), the release lands elsewhere and the click is lost. So while a pointer is down, drawing waits, and it
   * happens once the pointer is up, after the click.
   */
  holdLayoutWhilePressed() {
    const release = () => {
      clearTimeout(this.holdTimer);
      if (!this.pressed) return;
      this.pressed = false;
      if (!this.redrawOnRelease) return;
      this.redrawOnRelease = false;
      setTimeout(() => this.render(), 0); // after the click that this release makes
    };
    this.releasePress = release;
    document.addEventListener("pointerdown", () => (this.pressed = true), true);
    for (const type of ["pointerup", "pointercancel", "dragstart"]) document.addEventListener(type, release, true);
    window.addEventListener("blur", release);
  }

  render() {
    if (this.pressed) {
      if (!this.redrawOnRelease) this.holdTimer = setTimeout(this.releasePress, 1000); // a press held on, or never let go here
      this.redrawOnRelease = true;
      return;
    }
    const view = this.view();
    for (const [name, list] of Object.entries(this.parts)) {
      for (const part of list) {
        if (!part.render) continue;
        try {
          part.render(view);
        } catch (err) {
          console.error(`表单组件 ${name} 未能更新`, err); // the other components still draw
        }
      }
    }
  }
}
