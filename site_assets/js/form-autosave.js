// Autosave (data-module="form-autosave"): restore the saved draft on load, save after each change, the
// "不在这台电脑上保存草稿" choice, other tabs' changes shown here, and a warning before leaving with work that
// is kept nowhere. Storage that is blocked or full never throws (draft-store.js); the page says so instead.
import { draftStore } from "./draft-store.js";
import { formatTime } from "./util.js";

export class FormAutosave {
  static moduleName = "form-autosave";

  constructor(box, app) {
    this.box = box;
    this.app = app;
    this.savedEl = app.root.querySelector("[data-saved]");
    this.noteEl = box.querySelector('[data-note="restored"]');
    this.noStoreBox = box.querySelector("#smpls-no-store");
    this.pending = false;
    this.dirty = false; // changed since the last JSON download (matters when nothing is kept in the browser)
    box.querySelector("[data-privacy]").hidden = false;
    this.noStoreBox.addEventListener("change", () => this.setNoStore(this.noStoreBox.checked));
    // Flush a pending save when the page goes away; never write when nothing changed here, so a draft
    // changed meanwhile in another tab (e.g. the self-check carrying answers over) is not overwritten.
    const flush = () => this.pending && this.saveNow();
    window.addEventListener("pagehide", flush);
    document.addEventListener("visibilitychange", () => document.visibilityState === "hidden" && flush());
    window.addEventListener("storage", (ev) => {
      if (ev.key !== draftStore.key || this.noStore || this.pending) return;
      const saved = draftStore.load();
      if (!saved || !saved.draft) return;
      app.load(saved.draft);
      this.setSaved(`草稿已在另一个窗口中更新（${formatTime(saved.savedAt)}），这里显示的是最新内容。`);
    });
    window.addEventListener("beforeunload", (ev) => {
      if (this.noStore && this.dirty && app.hasContent()) {
        ev.preventDefault();
        ev.returnValue = "";
      }
    });
  }

  /** The draft kept in this browser, loaded into the form (or an empty form). */
  restore() {
    this.noStore = draftStore.noStore();
    this.noStoreBox.checked = this.noStore;
    const saved = this.noStore ? null : draftStore.load();
    if (saved && saved.draft) {
      this.app.load(saved.draft, { quiet: true });
      const when = formatTime(saved.savedAt);
      this.noteEl.textContent = `已恢复您${when ? `在 ${when} ` : ""}保存在这台电脑上的草稿。要重新开始，请到页面底部点“清空草稿”。`;
      this.noteEl.hidden = false;
      this.setSaved(`草稿已保存在本机${when ? `（${when}）` : ""}`);
    } else {
      this.app.load({}, { quiet: true });
      if (!this.noStore && !draftStore.available()) {
        this.setSaved("无法在这个浏览器中保存草稿（本地存储被禁用）：请用“下载 JSON”保存您的内容。", true);
      }
    }
    if (this.noStore) this.setSaved("按您的选择，草稿不保存在这台电脑上。");
  }

  /** A change: saved shortly (several keystrokes make one write). */
  schedule() {
    this.dirty = true;
    this.pending = true;
    clearTimeout(this.timer);
    this.timer = setTimeout(() => this.saveNow(), 150);
  }

  saveNow() {
    clearTimeout(this.timer);
    this.pending = false;
    if (this.noStore) return;
    const ok = draftStore.save(this.app.draft());
    if (ok) this.setSaved(`已自动保存在本机（${formatTime(new Date().toISOString())}）`);
    else this.setSaved("无法保存到本机（存储已满或被禁用）：请用“下载 JSON”保存您的内容。", true);
  }

  setSaved(message, warn = false) {
    this.savedEl.textContent = message;
    this.savedEl.classList.toggle("smpls-saved--warn", warn);
  }

  setNoStore(on) {
    this.noStore = on;
    draftStore.setNoStore(on);
    if (on) {
      draftStore.clear();
      this.dirty = this.app.hasContent();
      this.setSaved("按您的选择，草稿不保存在这台电脑上；离开前请“下载 JSON”。");
      this.app.announce("已删除这台电脑上保存的草稿，以后的修改也不再保存。");
    } else {
      this.saveNow();
      this.app.announce("草稿会自动保存在这台电脑上。");
    }
  }

  /** The draft was saved as a file: leaving no longer needs a warning. */
  downloaded() {
    this.dirty = false;
  }

  cleared() {
    clearTimeout(this.timer); // a save still waiting would write the emptied form back
    this.pending = false;
    draftStore.clear();
    this.dirty = false;
    this.noteEl.hidden = true;
    this.setSaved(this.noStore ? "按您的选择，草稿不保存在这台电脑上。" : "草稿已清空。");
  }
}
