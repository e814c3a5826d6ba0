// The checker's status line (data-module="form/status"): loading with the size of the download and a progress
// bar, ready, or failed: an old browser told apart from a download that did not arrive, and what still works.
// The coordinator passes each status from checker.js; the checker's own words go into a detail for whoever
// helps (a network administrator), the sentence the user reads is this module's.
import { el } from "../lib/dom.js";
import { canRunChecker } from "../lib/status-line.js";
import { UNSUPPORTED } from "../runtime/support.js";
import { fill } from "./text.js";

/** Where the loading is, from the checker's status (its phase and count, runtime/checker.js) and the step words:
 * {step (1–4), of, progress (0–1) or null for an indeterminate bar, words}. */
export function loadingStep(s, words) {
  const at = (step, progress, stepWords) => ({ step, of: 4, progress, words: stepWords });
  if (s.phase === "download" && s.total) {
    return at(2, 0.5 + (0.3 * s.done) / s.total, fill(words.stepComponents, { done: s.done, total: s.total }));
  }
  if (s.phase === "download") return at(1, null, words.stepDownload);
  if (s.phase === "install") return at(3, 0.85, words.stepInstall);
  if (s.phase === "start") return at(4, 0.95, words.stepStart);
  return at(1, null, words.stepPrepare);
}

export class FormStatus {
  static moduleName = "form/status";

  constructor(box, app) {
    this.box = box;
    this.text = box.querySelector(".smpls-status__text");
    this.bar = box.querySelector(".smpls-status__bar");
    this.mb = app.model.config.checkerMB;
    this.words = app.model.words.status;
    app.store.on("status", (st) => this.show(st), FormStatus.moduleName);
    app.store.on("checkFailed", () => this.checkFailed(), FormStatus.moduleName);
  }

  show(s) {
    const state = s.state;
    this.box.dataset.state = state;
    if (state !== "failed" && this.detail) this.detail = this.detail.remove();
    if (state === "ready") {
      this.text.textContent = this.words.ready;
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
      const at = loadingStep(s, this.words);
      const again = s.restarting ? this.words.restarting : ""; // after a crash, until the checker is back
      const size = this.mb ? fill(this.words.firstDownload, { mb: this.mb }) : "";
      this.text.textContent = fill(this.words.loading, { again, size, step: at.step, of: at.of, words: at.words });
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
    const detail = s.message ? el("details", { class: "smpls-status__detail" }, el("summary", { text: this.words.forHelper }), el("p", { text: s.message })) : null;
    if (!canRunChecker()) {
      return { words: UNSUPPORTED + this.words.stillWorks, detail: null }; // the one message (runtime/support.js)
    }
    const what = s.crashed ? this.words.crashed : this.words.notDownloaded;
    return { words: what + this.words.stillWorks, detail };
  }

  checkFailed() {
    this.text.textContent = this.words.checkFailed;
  }
}
