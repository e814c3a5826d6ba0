// Downloads (data-module="form/downloads"): the JSON draft (works without the checker) and the Word 申请书
// (made by the checker). File names follow smpls.docx.docx_filename's rule (form/names.js).
import { saveBlob } from "../lib/download.js";
import { draftFileName, draftUnit } from "./names.js";
import { fill } from "./text.js";

export class FormDownloads {
  static moduleName = "form/downloads";

  constructor(box, app) {
    this.app = app;
    this.words = app.model.words.downloads;
    this.noteEl = box.querySelector('[data-note="download"]');
    this.next = box.querySelector("[data-next]"); // what to do with the Word file (written by the build)
    box.querySelector('[data-action="download-json"]').addEventListener("click", () => this.json());
    box.querySelector('[data-action="download-docx"]').addEventListener("click", () => this.docx());
  }

  note(message, warn = false) {
    this.noteEl.replaceChildren(message);
    this.noteEl.classList.toggle("smpls-note--warn", warn);
  }

  save(blob, filename) {
    saveBlob(blob, filename);
  }

  json() {
    this.app.saveNow();
    const draft = this.app.draft();
    const rule = this.app.model.config.fileName;
    const day = new Date().toISOString().slice(0, 10);
    const blob = new Blob([JSON.stringify(draft, null, 2) + "\n"], { type: "application/json" });
    this.save(blob, draftFileName(draftUnit(draft, rule).trim(), day, rule));
    this.app.downloaded();
    this.note(this.words.json);
  }

  async docx() {
    const { checker, checkerState } = this.app;
    if (!checker || checkerState !== "ready") {
      if (checkerState !== "failed") {
        // kept: the Word file is made and downloaded when the checker is ready
        this.note(this.words.waiting);
        if (!this.queued) {
          this.queued = true;
          this.app.checkerSettled().then(() => {
            this.queued = false;
            this.docx();
          });
        }
        return;
      }
      this.note(this.words.failed, true);
      return;
    }
    this.app.saveNow();
    this.note(this.words.making);
    try {
      const res = await checker.call("docx", this.app.draft());
      const blob = new Blob([res.bytes], { type: "application/vnd.openxmlformats-officedocument.wordprocessingml.document" });
      this.save(blob, res.filename);
      const errors = this.app.errorCount();
      this.note(errors ? fill(this.words.doneErrors, { n: errors }) : this.words.done);
      if (this.next) this.next.hidden = false;
    } catch (err) {
      console.warn("生成 Word 失败", err);
      this.note(this.words.wordFailed, true);
    }
  }
}
