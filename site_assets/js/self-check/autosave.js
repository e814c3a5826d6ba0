// Keeping the answers (data-module="self-check/autosave" on the saved line): saved in localStorage (key in the
// page config) shortly after each answer and when the page is left, restored when it opens (the note named by
// data-restored-note says so), removed by 清空回答. The form page's choice not to store anything applies here too.
import { draftStore, storage } from "../lib/draft-store.js";
import { fill, formatTime, isObj } from "../lib/util.js";

export class SelfCheckAutosave {
  static moduleName = "self-check/autosave";

  constructor(line, { config, store }) {
    this.line = line;
    this.config = config;
    this.store = store;
    this.note = document.getElementById(line.dataset.restoredNote);
    this.timer = null;
    store.on("start", () => this.restore());
    store.on("edited", () => {
      clearTimeout(this.timer);
      this.timer = setTimeout(() => this.save(), 150);
    });
    store.on("flush", () => this.flush());
    store.on("clear", () => this.clear());
    window.addEventListener("pagehide", () => this.flush());
  }

  restore() {
    const { text } = this.config;
    this.noStore = draftStore.noStore();
    if (this.noStore) {
      this.show(text.noStore);
      return;
    }
    let saved = null;
    try {
      const s = storage();
      saved = s && JSON.parse(s.getItem(this.config.storageKey) || "null");
    } catch {
      saved = null;
    }
    if (isObj(saved) && isObj(saved.answers) && Object.keys(saved.answers).length) {
      this.store.emit("set-answers", saved.answers);
      const when = formatTime(saved.savedAt);
      this.note.textContent = when ? fill(text.restoredAt, { when }) : text.restored;
      this.note.hidden = false;
    }
  }

  save() {
    this.timer = null;
    if (this.noStore) return;
    let ok = false;
    try {
      const s = storage();
      if (s) {
        s.setItem(this.config.storageKey, JSON.stringify({ savedAt: new Date().toISOString(), answers: this.store.state.answers }));
        ok = true;
      }
    } catch {
      ok = false;
    }
    const { text } = this.config;
    this.show(ok ? fill(text.saved, { time: formatTime(new Date().toISOString()) }) : text.saveFailed, !ok);
  }

  flush() {
    if (!this.timer) return;
    clearTimeout(this.timer);
    this.save();
  }

  clear() {
    clearTimeout(this.timer);
    this.timer = null;
    try {
      const s = storage();
      if (s) s.removeItem(this.config.storageKey);
    } catch {
      /* nothing was stored */
    }
    this.note.hidden = true;
    this.show(this.config.text.cleared);
  }

  show(message, warn = false) {
    this.line.textContent = message;
    this.line.classList.toggle("smpls-saved--warn", warn);
  }
}
