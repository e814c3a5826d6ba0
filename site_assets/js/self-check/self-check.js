// The self-check page (docs/self-check.md). The questions are rendered at build time from smpls.eligibility
// (site_assets/hooks/selfcheck.py); this module adds what needs a script:
//   - autosave and restore of the answers (localStorage, key in the page config: "smpls-self-check");
//   - the verdict, computed by the Python eligibility function in the checker worker after every answer.
//     The page knows no "good" answers, so it cannot and does not make a verdict up: when Python is not
//     ready or failed, it says so;
//   - 开始填写申请书: carries the answers named by each question's Prefill into the form's draft (the form's own
//     draft-store.js), asking first in a dialog when a field of the draft already holds a different value;
//   - 打印自查结果 and 清空回答.
import { startChecker } from "../runtime/checker.js";
import { draftStore, storage } from "../lib/draft-store.js";
import { formatTime, isObj } from "../lib/util.js";
import { el } from "../lib/dom.js";

const MET = "符合";
const NOT_MET = "不符合";
const UNKNOWN = "需进一步确认";
const INFO = "供参考";
/** The verdict's sentence, naming the conditions not met or still open (`names`). */
const OVERALL_TEXT = {
  [MET]: () => "按您的回答，本单位符合通知二规定的四项基本条件。接下来的步骤见下方。",
  [NOT_MET]: (names) => `按您的回答，${names}不符合通知二规定的基本条件，理由见下方。如果回答有误，请修改。`,
  [UNKNOWN]: (names) => `${names}还不能判断：有问题没有回答或答了“不确定”。请按下方的提示逐条确认。`,
};
const TAG_CLASS = { [MET]: "met", [NOT_MET]: "not-met", [UNKNOWN]: "unknown" };
/** Reasons in this order: what is not met, what is open, what is met, what is asked for information only. */
const ORDER = [NOT_MET, UNKNOWN, MET, INFO];

export function init(root) {
  const app = new SelfCheck(root);
  app.start();
  root.smplsSelfCheck = app; // for tests (no other global is created)
  return app;
}

class SelfCheck {
  constructor(root) {
    this.root = root;
    this.config = JSON.parse(root.querySelector("#smpls-sc-config").textContent);
    this.form = root.querySelector("#smpls-sc-form");
    this.questions = this.config.questions;
    this.conditions = new Map(this.config.conditions.map((c) => [c.id, c]));
    this.seq = 0; // the latest eligibility call; older answers are dropped
    this.verdict = null; // {overall, reasons, prefill} for the current answers, or null
    this.checker = null;
  }

  start() {
    this.statusBox = this.root.querySelector(".smpls-sc-status");
    this.statusText = this.statusBox.querySelector(".smpls-status__text");
    this.savedEl = this.root.querySelector("[data-saved]");
    this.result = this.root.querySelector("[data-result]");
    this.dialog = this.root.querySelector("#smpls-sc-dialog");
    this.startLink = this.root.querySelector('[data-action="start"]');
    this.root.classList.add("smpls-sc--js");
    this.restore();
    this.bind();
    this.startChecker();
  }

  // ------------------------------------------------------------------ answers
  answers() {
    const out = {};
    for (const q of this.questions) {
      const item = this.form.elements.namedItem(q.id);
      if (!item) continue;
      const value = (item instanceof RadioNodeList ? item.value : item.value || "").trim();
      if (value) out[q.id] = value;
    }
    return out;
  }

  /** {answered, total} of the questions that decide the verdict (required ones). */
  progress() {
    const answers = this.answers();
    const asked = this.questions.filter((q) => q.required);
    return { answered: asked.filter((q) => answers[q.id]).length, total: asked.length };
  }

  setAnswers(answers) {
    for (const q of this.questions) {
      const item = this.form.elements.namedItem(q.id);
      if (!item) continue;
      const value = isObj(answers) && typeof answers[q.id] === "string" ? answers[q.id] : "";
      if (item instanceof RadioNodeList) for (const r of item) r.checked = r.value === value;
      else item.value = value;
    }
  }

  restore() {
    this.noStore = draftStore.noStore(); // the choice made on the form page applies here too
    const note = this.root.querySelector('[data-note="restored"]');
    if (this.noStore) {
      this.setSaved("按您在申请书页面的选择，回答不保存在这台电脑上。");
      return;
    }
    const s = storage();
    let saved = null;
    try {
      saved = s && JSON.parse(s.getItem(this.config.storageKey) || "null");
    } catch {
      saved = null;
    }
    if (isObj(saved) && isObj(saved.answers) && Object.keys(saved.answers).length) {
      this.setAnswers(saved.answers);
      const when = formatTime(saved.savedAt);
      note.textContent = `已恢复您${when ? `在 ${when} ` : ""}保存在这台电脑上的回答。要重新开始，请点页面底部的“清空回答”。`;
      note.hidden = false;
    }
  }

  save() {
    if (this.noStore) return;
    const s = storage();
    let ok = false;
    try {
      if (s) {
        s.setItem(this.config.storageKey, JSON.stringify({ savedAt: new Date().toISOString(), answers: this.answers() }));
        ok = true;
      }
    } catch {
      ok = false;
    }
    this.setSaved(ok ? `回答已自动保存在本机（${formatTime(new Date().toISOString())}）` : "无法在这个浏览器中保存回答（本地存储被禁用或已满）。", !ok);
  }

  setSaved(message, warn = false) {
    this.savedEl.textContent = message;
    this.savedEl.classList.toggle("smpls-saved--warn", warn);
  }

  // ------------------------------------------------------------------ events
  bind() {
    const onEdit = () => {
      clearTimeout(this.saveTimer);
      this.saveTimer = setTimeout(() => this.save(), 150);
      this.evaluate();
    };
    this.form.addEventListener("change", onEdit);
    this.form.addEventListener("input", (ev) => ev.target.type === "text" && onEdit());
    this.form.addEventListener("submit", (ev) => ev.preventDefault());
    window.addEventListener("pagehide", () => this.flushSave());
    this.root.addEventListener("click", (ev) => {
      const t = ev.target.closest("[data-action], [data-edit]");
      if (!t) return;
      if (t.dataset.edit !== undefined) {
        ev.preventDefault();
        this.focusCondition(t.closest("[data-reason]").dataset.reason);
        return;
      }
      const action = t.dataset.action;
      if (action === "start") {
        ev.preventDefault();
        this.carry();
      } else if (action === "print") this.print();
      else if (action === "clear") this.clear();
    });
    this.dialog.addEventListener("click", (ev) => {
      const b = ev.target.closest("[data-dialog]");
      if (b) this.dialog.close(b.dataset.dialog);
    });
    this.dialog.addEventListener("close", () => this.dialogClosed());
    window.addEventListener("beforeprint", () => this.stampPrintTime());
  }

  flushSave() {
    if (this.saveTimer) {
      clearTimeout(this.saveTimer);
      this.saveTimer = null;
      this.save();
    }
  }

  focusCondition(id) {
    const q = this.questions.find((x) => x.condition === id && this.reasonQuestions(id).includes(x.id))
      || this.questions.find((x) => x.condition === id);
    const name = q && `[name="${CSS.escape(q.id)}"]`;
    const target = q && (this.form.querySelector(`${name}:checked`) || this.form.querySelector(name)); // the answer given
    const section = this.root.querySelector(`#sc-cond-${CSS.escape(id)}`);
    if (section) section.scrollIntoView({ block: "start" });
    if (target) target.focus({ preventScroll: true });
  }

  reasonQuestions(id) {
    const r = this.verdict && this.verdict.reasons.find((x) => x.condition === id);
    return r && Array.isArray(r.questions) ? r.questions : [];
  }

  // ------------------------------------------------------------------ the checker and the verdict
  startChecker() {
    this.checker = startChecker();
    this.checker.onStatus((s) => {
      this.checkerState = s.state;
      this.statusBox.dataset.state = s.state;
      if (s.state === "ready") {
        this.statusText.textContent = "检查程序已就绪：每回答一题，结论随即更新。";
        this.evaluate();
      } else if (s.state === "failed") {
        this.statusText.textContent = `检查程序未能运行，因此本页现在无法给出结论。${s.message || ""} 您的回答仍会保存；可以对照每一条的解释自行判断，或刷新页面重试。`;
        this.showNoVerdict("failed");
      } else {
        this.statusText.textContent = s.message
          ? `${s.message} 您可以先回答问题，结论会在检查程序就绪后显示。`
          : "正在准备检查程序……您可以先回答问题，结论会在检查程序就绪后显示。";
        this.showNoVerdict("loading");
      }
    });
  }

  async evaluate() {
    const seq = ++this.seq;
    this.verdict = null;
    if (!this.checker || this.checkerState !== "ready") {
      this.showNoVerdict(this.checkerState === "failed" ? "failed" : "loading");
      return;
    }
    this.result.setAttribute("aria-busy", "true");
    try {
      const verdict = await this.checker.call("eligibility", this.answers());
      if (seq !== this.seq) return; // the answers changed meanwhile; a newer call is on its way
      if (!isObj(verdict) || !Array.isArray(verdict.reasons)) throw new Error("检查程序返回的结果无法读取。");
      this.verdict = verdict;
      this.showVerdict(verdict);
    } catch (err) {
      if (seq !== this.seq) return;
      console.warn("自查结论计算失败", err);
      this.showNoVerdict("error", err && err.message);
    } finally {
      if (seq === this.seq) this.result.removeAttribute("aria-busy");
    }
  }

  showNoVerdict(why, detail = "") {
    this.verdict = null;
    const word = "未得出";
    const text = {
      loading: "检查程序就绪后，这里会显示结论和每一条的理由。",
      failed: "检查程序未能运行，本页无法给出结论。请对照每一条的解释自行判断，或刷新页面重试。",
      error: `计算结论时出错，本页暂时无法给出结论。${detail || ""} 请刷新页面重试。`,
    }[why];
    this.result.dataset.overall = "";
    this.root.querySelector("[data-verdict]").textContent = word;
    this.root.querySelector("[data-bar-verdict]").textContent = word;
    this.root.querySelector("[data-bar-verdict]").className = "smpls-sc-tag";
    this.root.querySelector("[data-overall-text]").textContent = text;
    this.root.querySelector("[data-next]").hidden = true;
    for (const li of this.result.querySelectorAll("[data-reason]")) {
      li.dataset.status = "";
      li.querySelector("[data-tag]").textContent = word;
      li.querySelector("[data-tag]").className = "smpls-sc-tag";
      li.querySelector("[data-text]").textContent = why === "loading" ? "等待检查程序。" : "无法判断。";
    }
  }

  showVerdict(v) {
    const { answered, total } = this.progress();
    // No answer yet is not a verdict; answers missing (none failing) say how many are left, not 需进一步确认.
    const word = !answered ? `还没有回答（0/${total}）` : v.overall === UNKNOWN && answered < total ? `还没有答完（${answered}/${total}）` : v.overall;
    this.result.dataset.overall = answered ? v.overall : "";
    this.root.querySelector("[data-verdict]").textContent = word;
    const bar = this.root.querySelector("[data-bar-verdict]");
    bar.textContent = word;
    bar.className = answered ? `smpls-sc-tag smpls-sc-tag--${TAG_CLASS[v.overall] || "unknown"}` : "smpls-sc-tag";
    const open = v.reasons.filter((r) => r.status === v.overall && r.status !== MET);
    const names = open.map((r) => `${r.clause}（${r.title}）`).join("、");
    this.root.querySelector("[data-overall-text]").textContent = answered
      ? (OVERALL_TEXT[v.overall] || (() => ""))(names)
      : `请回答下面的 ${total} 个问题，每答一题，结论随即更新。拿不准的可以先选“不确定”。`;
    this.root.querySelector("[data-next]").hidden = !(answered && v.overall === MET);
    const list = this.root.querySelector("[data-reasons]");
    const rank = (r) => (ORDER.includes(r.status) ? ORDER.indexOf(r.status) : ORDER.length);
    const sorted = [...v.reasons].sort((a, b) => rank(a) - rank(b)); // stable: the notice's order within a status
    for (const r of sorted) {
      const li = list.querySelector(`[data-reason="${CSS.escape(r.condition)}"]`);
      if (li) list.append(li);
    }
    for (const r of v.reasons) {
      const li = this.result.querySelector(`[data-reason="${CSS.escape(r.condition)}"]`);
      if (!li) continue;
      const none = !answered && r.status !== INFO; // nothing answered: no condition is judged yet
      li.dataset.status = none ? "" : r.status;
      const tag = li.querySelector("[data-tag]");
      tag.textContent = none ? "未回答" : r.status;
      tag.className = none ? "smpls-sc-tag" : `smpls-sc-tag smpls-sc-tag--${TAG_CLASS[r.status] || "unknown"}`;
      li.querySelector("[data-text]").textContent = r.reason;
    }
  }

  // ------------------------------------------------------------------ carrying answers into the form
  /** path -> value to carry: from the Python verdict when it is current, else from the Prefill data. */
  async carriedValues() {
    if (this.checker && this.checkerState === "ready") {
      try {
        const v = await this.checker.call("eligibility", this.answers());
        if (isObj(v) && isObj(v.prefill)) return v.prefill;
      } catch (err) {
        console.warn("从检查程序取带入值失败，改用页面中的定义", err);
      }
    }
    const answers = this.answers();
    const out = {};
    for (const q of this.questions) {
      const value = answers[q.id] || "";
      for (const p of q.prefill) {
        const carried = isObj(p.values) && Object.keys(p.values).length ? p.values[value] || "" : value;
        if (carried) out[p.path] = carried;
      }
    }
    return out;
  }

  async carry() {
    this.flushSave();
    const values = await this.carriedValues();
    const paths = Object.keys(values).filter((p) => this.config.targets[p]);
    if (!paths.length) {
      this.go();
      return;
    }
    if (draftStore.noStore()) {
      const list = paths.map((p) => `“${this.config.targets[p].label}”：${values[p]}`).join("；");
      this.note(`您在申请书页面选择了不在这台电脑上保存草稿，所以回答无法自动带入。请在申请书中自己填写：${list}。`, true, true);
      return;
    }
    const saved = draftStore.load();
    const draft = saved && isObj(saved.draft) ? saved.draft : { schema_version: this.config.schemaVersion };
    const conflicts = [];
    const fill = {};
    for (const path of paths) {
      const current = getPath(draft, path);
      const now = typeof current === "string" ? current.trim() : current === undefined || current === null ? "" : String(current);
      if (now === values[path]) continue;
      if (now === "") fill[path] = values[path];
      else conflicts.push({ path, current: String(current), value: values[path] });
    }
    this.pending = { draft, fill, conflicts, values };
    if (conflicts.length) this.ask(conflicts);
    else this.apply();
  }

  ask(conflicts) {
    const box = this.dialog.querySelector("[data-conflicts]");
    box.replaceChildren(
      ...conflicts.map((c, i) => {
        const t = this.config.targets[c.path];
        const name = `sc-conflict-${i}`;
        const legend = el("legend", { class: "smpls-label" }, el("span", { text: t.label }));
        const keep = el(
          "div",
          { class: "smpls-radio" },
          el("input", { type: "radio", id: `${name}-keep`, name, value: "keep", checked: true }),
          el("label", { for: `${name}-keep` }, "保留申请书中的“", el("span", { "data-value": "current", text: c.current }), "”"),
        );
        const take = el(
          "div",
          { class: "smpls-radio" },
          el("input", { type: "radio", id: `${name}-take`, name, value: "take" }),
          el("label", { for: `${name}-take` }, "改为自查回答“", el("span", { "data-value": "answer", text: c.value }), "”"),
        );
        return el(
          "fieldset",
          { class: "smpls-sc-conflict", "data-path": c.path },
          legend,
          el("p", { class: "smpls-hint", text: `申请书“${t.section}”中的栏目` }),
          el("div", { class: "smpls-radios smpls-radios--stack" }, keep, take),
        );
      }),
    );
    this.dialog.returnValue = "";
    this.dialog.showModal();
  }

  dialogClosed() {
    const pending = this.pending;
    if (!pending) return;
    if (this.dialog.returnValue !== "confirm") {
      this.pending = null;
      this.note("已取消：申请书草稿没有任何改动。");
      this.startLink.focus();
      return;
    }
    for (const fs of this.dialog.querySelectorAll("[data-path]")) {
      const choice = fs.querySelector("input:checked");
      const c = pending.conflicts.find((x) => x.path === fs.dataset.path);
      if (c && choice && choice.value === "take") pending.fill[c.path] = c.value;
    }
    this.apply();
  }

  apply() {
    const { draft, fill } = this.pending;
    this.pending = null;
    const paths = Object.keys(fill);
    if (paths.length) {
      for (const p of paths) setPath(draft, p, fill[p]);
      if (!draft.schema_version) draft.schema_version = this.config.schemaVersion;
      if (!draftStore.save(draft)) {
        const list = paths.map((p) => `“${this.config.targets[p].label}”：${fill[p]}`).join("；");
        this.note(`无法写入申请书草稿（这个浏览器的本地存储被禁用或已满）。请在申请书中自己填写：${list}。`, true, true);
        return;
      }
    }
    this.go();
  }

  go() {
    window.location.assign(this.startLink.href);
  }

  note(message, warn = false, withLink = false) {
    const n = this.root.querySelector('[data-note="carry"]');
    n.replaceChildren(message);
    if (withLink) n.append(" ", el("a", { href: this.startLink.getAttribute("href"), text: "去填写申请书" }));
    n.classList.toggle("smpls-note--warn", warn);
  }

  // ------------------------------------------------------------------ print and clear
  stampPrintTime() {
    const p = this.root.querySelector("[data-printtime]");
    p.textContent = `自查时间：${formatTime(new Date().toISOString())}`;
    p.hidden = false;
    for (const box of this.form.querySelectorAll('input[type="text"]')) {
      const out = box.parentElement.querySelector(".smpls-sc-printed");
      if (out) out.textContent = box.value.trim() ? `答：${box.value.trim()}` : "（未回答）";
    }
  }

  print() {
    this.stampPrintTime();
    window.print();
  }

  clear() {
    this.setAnswers({});
    const s = storage();
    try {
      if (s) s.removeItem(this.config.storageKey);
    } catch {
      /* nothing was stored */
    }
    this.root.querySelector('[data-note="restored"]').hidden = true;
    this.setSaved("已清空回答，这台电脑上保存的回答也已删除。");
    this.evaluate();
    const first = this.form.querySelector("input");
    if (first) first.focus();
  }
}

function getPath(obj, path) {
  let cur = obj;
  for (const key of path.split(".")) {
    if (!isObj(cur)) return undefined;
    cur = cur[key];
  }
  return cur;
}

function setPath(obj, path, value) {
  const keys = path.split(".");
  let cur = obj;
  for (const key of keys.slice(0, -1)) {
    if (!isObj(cur[key])) cur[key] = {};
    cur = cur[key];
  }
  cur[keys[keys.length - 1]] = value;
}
