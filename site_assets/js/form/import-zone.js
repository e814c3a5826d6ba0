// Import (data-module="form/import-zone"): a JSON draft or a Word 申请书, chosen or dropped. The current draft is
// replaced only when the file could be read; what it held is kept (in memory and in the browser) for undo.
// JSON is read here (form/draft-file.js); a Word file is read by the checker (smpls.docx via read_docx), which the
// import waits for, or says clearly that reading Word needs it.
import { el } from "../lib/dom.js";
import { dropZone } from "../lib/drop-zone.js";
import { looksLikeWord, sniffWord } from "./word-sniff.js";
import { readDraftFile } from "./draft-file.js";
import { isObj } from "../lib/util.js";

export class FormImportZone {
  static moduleName = "form/import-zone";

  constructor(zone, app) {
    this.zone = zone;
    this.app = app;
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
      this.note(`“${file.name}”${tooMany}请确认选的是本页下载的草稿或申请书。当前内容没有改变。`, true);
      return;
    }
    this.undoDraft = this.app.replaceDraft(res.draft);
    const undo = el("button", { type: "button", class: "smpls-link-btn", "data-action": "undo-import", text: "撤销导入，恢复导入前的内容" });
    this.note(`已导入“${file.name}”。${res.note}`, false, ...res.details, undo);
    this.app.announce(`已导入“${file.name}”。`);
  }

  async readJson(file) {
    const cfg = this.app.model.config;
    const res = await readDraftFile(file, {
      maxBytes: cfg.maxImportBytes,
      schemaVersion: cfg.schemaVersion,
      sectionKeys: cfg.sections.map((s) => s.key),
    });
    if (!res.ok) {
      this.note(res.message, true);
      return null;
    }
    if (res.version >= cfg.schemaVersion) return { draft: res.draft, note: res.note, details: [] };
    const old = `“${file.name}”是旧版本（${res.version}）的草稿，`;
    const ok = await this.needChecker(
      `${old}正在等检查程序就绪后转换……当前内容暂不改变。`,
      `${old}需要检查程序转换，但检查程序没能在这个浏览器中运行，所以无法导入。当前内容没有改变。`,
    );
    if (!ok) return null;
    try {
      const out = await this.app.checker.call("migrate", res.draft); // {"draft": {...} | null, "problems": [...]}
      if (isObj(out.draft)) return { draft: out.draft, note: res.note, details: [] };
      const why = out.problems && out.problems[0] ? out.problems[0].message : "";
      this.note(why || `${old}没能转换成当前版本。当前内容没有改变。`, true);
    } catch (err) {
      console.warn("转换旧版本草稿失败", err);
      this.note(`${old}没能转换成当前版本。当前内容没有改变。`, true);
    }
    return null;
  }

  async readWord(file) {
    const cfg = this.app.model.config;
    let bytes;
    try {
      bytes = await file.arrayBuffer();
    } catch {
      this.note(`“${file.name}”无法读取。当前内容没有改变。`, true);
      return null;
    }
    const sniff = sniffWord(file.name, new Uint8Array(bytes, 0, Math.min(8, bytes.byteLength)), file.size, cfg.maxImportBytes);
    if (!sniff.ok) {
      this.note(sniff.message, true);
      return null;
    }
    const ok = await this.needChecker(
      `正在等检查程序就绪后读取“${file.name}”……当前内容暂不改变。`,
      `读取 Word 文件需要检查程序，但检查程序没能在这个浏览器中运行，所以无法导入“${file.name}”。可以导入 JSON 草稿。当前内容没有改变。`,
    );
    if (!ok) return null;
    this.note(`正在读取“${file.name}”……`);
    let out;
    try {
      out = await this.app.checker.call("read_docx", bytes);
      if (typeof out === "string") out = JSON.parse(out);
    } catch (err) {
      console.warn("读取 Word 失败", err);
      this.note(`“${file.name}”没能读取（检查程序出错）。当前内容没有改变。`, true);
      return null;
    }
    if (!isObj(out) || !isObj(out.draft)) {
      const why = isObj(out) && Array.isArray(out.problems) && out.problems[0] ? out.problems[0].message : "";
      this.note(why || `“${file.name}”里没有找到申请书的内容。当前内容没有改变。`, true);
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
        el("p", { class: "smpls-import__sub", text: `下载以后在 Word 中改过的 ${changed.length} 项：` }),
        el("ul", { class: "smpls-import__list", "data-import-changed": "" }, ...changed.map((p) => el("li", { text: model.labelFor(p) }))),
      );
    }
    if (unplaced.length) {
      details.push(
        el("p", { class: "smpls-import__sub", text: `以下 ${unplaced.length} 处内容没能放进表格，请对照 Word 文件手动填写：` }),
        el("ul", { class: "smpls-import__list", "data-import-unplaced": "" }, ...unplaced.map((t) => el("li", { text: String(t) }))),
      );
    }
    return details;
  }

  undo() {
    if (!this.app.restoreBeforeImport(this.undoDraft)) return;
    this.undoDraft = null;
    this.note("已恢复导入前的内容。");
    this.input.focus();
  }
}
