// Downloads (data-module="form-downloads"): the JSON draft (works without the checker) and the Word 申请书
// (made by the checker). File names follow smpls.docx.docx_filename's rule (form-names.js).
import { el } from "./dom.js";
import { draftFileName } from "./form-names.js";

export class FormDownloads {
  static moduleName = "form-downloads";

  constructor(box, app) {
    this.app = app;
    this.noteEl = box.querySelector('[data-note="download"]');
    box.querySelector('[data-action="download-json"]').addEventListener("click", () => this.json());
    box.querySelector('[data-action="download-docx"]').addEventListener("click", () => this.docx());
  }

  note(message, warn = false) {
    this.noteEl.replaceChildren(message);
    this.noteEl.classList.toggle("smpls-note--warn", warn);
  }

  save(blob, filename) {
    const url = URL.createObjectURL(blob);
    const a = el("a", { href: url, download: filename, class: "smpls-vh" });
    document.body.append(a);
    a.click();
    a.remove();
    setTimeout(() => URL.revokeObjectURL(url), 30000);
  }

  json() {
    this.app.saveNow();
    const draft = this.app.draft();
    const unit = (draft.basic && draft.basic.unit_name) || (draft.cover && draft.cover.undertaking_unit) || "";
    const day = new Date().toISOString().slice(0, 10);
    const blob = new Blob([JSON.stringify(draft, null, 2) + "\n"], { type: "application/json" });
    this.save(blob, draftFileName(String(unit).trim(), day, this.app.model.config.fileName));
    this.app.downloaded();
    this.note("已下载 JSON 草稿。以后可以在本页“导入草稿”继续填写。");
  }

  async docx() {
    const { checker, checkerState } = this.app;
    if (!checker || checkerState !== "ready") {
      this.note(
        checkerState === "failed"
          ? "检查程序无法在这个浏览器中运行，所以不能生成 Word。请下载 JSON，换用较新的浏览器打开本页并导入。"
          : "检查程序还在加载，就绪后才能生成 Word，请稍等几秒再试。",
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
          ? `已下载 Word。申请书还有 ${errors} 处错误，Word 中对应的地方可能为空或需要修改。`
          : "已下载 Word。打印后盖章、签名并填写日期。",
      );
    } catch (err) {
      console.warn("生成 Word 失败", err);
      this.note("生成 Word 没有成功。您的内容没有受影响；可以先下载 JSON，稍后再试。", true);
    }
  }
}
