// The checker's status line (data-module="form/status"): loading with the size of the download and a progress
// bar, ready, or failed: an old browser told apart from a download that did not arrive, and what still works.
// The coordinator passes each status from checker.js; the checker's own words go into a detail for whoever
// helps (a network administrator), the sentence the user reads is this module's.
import { el } from "../lib/dom.js";
import { canRunChecker, loadingStep } from "../lib/status-line.js";

const STILL_WORKS = "您仍可以填写，内容会自动保存在这台电脑上，也可以下载草稿文件（.json），以后或在别的电脑上导入继续。";

export class FormStatus {
  static moduleName = "form/status";

  constructor(box, app) {
    this.box = box;
    this.text = box.querySelector(".smpls-status__text");
    this.bar = box.querySelector(".smpls-status__bar");
    this.mb = app && app.model.config.checkerMB;
    if (app) {
      app.store.on("status", (st) => this.show(st), FormStatus.moduleName);
      app.store.on("checkFailed", () => this.checkFailed(), FormStatus.moduleName);
    }
  }

  show(s) {
    const state = s.state;
    this.box.dataset.state = state;
    if (state !== "failed" && this.detail) this.detail = this.detail.remove();
    if (state !== "loading") this.restarting = false;
    if (state === "ready") {
      this.text.textContent = "检查程序已就绪：离开一个栏目时会检查它，也可以随时点“检查全部”。";
      this.bar.hidden = true;
    } else if (state === "failed") {
      this.bar.hidden = true;
      const { words, detail } = this.failure(s);
      this.text.textContent = words;
      if (this.detail) this.detail.remove();
      this.detail = detail;
      if (detail) this.text.after(detail);
      if (s.detail) console.warn("检查程序：", s.detail);
    } else {
      const at = loadingStep(s.message);
      // a restart after a crash says so until the checker is back (the new worker's own steps follow at once)
      if (/意外/.test(s.message || "")) this.restarting = true;
      const again = this.restarting ? "检查程序意外停止，正在重新加载。" : "";
      const size = this.mb ? `首次使用需下载约 ${this.mb} MB，以后从这台电脑的缓存读取；` : "";
      this.text.textContent = `${again}正在加载检查程序（${size}第 ${at.step}/${at.of} 步：${at.words}）……您可以先开始填写。`;
      this.bar.hidden = false;
      if (at.progress === null) {
        this.bar.removeAttribute("value"); // indeterminate: the first download has no count
      } else {
        this.bar.max = 1;
        this.bar.value = at.progress;
      }
    }
  }

  /** What went wrong (an old browser, or the download), what to do, what still works, the detail for a helper. */
  failure(s) {
    const detail = s.message ? el("details", { class: "smpls-status__detail" }, el("summary", { text: "给网络管理员的说明" }), el("p", { text: s.message })) : null;
    if (!canRunChecker()) {
      return { words: `这个浏览器版本太旧（不支持 WebAssembly 或 Web Worker），检查程序无法运行。检查和下载 Word 需要新版 Chrome、Edge、Firefox、Safari，或国产浏览器的“极速模式”。${STILL_WORKS}`, detail: null };
    }
    const crashed = /意外停止/.test(s.message || "");
    const what = crashed
      ? "检查程序多次意外停止，暂时不能检查。请刷新页面重试。"
      : "检查程序的文件没有下载成功：可能是网络中断，或单位网络的代理、防火墙拦截了它（浏览器本身是支持的）。" +
        "请刷新页面重试；仍不行，可换一个网络（例如手机热点），或把下面的说明交给网络管理员。";
    return { words: `${what}${STILL_WORKS}`, detail };
  }

  checkFailed() {
    this.text.textContent = "这次检查没有完成（检查程序出错）。您的内容已保存，可以再点“检查全部”重试。";
  }
}
