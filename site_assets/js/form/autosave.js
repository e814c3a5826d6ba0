// Autosave (data-module="form/autosave"): restore the saved draft on load, save after each change, the
// "不在这台电脑上保存草稿" choice, other tabs' changes shown here, and a warning before leaving with work that
// is kept nowhere. Storage that is blocked or full never throws (draft-store.js); the page says so instead
// (issue 20): blocked, once, when the page opens; full, when a save fails, with the download at hand. A saved
// draft that cannot be read is kept aside unchanged (draft-store.js), offered for download, and its readable
// part (draft-recover.js) offered back with undo.
import { el } from "../lib/dom.js";
import { draftStore } from "../lib/draft-store.js";
import { recoverDraft } from "../lib/draft-recover.js";
import { changedPaths } from "./draft.js";
import { formatTime, text } from "../lib/util.js";
import { fill } from "./text.js";

export class FormAutosave {
  static moduleName = "form/autosave";

  constructor(box, app) {
    this.box = box;
    this.app = app;
    const w = (this.words = app.model.words.autosave);
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
    // Another tab saved the draft: the last write wins, and fields changed here too are named.
    window.addEventListener("storage", (ev) => {
      if (ev.key !== draftStore.key || this.noStore || this.pending) return;
      const saved = draftStore.load();
      if (!saved || !saved.draft) return;
      const mine = new Set([...app.touched, ...app.editing]);
      const theirs = changedPaths(app.model, app.draft(), saved.draft).filter((p) => mine.has(p));
      app.load(saved.draft);
      const when = formatTime(saved.savedAt);
      if (theirs.length) {
        const names = theirs.map((p) => `“${app.model.labelFor(p)}”`).join("、");
        const message = fill(w.otherTabMine, { names, when });
        this.setSaved(message, true);
        app.announce(message);
      } else {
        this.setSaved(fill(w.otherTab, { when }));
      }
    });
    window.addEventListener("beforeunload", (ev) => {
      if ((this.noStore || this.blocked || this.unsaved) && this.dirty && app.hasContent()) {
        ev.preventDefault();
        ev.returnValue = "";
      }
    });
  }

  /** The draft kept in this browser, loaded into the form (or an empty form). */
  restore() {
    const w = this.words;
    this.noStore = draftStore.noStore();
    this.noStoreBox.checked = this.noStore;
    this.blocked = !this.noStore && !draftStore.available() && draftStore.lastError === "blocked";
    if (this.blocked) this.box.querySelector("[data-privacy]").hidden = true; // nothing is kept here to delete
    else this.showUnreadable(draftStore.unreadable());
    const saved = this.noStore ? null : draftStore.load();
    if (saved && saved.draft) {
      this.app.load(saved.draft, { quiet: true });
      const when = formatTime(saved.savedAt);
      this.noteEl.textContent = when ? fill(w.restoredAt, { when }) : w.restored;
      this.noteEl.hidden = false;
      this.setSaved(when ? fill(w.savedAt, { when }) : w.saved);
    } else {
      this.app.load({}, { quiet: true });
      if (this.blocked) this.setSaved(w.blocked, true);
    }
    if (this.noStore) this.setSaved(w.noStore);
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
    if (this.noStore || this.blocked) return; // blocked: said once when the page opened
    this.unsaved = !draftStore.save(this.app.draft());
    if (!this.unsaved) {
      this.setSaved(fill(this.words.autoSaved, { when: formatTime(new Date().toISOString()) }));
      return;
    }
    const why = draftStore.lastError;
    if (why === "blocked") this.setSaved(this.words.blocked, true);
    else if (why === "unreadable") this.setSaved(this.words.unreadableStuck, true, this.downloadButton());
    else this.setSaved(this.words.full, true, this.downloadButton());
  }

  /** A button that downloads what is on the page now (the 下载 JSON of the downloads box). */
  downloadButton() {
    const button = el("button", { type: "button", class: "smpls-link-btn", "data-action": "download-now", text: this.words.downloadNow });
    button.addEventListener("click", () => this.app.downloadJson());
    return button;
  }

  setSaved(message, warn = false, ...extra) {
    if (this.said === message) return; // the same message (and its button) already shown
    this.said = message;
    this.savedEl.replaceChildren(message, ...extra.flatMap((e) => [" ", e]));
    this.savedEl.classList.toggle("smpls-saved--warn", warn);
  }

  // ------------------------------------------------------------------ drafts that could not be read
  /** One note for each draft kept aside: what happened, its text to download, its readable part to take back. */
  showUnreadable({ aside, stuck }) {
    const items = [...aside, ...(stuck ? [{ key: draftStore.key, text: stuck }] : [])];
    if (!items.length) return;
    const box = el("div", { class: "smpls-note smpls-note--warn", "data-note": "unreadable", role: "status" });
    this.noteEl.after(box);
    for (const item of items) box.append(this.unreadableNote(item, item.key !== draftStore.key));
  }

  unreadableNote({ key, text: raw }, kept) {
    const w = this.words;
    const part = el("div", { class: "smpls-unreadable", "data-aside": key });
    const found = recoverDraft(raw);
    const when = found && formatTime(found.savedAt);
    part.append(
      el("p", {
        text: (when ? fill(w.unreadableAt, { when }) : w.unreadable) + (kept ? fill(w.keptAside, { key }) : w.notSaving),
      }),
    );
    const download = el("button", { type: "button", class: "smpls-link-btn", "data-action": "download-unreadable", text: w.downloadUnreadable });
    download.addEventListener("click", () => {
      const day = new Date().toISOString().slice(0, 10);
      this.app.saveFile(new Blob([raw], { type: "text/plain;charset=utf-8" }), fill(w.unreadableFile, { day }));
    });
    part.append(el("p", {}, download));
    const written = found ? [...this.app.model.values(found.draft)].filter(([, v]) => text(v).trim() !== "") : [];
    if (!written.length) {
      part.append(el("p", { text: w.nothingReadable }));
    } else {
      const recover = el("button", { type: "button", class: "smpls-link-btn", "data-action": "recover-draft", text: w.recover });
      const result = el("p", { role: "status" });
      recover.addEventListener("click", () => this.recover(found.draft, written.length, result));
      part.append(
        el("p", { text: fill(found.whole ? w.readable : w.readablePart, { n: written.length }) }, " ", recover),
        el(
          "details",
          {},
          el("summary", { text: w.whichItems }),
          el("ul", { class: "smpls-import__list", "data-recovered": "" }, ...written.map(([p]) => el("li", { text: this.app.model.labelFor(p) }))),
        ),
        result,
      );
    }
    if (kept) {
      const drop = el("button", { type: "button", class: "smpls-link-btn", "data-action": "drop-unreadable", text: w.dropAside });
      drop.addEventListener("click", () => {
        if (!drop.dataset.sure) {
          drop.dataset.sure = "1"; // asked on the page, not with a browser dialog: a second click deletes
          drop.textContent = w.dropSure;
          return;
        }
        draftStore.dropAside(key);
        part.remove();
        if (!this.box.querySelector("[data-aside]")) this.box.querySelector('[data-note="unreadable"]').remove();
      });
      part.append(el("p", {}, drop));
    }
    return part;
  }

  /** The readable part replaces the form's content, as an import does; undo brings back what was there. */
  recover(draft, count, result) {
    const w = this.words;
    const previous = this.app.replaceDraft(draft);
    const undo = el("button", { type: "button", class: "smpls-link-btn", "data-action": "undo-recover", text: w.undoRecover });
    undo.addEventListener("click", () => {
      if (!this.app.restoreBeforeImport(previous)) return;
      result.replaceChildren(w.recoverUndone);
      this.app.announce(w.recoverUndone);
    });
    result.replaceChildren(fill(w.recovered, { n: count }), " ", undo);
    this.app.announce(fill(w.recoveredSaid, { n: count }));
  }

  setNoStore(on) {
    this.noStore = on;
    draftStore.setNoStore(on);
    if (on) {
      draftStore.clear();
      this.dirty = this.app.hasContent();
      this.setSaved(this.words.noStoreOn);
      this.app.announce(this.words.noStoreOnSaid);
    } else {
      this.saveNow();
      this.app.announce(this.words.noStoreOffSaid);
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
    if (this.blocked) return; // the message about autosave being off stays
    this.setSaved(this.noStore ? this.words.noStore : this.words.cleared);
  }
}
