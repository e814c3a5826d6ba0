// Downloads (data-module="form/downloads"): the JSON draft (works without the checker) and the Word 申请书
// (made by the checker). File names follow smpls.docx.docx_filename's rule (form/names.js).
import { saveBlob } from "../lib/download.js";
import { draftFileName } from "./names.js";

export class FormDownloads {
  static moduleName = "form/downloads";

  constructor(box, app) {
    this.app = app;
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
    const unit = (draft.basic && draft.basic.unit_name) || (draft.cover && draft.cover.undertaking_unit) || "";
    const day = new Date().toISOString().slice(0, 10);
    const blob = new Blob([JSON.stringify(draft, null, 2) + "\n"], { type: "application/json" });
    this.save(blob, draftFileName(String(unit).trim(), day, this.app.model.config.fileName));
    this.app.downloaded();
    this.note("已下载草稿文件。以后可以在本页“导入草稿”继续填写。");
  }

  async docx() {
    const { checker, checkerState } = this.app;
    if (!checker || checkerState !== "ready") {
      if (checkerState !== "failed") {
        // kept: the Word file is made and downloaded when the checker is ready
        this.note("检查程序还在加载（进度见页面上方），加载完成后会自动生成 Word 并下载，不用再点。");
        if (!this.queued) {
          this.queued = true;
          this.app.checkerSettled().then(() => {
            this.queued = false;
            this.docx();
          });
        }
        return;
      }
      this.note(
        "检查程序没有加载成功（原因和办法见页面上方），所以不能生成 Word。您的内容已自动保存；可以先下载草稿文件（.json），换一个网络或浏览器打开本页导入后再下载 Word。",
        true,
      );
      return;
    }
    this.app.saveNow();
    this.note("正在生成 Word……");
    try {
      const res = await checker.call("docx", this.app.draft());
      const blob = new Blob([res.bytes], { type: "application/vnd.openxmlformats-officedocument.wordprocessingml.document" });
      this.save(blob, res.filename);
      const errors = this.app.errorCount();
      this.note(
        errors
          ? `已下载 Word。申请书还有 ${errors} 处错误，Word 中对应的地方可能为空或需要修改。接下来的步骤见下方。`
          : "已下载 Word。接下来的步骤见下方。",
      );
      if (this.next) this.next.hidden = false;
    } catch (err) {
      console.warn("生成 Word 失败", err);
      this.note("生成 Word 没有成功。您的内容没有受影响；可以先下载草稿文件，稍后再试。", true);
    }
  }
}
