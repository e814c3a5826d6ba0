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

const BLOCKED =
  "自动保存已关闭：这个浏览器不允许本站在电脑上保存数据（可能设置了阻止网站数据或 Cookie），草稿只在这个标签页里，关闭或刷新页面后就没有了。" +
  "请随时点“下载草稿文件”把内容存成草稿文件，以后可以在本页“导入草稿”继续填写。";
const FULL =
  "刚才的修改没有保存到这台电脑：浏览器给本站的存储空间已满（QuotaExceededError）。您输入的内容仍在页面上，请现在下载草稿文件保存；" +
  "清理浏览器中的网站数据后，这里会继续自动保存。";

export class FormAutosave {
  static moduleName = "form/autosave";

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
        const message = `另一个窗口刚刚修改了您在这里也改过的${names}（${when}）。以最后一次修改为准：这里现在显示的是那边的内容。`;
        this.setSaved(message, true);
        app.announce(message);
      } else {
        this.setSaved(`草稿已在另一个窗口中更新（${when}），这里显示的是最新内容。`);
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
    this.noStore = draftStore.noStore();
    this.noStoreBox.checked = this.noStore;
    this.blocked = !this.noStore && !draftStore.available() && draftStore.lastError === "blocked";
    if (this.blocked) this.box.querySelector("[data-privacy]").hidden = true; // nothing is kept here to delete
    else this.showUnreadable(draftStore.unreadable());
    const saved = this.noStore ? null : draftStore.load();
    if (saved && saved.draft) {
      this.app.load(saved.draft, { quiet: true });
      const when = formatTime(saved.savedAt);
      this.noteEl.textContent = `已恢复您${when ? `在 ${when} ` : ""}保存在这台电脑上的草稿。要重新开始，请到页面底部点“清空草稿”。`;
      this.noteEl.hidden = false;
      this.setSaved(`草稿已保存在本机${when ? `（${when}）` : ""}`);
    } else {
      this.app.load({}, { quiet: true });
      if (this.blocked) this.setSaved(BLOCKED, true);
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
    if (this.noStore || this.blocked) return; // blocked: said once when the page opened
    this.unsaved = !draftStore.save(this.app.draft());
    if (!this.unsaved) {
      this.setSaved(`已自动保存在本机（${formatTime(new Date().toISOString())}）`);
      return;
    }
    const why = draftStore.lastError;
    if (why === "blocked") this.setSaved(BLOCKED, true);
    else if (why === "unreadable") this.setSaved("没有自动保存：这台电脑上有一份无法读取的草稿，而浏览器的存储空间不够把它另存，为了不覆盖它，这里暂停保存。请先下载它的原文（见上方），再下载您现在的草稿文件。", true, this.downloadButton());
    else this.setSaved(FULL, true, this.downloadButton());
  }

  /** A button that downloads what is on the page now (the 下载 JSON of the downloads box). */
  downloadButton() {
    const button = el("button", { type: "button", class: "smpls-link-btn", "data-action": "download-now", text: "现在下载草稿文件（JSON）" });
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
    const part = el("div", { class: "smpls-unreadable", "data-aside": key });
    const found = recoverDraft(raw);
    const when = found && formatTime(found.savedAt);
    part.append(
      el("p", {
        text:
          `这台电脑上保存的草稿${when ? `（${when} 保存）` : ""}无法读取，可能是保存时被中断了（例如浏览器崩溃或磁盘已满）。` +
          (kept ? `它的原文已原样另存（名为 ${key}），不会被新的内容覆盖。` : "为了不覆盖它，这个页面暂不自动保存。"),
      }),
    );
    const download = el("button", { type: "button", class: "smpls-link-btn", "data-action": "download-unreadable", text: "下载无法读取的草稿原文" });
    download.addEventListener("click", () => {
      const day = new Date().toISOString().slice(0, 10);
      this.app.saveFile(new Blob([raw], { type: "text/plain;charset=utf-8" }), `无法读取的申请书草稿-${day}.txt`);
    });
    part.append(el("p", {}, download));
    const written = found ? [...this.app.model.values(found.draft)].filter(([, v]) => text(v).trim() !== "") : [];
    if (!written.length) {
      part.append(el("p", { text: "其中没有能读出的填写内容。" }));
    } else {
      const recover = el("button", { type: "button", class: "smpls-link-btn", "data-action": "recover-draft", text: "把能读出的内容放进表单" });
      const result = el("p", { role: "status" });
      recover.addEventListener("click", () => this.recover(found.draft, written.length, result));
      part.append(
        el("p", { text: `其中能读出 ${written.length} 项${found.whole ? "" : "（被中断的那一项和之后的内容读不出来）"}。` }, " ", recover),
        el(
          "details",
          {},
          el("summary", { text: "查看能读出的是哪些项" }),
          el("ul", { class: "smpls-import__list", "data-recovered": "" }, ...written.map(([p]) => el("li", { text: this.app.model.labelFor(p) }))),
        ),
        result,
      );
    }
    if (kept) {
      const drop = el("button", { type: "button", class: "smpls-link-btn", "data-action": "drop-unreadable", text: "删除这份原文" });
      drop.addEventListener("click", () => {
        if (!drop.dataset.sure) {
          drop.dataset.sure = "1"; // asked on the page, not with a browser dialog: a second click deletes
          drop.textContent = "删除后无法找回；已经下载了原文或不再需要它，再点一次确认删除";
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
    const previous = this.app.replaceDraft(draft);
    const undo = el("button", { type: "button", class: "smpls-link-btn", "data-action": "undo-recover", text: "撤销，恢复之前的内容" });
    undo.addEventListener("click", () => {
      if (!this.app.restoreBeforeImport(previous)) return;
      result.replaceChildren("已恢复之前的内容。");
      this.app.announce("已恢复之前的内容。");
    });
    result.replaceChildren(`已把能读出的 ${count} 项放进表单，请检查被中断处之后的内容。`, " ", undo);
    this.app.announce(`已把能读出的 ${count} 项放进表单。`);
  }

  setNoStore(on) {
    this.noStore = on;
    draftStore.setNoStore(on);
    if (on) {
      draftStore.clear();
      this.dirty = this.app.hasContent();
      this.setSaved("按您的选择，草稿不保存在这台电脑上；离开前请“下载草稿文件”。");
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
    if (this.blocked) return; // the message about autosave being off stays
    this.setSaved(this.noStore ? "按您的选择，草稿不保存在这台电脑上。" : "草稿已清空。");
  }
}
