// The verdict (data-module="self-check/verdict" on the result section), drawn from the store's result
// (self-check/verdict-view.js says what to show): the word, the sentence, one reason per condition, what fails or
// is open first, the next steps after 符合, the print time. A reason's 修改 link asks for its question.
import { fill, formatTime } from "../lib/util.js";
import { verdictView } from "./verdict-view.js";

export class SelfCheckVerdict {
  static moduleName = "self-check/verdict";

  constructor(section, { config, store }) {
    this.section = section;
    this.config = config;
    this.store = store;
    store.on("change:result", () => this.draw());
    store.on("change:busy", (busy) => (busy ? section.setAttribute("aria-busy", "true") : section.removeAttribute("aria-busy")));
    store.on("beforeprint", () => this.stampPrintTime());
    section.addEventListener("click", (ev) => {
      const edit = ev.target.closest("[data-edit]");
      if (!edit) return;
      ev.preventDefault();
      store.emit("focus-condition", edit.closest("[data-reason]").dataset.reason);
    });
    this.draw();
  }

  draw() {
    const q = (sel) => this.section.querySelector(sel);
    const view = verdictView(this.store.state.result, this.store.state.answers, this.config);
    this.section.dataset.overall = view.overall;
    q("[data-verdict]").textContent = view.word;
    q("[data-overall-text]").textContent = view.text;
    q("[data-next]").hidden = !view.next;
    const list = q("[data-reasons]");
    for (const id of view.order || []) {
      const li = list.querySelector(`[data-reason="${CSS.escape(id)}"]`);
      if (li) list.append(li);
    }
    for (const r of view.reasons) {
      const li = list.querySelector(`[data-reason="${CSS.escape(r.condition)}"]`);
      if (!li) continue;
      li.dataset.status = r.status;
      const tag = li.querySelector("[data-tag]");
      tag.textContent = r.tagText;
      tag.className = r.tag;
      li.querySelector("[data-text]").textContent = r.text;
    }
  }

  stampPrintTime() {
    const p = this.section.querySelector("[data-printtime]");
    p.textContent = fill(this.config.text.printTime, { time: formatTime(new Date().toISOString()) });
    p.hidden = false;
  }
}
