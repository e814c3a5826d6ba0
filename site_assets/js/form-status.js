// The checker's status line (data-module="form-status"): loading with a progress bar, ready, or failed with
// what still works. The coordinator passes each status from checker.js.

export class FormStatus {
  static moduleName = "form-status";

  constructor(box) {
    this.box = box;
    this.text = box.querySelector(".smpls-status__text");
    this.bar = box.querySelector(".smpls-status__bar");
  }

  show(s) {
    const state = s.state;
    this.box.dataset.state = state;
    if (state === "ready") {
      this.text.textContent = "检查程序已就绪：离开一个栏目时会检查它，也可以随时点“检查全部”。";
      this.bar.hidden = true;
    } else if (state === "failed") {
      this.text.textContent =
        `${s.message || "检查程序未能加载。"}您仍可以填写，内容会自动保存，也可以“下载 JSON”；` +
        "检查和下载 Word 需要较新的 Chrome、Edge、Firefox 或 Safari。";
      this.bar.hidden = true;
      if (s.detail) console.warn("检查程序：", s.detail);
    } else {
      this.text.textContent = `${s.message || "正在加载检查程序……"}您可以先开始填写。`;
      this.bar.hidden = false;
      const step = /(\d+)\s*\/\s*(\d+)/.exec(s.message || ""); // "正在下载校验程序（3/7）…"
      const progress = typeof s.progress === "number" ? s.progress : step ? Number(step[1]) / Number(step[2]) : null;
      if (progress !== null && Number.isFinite(progress)) {
        this.bar.max = 1;
        this.bar.value = Math.max(0, Math.min(1, progress));
      }
    }
  }

  checkFailed() {
    this.text.textContent = "这次检查没有完成（检查程序出错）。您的内容已保存，可以再点“检查全部”重试。";
  }
}
