// The questions (data-module="self-check/answers" on the <form>): the answers given, written back when restored or
// cleared, the printed copy of a text answer, and going to the question of a condition (a reason's 修改 link).
import { fill, isObj } from "../lib/util.js";

export class SelfCheckAnswers {
  static moduleName = "self-check/answers";

  constructor(form, { config, store }) {
    this.form = form;
    this.config = config;
    this.store = store;
    const onEdit = () => {
      store.set({ answers: this.read() });
      store.emit("edited");
    };
    form.addEventListener("change", onEdit);
    form.addEventListener("input", (ev) => ev.target.type === "text" && onEdit());
    form.addEventListener("submit", (ev) => ev.preventDefault());
    store.on("set-answers", (answers) => this.write(answers));
    store.on("clear", () => {
      this.write({});
      const first = form.querySelector("input");
      if (first) first.focus();
    });
    store.on("focus-condition", (id) => this.focusCondition(id));
    store.on("beforeprint", () => this.stampPrinted());
  }

  read() {
    const out = {};
    for (const q of this.config.questions) {
      const item = this.form.elements.namedItem(q.id);
      if (!item) continue;
      const value = (item instanceof RadioNodeList ? item.value : item.value || "").trim();
      if (value) out[q.id] = value;
    }
    return out;
  }

  write(answers) {
    for (const q of this.config.questions) {
      const item = this.form.elements.namedItem(q.id);
      if (!item) continue;
      const value = isObj(answers) && typeof answers[q.id] === "string" ? answers[q.id] : "";
      if (item instanceof RadioNodeList) for (const r of item) r.checked = r.value === value;
      else item.value = value;
    }
    this.store.set({ answers: this.read() });
  }

  /** The question of condition `id` the verdict names (or its first), its answer focused. */
  focusCondition(id) {
    const verdict = this.store.state.result.verdict;
    const reason = verdict && verdict.reasons.find((x) => x.condition === id);
    const named = reason && Array.isArray(reason.questions) ? reason.questions : [];
    const questions = this.config.questions.filter((x) => x.condition === id);
    const q = questions.find((x) => named.includes(x.id)) || questions[0];
    const name = q && `[name="${CSS.escape(q.id)}"]`;
    const target = q && (this.form.querySelector(`${name}:checked`) || this.form.querySelector(name)); // the answer given
    const section = this.form.querySelector(`section[data-condition="${CSS.escape(id)}"]`);
    if (section) section.scrollIntoView({ block: "start" });
    if (target) target.focus({ preventScroll: true });
  }

  /** A text answer is printed as text (the box itself does not print well). */
  stampPrinted() {
    const { text } = this.config;
    for (const box of this.form.querySelectorAll('input[type="text"]')) {
      const out = box.parentElement.querySelector(".smpls-sc-printed");
      if (out) out.textContent = box.value.trim() ? fill(text.printedAnswer, { answer: box.value.trim() }) : text.printedNone;
    }
  }
}
