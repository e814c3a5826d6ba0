// Import (data-module="form/import-zone"): a JSON draft or a Word 申请书, chosen or dropped. The current draft is
// replaced only when the file could be read; what it held is kept (in memory and in the browser) for undo.
// JSON is read here (form/draft-file.js); a Word file is read by the checker (smpls.docx via read_docx), which the
// import waits for, or says clearly that reading Word needs it.
import { el } from "../lib/dom.js";
import { dropZone } from "../lib/drop-zone.js";
import { looksLikeWord, sniffWord } from "./word-sniff.js";
import { readDraftFile } from "./draft-file.js";
import { isObj } from "../lib/util.js";
import { fill } from "./text.js";

export class FormImportZone {
  static moduleName = "form/import-zone";

  constructor(zone, app) {
    this.zone = zone;
    this.app = app;
    this.words = app.model.words.import;
    this.noteEl = zone.querySelector('[data-note="import"]');
    this.input = zone.querySelector('input[type="file"]');
    this.undoDraft = null;
    dropZone(zone, (files) => files[0] && this.import(files[0]), [this.input]);
    zone.addEventListener("click", (ev) => {
      if (ev.target.closest('[data-action="undo-import"]')) this.undo();
    });
  }

  note(message, warn = false, ...extra) {
    this.noteEl.replaceChildren(message, ...extra);
    this.noteEl.classList.toggle("smpls-note--warn", warn);
  }

  /** Wait for the checker when it is still loading; false (after saying why) when it cannot run. */
  async needChecker(waiting, failed) {
    if (this.app.checker && this.app.checkerState === "loading") {
      this.note(waiting);
      await this.app.checkerSettled();
    }
    if (this.app.checker && this.app.checkerState === "ready") return true;
    this.note(failed, true);
    return false;
  }

  async import(file) {
    const res = looksLikeWord(file) ? await this.readWord(file) : await this.readJson(file);
    if (!res) return;
    const tooMany = this.app.model.tooManyRows(res.draft);
    if (tooMany) {
      this.note(`“${file.name}”${tooMany}${this.app.model.config.messages.draftFile.unchanged}`, true);
      return;
    }
    this.undoDraft = this.app.replaceDraft(res.draft);
    const undo = el("button", { type: "button", class: "smpls-link-btn", "data-action": "undo-import", text: this.words.undo });
    const imported = fill(this.words.imported, { name: file.name });
    this.note(imported + res.note, false, ...res.details, undo);
    this.app.announce(imported);
  }

  async readJson(file) {
    const cfg = this.app.model.config;
    const res = await readDraftFile(file, {
      maxBytes: cfg.limits.draftBytes,
      schemaVersion: cfg.schemaVersion,
      sectionKeys: cfg.sections.map((s) => s.key),
      messages: cfg.messages.draftFile,
    });
    if (!res.ok) {
      this.note(res.message, true);
      return null;
    }
    if (res.version >= cfg.schemaVersion) return { draft: res.draft, note: res.note, details: [] };
    const w = this.words;
    const old = fill(w.old, { name: file.name, version: res.version });
    const ok = await this.needChecker(fill(w.oldWaiting, { old }), fill(w.oldFailed, { old }));
    if (!ok) return null;
    try {
      const out = await this.app.checker.call("migrate", res.draft); // {"draft": {...} | null, "problems": [...]}
      if (isObj(out.draft)) return { draft: out.draft, note: res.note, details: [] };
      const why = out.problems && out.problems[0] ? out.problems[0].message : "";
      this.note(why || fill(w.oldNotMigrated, { old }), true);
    } catch (err) {
      console.warn("转换旧版本草稿失败", err);
      this.note(fill(w.oldNotMigrated, { old }), true);
    }
    return null;
  }

  async readWord(file) {
    const cfg = this.app.model.config;
    const w = this.words;
    const name = { name: file.name };
    let bytes;
    try {
      bytes = await file.arrayBuffer();
    } catch {
      this.note(fill(w.unreadable, name), true);
      return null;
    }
    const head = new Uint8Array(bytes, 0, Math.min(8, bytes.byteLength));
    const sniff = sniffWord(file.name, head, file.size, cfg.limits.wordBytes, cfg.messages.word, cfg.messages.draftFile.unchanged);
    if (!sniff.ok) {
      this.note(sniff.message, true);
      return null;
    }
    const ok = await this.needChecker(fill(w.wordWaiting, name), fill(w.wordFailed, name));
    if (!ok) return null;
    this.note(fill(w.wordReading, name));
    let out;
    try {
      out = await this.app.checker.call("read_docx", bytes);
      if (typeof out === "string") out = JSON.parse(out);
    } catch (err) {
      console.warn("读取 Word 失败", err);
      this.note(fill(w.wordError, name), true);
      return null;
    }
    if (!isObj(out) || !isObj(out.draft)) {
      const why = isObj(out) && Array.isArray(out.problems) && out.problems[0] ? out.problems[0].message : "";
      this.note(why || fill(w.wordEmpty, name), true);
      return null;
    }
    return { draft: out.draft, note: "", details: this.wordDetails(out) };
  }

  /** What the reader changed or could not place, as lists under the note. */
  wordDetails(out) {
    const model = this.app.model;
    const details = [];
    const changed = Array.isArray(out.changed) ? out.changed : [];
    const unplaced = Array.isArray(out.unplaced) ? out.unplaced : [];
    if (changed.length) {
      details.push(
        el("p", { class: "smpls-import__sub", text: fill(this.words.changed, { n: changed.length }) }),
        el("ul", { class: "smpls-import__list", "data-import-changed": "" }, ...changed.map((p) => el("li", { text: model.labelFor(p) }))),
      );
    }
    if (unplaced.length) {
      details.push(
        el("p", { class: "smpls-import__sub", text: fill(this.words.unplaced, { n: unplaced.length }) }),
        el("ul", { class: "smpls-import__list", "data-import-unplaced": "" }, ...unplaced.map((t) => el("li", { text: String(t) }))),
      );
    }
    return details;
  }

  undo() {
    if (!this.app.restoreBeforeImport(this.undoDraft)) return;
    this.undoDraft = null;
    this.note(this.words.undone);
    this.input.focus();
  }
}
