// The 申请书 form page. The HTML (every field, label, hint, limit) is rendered at build time from the Python
// model (site_assets/hooks/form.py); this module adds what needs a script: autosave and restore, repeatable
// rows, the region lists, validation through the Python checker (site_assets/js/checker.js, in a worker),
// the error summary and task list, the check-your-answers view, downloads, import and the clear dialog.
// Typing never waits for Python, and nothing the user typed is dropped: a failed import or a failed check
// leaves the draft as it was, and keys the form does not know are carried along unchanged.
import { draftStore } from "./draft-store.js";
import { readDraftFile } from "./form-import.js";
import { initRegions } from "./form-regions.js";
import { el } from "./dom.js";

const LEVEL_ERROR = "错误";
const LEVEL_HINT = "提示";
const ROW_LIST = { schedule: "schedule", participants: "opinions.participants" };
const ROW_NAME = { schedule: "阶段", participants: "参加单位" };
const MONTH = /^\d{4}-(0[1-9]|1[0-2])$/;

export function init(root) {
  const app = new FormApp(root);
  app.start();
  // For tests and the benchmark: the running app (no other global is created).
  root.smplsForm = app;
  return app;
}

const fieldId = (path) => "f-" + path.replaceAll(".", "-");
const isObj = (v) => v !== null && typeof v === "object" && !Array.isArray(v);
const clone = (v) => (v === undefined ? undefined : JSON.parse(JSON.stringify(v)));
const text = (v) => (v === null || v === undefined ? "" : typeof v === "object" ? JSON.stringify(v) : String(v));

function rowLabel(kind, index) {
  return kind === "participants" ? `第 ${index + 1} 个参加单位` : `第 ${index + 1} 阶段`;
}

class FormApp {
  constructor(root) {
    this.root = root;
    this.config = JSON.parse(root.querySelector("#smpls-form-config").textContent);
    this.form = root.querySelector("#smpls-app");
    this.fields = this.config.fields;
    this.singles = this.fields.filter((f) => !f.repeat);
    this.rowFields = { schedule: [], participants: [] };
    for (const f of this.fields) if (f.repeat) this.rowFields[f.repeat].push(f);
    this.byPath = new Map(this.fields.map((f) => [f.path, f]));
    this.base = {}; // the last draft loaded, so keys the form does not show survive a save
    this.touched = new Set();
    this.showAll = false;
    this.result = null; // last validation result {problems, counts}
    this.checker = null;
    this.checkerState = "loading";
    this.seq = 0;
    this.dirty = false; // changed since the last JSON download (matters when nothing is kept in the browser)
    this.returnTo = null;
    this.undoDraft = null;
  }

  // ------------------------------------------------------------------ start
  start() {
    this.live = el("div", { class: "smpls-vh", "aria-live": "polite", "data-announce": "" });
    this.root.append(this.live);
    this.status = this.root.querySelector(".smpls-status");
    this.statusText = this.root.querySelector(".smpls-status__text");
    this.statusBar = this.root.querySelector(".smpls-status__bar");
    this.countsEl = this.root.querySelector("[data-counts]");
    this.savedEl = this.root.querySelector("[data-saved]");
    this.summary = this.root.querySelector("[data-summary]");
    this.success = this.root.querySelector("[data-success]");
    this.backLink = this.root.querySelector("[data-back]");
    this.reviewBody = this.root.querySelector("[data-review-body]");
    this.noStoreBox = this.root.querySelector("#smpls-no-store");
    this.root.querySelector("[data-privacy]").hidden = false;
    this.root.classList.add("smpls-form--js");

    this.restore();
    this.bind();
    this.renderAll();
    this.startChecker();
    initRegions(this.form, new URL(this.config.regions, siteRoot()).href)
      .then((r) => (this.regions = r))
      .catch((err) => console.warn("省、县候选项未能加载，可直接输入", err));
  }

  restore() {
    this.noStore = draftStore.noStore();
    this.noStoreBox.checked = this.noStore;
    const saved = this.noStore ? null : draftStore.load();
    const note = this.root.querySelector('[data-note="restored"]');
    if (saved && saved.draft) {
      this.writeForm(saved.draft);
      const when = formatTime(saved.savedAt);
      note.textContent = `已恢复您${when ? `在 ${when} ` : ""}保存在这台电脑上的草稿。要重新开始，请到页面底部点“清空草稿”。`;
      note.hidden = false;
      this.setSaved(`草稿已保存在本机${when ? `（${when}）` : ""}`);
    } else {
      this.writeForm({});
      if (!this.noStore && !draftStore.available()) {
        this.setSaved("无法在这个浏览器中保存草稿（本地存储被禁用）：请用“下载 JSON”保存您的内容。", true);
      }
    }
    if (this.noStore) this.setSaved("按您的选择，草稿不保存在这台电脑上。");
  }

  bind() {
    const onEdit = (ev) => {
      if (!ev.target.name) return;
      const fieldEl = ev.target.closest("[data-path]");
      if (fieldEl && fieldEl.dataset.unknown !== undefined && ev.target.type === "radio") delete fieldEl.dataset.unknown;
      this.changed();
    };
    this.form.addEventListener("input", onEdit);
    this.form.addEventListener("change", onEdit);
    this.form.addEventListener("submit", (ev) => ev.preventDefault());
    this.form.addEventListener("focusout", (ev) => {
      const t = ev.target;
      if (!t.name) return;
      // Leaving a group of radios to another radio of the same group is not leaving the field.
      if (t.type === "radio" && ev.relatedTarget && ev.relatedTarget.name === t.name) return;
      this.touched.add(t.name);
      this.validateNow();
    });
    this.form.addEventListener("click", (ev) => {
      const btn = ev.target.closest("button");
      if (!btn) return;
      if (btn.dataset.addRow) this.addRow(btn.dataset.addRow);
      else if (btn.dataset.rowAction) this.rowAction(btn);
    });
    this.root.addEventListener("click", (ev) => {
      const a = ev.target.closest("a[data-goto], a[data-change], button[data-action], a[data-back]");
      if (!a) return;
      if (a.dataset.goto !== undefined) {
        ev.preventDefault();
        this.focusField(a.dataset.goto);
      } else if (a.dataset.change !== undefined) {
        ev.preventDefault();
        this.returnTo = a.dataset.change;
        this.backLink.hidden = false;
        this.focusField(a.dataset.change);
      } else if (a.dataset.back !== undefined) {
        ev.preventDefault();
        this.goBackToReview();
      } else {
        const action = a.dataset.action;
        if (action === "check-all") this.checkAll();
        else if (action === "download-json") this.downloadJson();
        else if (action === "download-docx") this.downloadDocx();
        else if (action === "clear") this.askClear();
        else if (action === "undo-import") this.undoImport();
        else if (action === "undo-remove") this.undoRemove(a.dataset.kind);
      }
    });
    this.noStoreBox.addEventListener("change", () => this.setNoStore(this.noStoreBox.checked));
    // Flush a pending save when the page goes away; never write when nothing changed here, so a draft
    // changed meanwhile in another tab (e.g. the self-check carrying answers over) is not overwritten.
    const flush = () => this.savePending && this.saveNow();
    window.addEventListener("pagehide", flush);
    document.addEventListener("visibilitychange", () => document.visibilityState === "hidden" && flush());
    window.addEventListener("storage", (ev) => {
      if (ev.key !== draftStore.key || this.noStore || this.savePending) return;
      const saved = draftStore.load();
      if (!saved || !saved.draft) return;
      this.writeForm(saved.draft);
      this.renderAll();
      this.validateNow();
      this.setSaved(`草稿已在另一个窗口中更新（${formatTime(saved.savedAt)}），这里显示的是最新内容。`);
    });
    window.addEventListener("beforeunload", (ev) => {
      if (this.noStore && this.dirty && this.hasContent()) {
        ev.preventDefault();
        ev.returnValue = "";
      }
    });
    // import: file picker and drag-and-drop
    const file = this.root.querySelector("#smpls-import-file");
    file.addEventListener("change", () => {
      if (file.files && file.files[0]) this.importFile(file.files[0]);
      file.value = "";
    });
    const zone = this.root.querySelector("[data-dropzone]");
    zone.addEventListener("dragover", (ev) => {
      ev.preventDefault();
      zone.classList.add("smpls-import--over");
    });
    zone.addEventListener("dragleave", () => zone.classList.remove("smpls-import--over"));
    zone.addEventListener("drop", (ev) => {
      ev.preventDefault();
      zone.classList.remove("smpls-import--over");
      const f = ev.dataTransfer && ev.dataTransfer.files && ev.dataTransfer.files[0];
      if (f) this.importFile(f);
    });
    // the clear dialog
    const dialog = this.root.querySelector("#smpls-clear-dialog");
    dialog.addEventListener("click", (ev) => {
      const b = ev.target.closest("[data-dialog]");
      if (!b) return;
      dialog.close(b.dataset.dialog);
    });
    dialog.addEventListener("close", () => {
      if (dialog.returnValue === "confirm") this.clearDraft();
      else this.root.querySelector('[data-action="clear"]').focus();
    });
    this.updateCharCounts();
  }

  // ------------------------------------------------------------------ reading and writing the draft
  readValue(name) {
    const item = this.form.elements.namedItem(name);
    if (!item) return "";
    if (item instanceof RadioNodeList || (item.type === "radio" && item.name)) {
      const value = item instanceof RadioNodeList ? item.value : item.checked ? item.value : "";
      if (value) return value;
      const wrap = this.form.querySelector(`[data-path="${CSS.escape(name)}"]`);
      return wrap && wrap.dataset.unknown !== undefined ? wrap.dataset.unknown : "";
    }
    return item.value;
  }

  writeValue(name, value) {
    const item = this.form.elements.namedItem(name);
    if (!item) return;
    const v = text(value);
    const wrap = this.form.querySelector(`[data-path="${CSS.escape(name)}"]`);
    if (item instanceof RadioNodeList || item.type === "radio") {
      const radios = item instanceof RadioNodeList ? [...item] : [item];
      let matched = false;
      for (const r of radios) {
        r.checked = r.value === v;
        matched ||= r.checked;
      }
      if (wrap) {
        if (!matched && v) wrap.dataset.unknown = v; // not one of the choices: kept, and the checker reports it
        else delete wrap.dataset.unknown;
      }
      return;
    }
    if (item.type === "month" && v && !MONTH.test(v)) {
      item.type = "text"; // a month box would silently drop "2022年1月": keep the text, the checker reports it
    }
    item.value = v;
  }

  readRows(kind) {
    const list = this.form.querySelector(`[data-rows="${kind}"]`);
    return [...list.children].map((li, i) => {
      const row = isObj(li.smplsExtra) ? { ...li.smplsExtra } : {};
      for (const f of this.rowFields[kind]) row[f.name] = this.readValue(`${ROW_LIST[kind]}.${i}.${f.name}`);
      return row;
    });
  }

  renderRows(kind, rows) {
    const list = this.form.querySelector(`[data-rows="${kind}"]`);
    const tpl = this.form.querySelector(`template[data-row-template="${kind}"]`).innerHTML;
    list.innerHTML = rows
      .map((_, i) => tpl.replaceAll("__I__", String(i)).replaceAll("__N__", String(i + 1)))
      .join("");
    rows.forEach((row, i) => {
      const li = list.children[i];
      const extra = {};
      if (isObj(row)) {
        for (const [k, v] of Object.entries(row)) {
          if (this.rowFields[kind].some((f) => f.name === k)) this.writeValue(`${ROW_LIST[kind]}.${i}.${k}`, v);
          else extra[k] = v;
        }
      } else if (row !== null && row !== undefined && row !== "") {
        extra._imported = row; // a row that is not an object: kept as it was
      }
      li.smplsExtra = extra;
      const up = li.querySelector('[data-row-action="up"]');
      const down = li.querySelector('[data-row-action="down"]');
      up.disabled = i === 0;
      down.disabled = i === rows.length - 1;
    });
    const max = Number(this.form.querySelector(`[data-repeat="${kind}"]`).dataset.max);
    this.form.querySelector(`[data-add-row="${kind}"]`).disabled = rows.length >= max;
    this.form.querySelector(`[data-row-limit="${kind}"]`).hidden = rows.length < max;
    this.updateCharCounts();
  }

  readForm() {
    const draft = isObj(this.base) ? clone(this.base) : {};
    draft.schema_version = this.config.schemaVersion;
    for (const f of this.singles) {
      if (!isObj(draft[f.section])) draft[f.section] = {};
      draft[f.section][f.name] = this.readValue(f.path);
    }
    draft.schedule = this.readRows("schedule");
    if (!isObj(draft.opinions)) draft.opinions = {};
    draft.opinions.participants = this.readRows("participants");
    return draft;
  }

  writeForm(draft) {
    const d = isObj(draft) ? clone(draft) : {};
    this.base = d;
    for (const f of this.singles) {
      const sec = isObj(d[f.section]) ? d[f.section] : {};
      this.writeValue(f.path, sec[f.name]);
    }
    const schedule = Array.isArray(d.schedule) ? d.schedule : [{}];
    this.renderRows("schedule", schedule.length ? schedule : [{}]);
    const ops = isObj(d.opinions) && Array.isArray(d.opinions.participants) ? d.opinions.participants : [];
    this.renderRows("participants", ops);
    if (this.regions) this.regions.follow();
    this.updateCharCounts();
  }

  hasContent() {
    return this.fields.length > 0 && this.allValues().some((v) => v.trim() !== "");
  }

  allValues() {
    return [...this.form.querySelectorAll("input[name], textarea[name]")]
      .filter((i) => i.type !== "radio" || i.checked)
      .map((i) => i.value);
  }

  // ------------------------------------------------------------------ saving
  changed() {
    this.dirty = true;
    this.savePending = true;
    clearTimeout(this.saveTimer);
    this.saveTimer = setTimeout(() => this.saveNow(), 150);
    clearTimeout(this.checkTimer);
    this.checkTimer = setTimeout(() => this.validateNow(), 400);
    this.updateCharCounts();
    // The task list and the review follow every change at once (no shift later under the pointer).
    this.renderTasks();
    this.renderReview();
  }

  saveNow() {
    clearTimeout(this.saveTimer);
    this.savePending = false;
    if (this.noStore) return;
    const ok = draftStore.save(this.readForm());
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
      this.dirty = this.hasContent();
      this.setSaved("按您的选择，草稿不保存在这台电脑上；离开前请“下载 JSON”。");
      this.announce("已删除这台电脑上保存的草稿，以后的修改也不再保存。");
    } else {
      this.saveNow();
      this.announce("草稿会自动保存在这台电脑上。");
    }
  }

  // ------------------------------------------------------------------ rows
  addRow(kind) {
    const rows = this.readRows(kind);
    rows.push({});
    this.remapTouched(kind, (i) => i);
    this.renderRows(kind, rows);
    const li = this.form.querySelector(`[data-rows="${kind}"]`).children[rows.length - 1];
    li.querySelector("input, textarea").focus();
    this.announce(`已添加${rowLabel(kind, rows.length - 1)}。`);
    this.changed();
  }

  rowAction(btn) {
    const li = btn.closest("[data-row]");
    const kind = li.dataset.row;
    const list = [...li.parentElement.children];
    const i = list.indexOf(li);
    const rows = this.readRows(kind);
    const action = btn.dataset.rowAction;
    if (action === "remove") {
      const [gone] = rows.splice(i, 1);
      this.lastRemoved = { kind, index: i, row: gone };
      this.remapTouched(kind, (k) => (k === i ? null : k > i ? k - 1 : k));
      this.renderRows(kind, rows);
      const items = this.form.querySelector(`[data-rows="${kind}"]`).children;
      const next = items[Math.min(i, items.length - 1)];
      (next ? next.querySelector("input, textarea") : this.form.querySelector(`[data-add-row="${kind}"]`)).focus();
      this.showRowStatus(kind, `已删除${rowLabel(kind, i)}。`, true);
    } else {
      const j = action === "up" ? i - 1 : i + 1;
      if (j < 0 || j >= rows.length) return;
      [rows[i], rows[j]] = [rows[j], rows[i]];
      this.remapTouched(kind, (k) => (k === i ? j : k === j ? i : k));
      this.renderRows(kind, rows);
      const moved = this.form.querySelector(`[data-rows="${kind}"]`).children[j];
      let target = moved.querySelector(`[data-row-action="${action}"]`);
      if (target.disabled) target = moved.querySelector(`[data-row-action="${action === "up" ? "down" : "up"}"]`);
      if (target.disabled) target = moved.querySelector('[data-row-action="remove"]');
      target.focus();
      this.showRowStatus(kind, `${rowLabel(kind, i)}已${action === "up" ? "上移" : "下移"}，现在是${rowLabel(kind, j)}。`);
    }
    this.changed();
  }

  showRowStatus(kind, message, undo = false) {
    this.announce(message);
    const box = this.form.querySelector(`[data-repeat="${kind}"]`);
    let note = box.querySelector(".smpls-row-note");
    if (!note) {
      note = el("p", { class: "smpls-note smpls-row-note" });
      box.querySelector(`[data-add-row="${kind}"]`).before(note);
    }
    note.replaceChildren(message);
    if (undo) {
      note.append(" ", el("button", { type: "button", class: "smpls-link-btn", "data-action": "undo-remove", "data-kind": kind, text: "撤销删除" }));
    }
  }

  undoRemove(kind) {
    const r = this.lastRemoved;
    if (!r || r.kind !== kind) return;
    const rows = this.readRows(kind);
    const at = Math.min(r.index, rows.length);
    rows.splice(at, 0, r.row);
    this.remapTouched(kind, (k) => (k >= at ? k + 1 : k));
    this.renderRows(kind, rows);
    this.lastRemoved = null;
    const li = this.form.querySelector(`[data-rows="${kind}"]`).children[at];
    li.querySelector("input, textarea").focus();
    this.showRowStatus(kind, `已恢复${rowLabel(kind, at)}。`);
    this.changed();
  }

  remapTouched(kind, map) {
    const prefix = ROW_LIST[kind] + ".";
    const next = new Set();
    for (const p of this.touched) {
      if (!p.startsWith(prefix)) {
        next.add(p);
        continue;
      }
      const [idx, ...rest] = p.slice(prefix.length).split(".");
      const n = map(Number(idx));
      if (n !== null) next.add([prefix + n, ...rest].join("."));
    }
    this.touched = next;
  }

  // ------------------------------------------------------------------ checker
  async startChecker() {
    if (typeof WebAssembly !== "object" || typeof Worker !== "function") {
      this.onStatus({
        state: "failed",
        message: "这个浏览器不支持 WebAssembly 或 Web Worker，检查程序无法运行。",
      });
      return;
    }
    try {
      const mod = await import("./checker.js");
      this.checker = mod.startChecker();
      this.checker.onStatus((s) => this.onStatus(s));
    } catch (err) {
      this.onStatus({ state: "failed", message: "检查程序未能加载。", detail: String(err) });
    }
  }

  /** Resolves once the checker is ready or has failed. */
  checkerSettled() {
    if (this.checkerState !== "loading") return Promise.resolve(this.checkerState);
    return new Promise((resolve) => (this.settledWaiters = [...(this.settledWaiters || []), resolve]));
  }

  onStatus(s) {
    const state = s && s.state;
    this.checkerState = state;
    if (state !== "loading" && this.settledWaiters) {
      for (const resolve of this.settledWaiters) resolve(state);
      this.settledWaiters = null;
    }
    this.status.dataset.state = state;
    if (state === "ready") {
      this.statusText.textContent = "检查程序已就绪：离开一个栏目时会检查它，也可以随时点“检查全部”。";
      this.statusBar.hidden = true;
      this.validateNow();
    } else if (state === "failed") {
      this.statusText.textContent =
        `${s.message || "检查程序未能加载。"}您仍可以填写，内容会自动保存，也可以“下载 JSON”；` +
        "检查和下载 Word 需要较新的 Chrome、Edge、Firefox 或 Safari。";
      this.statusBar.hidden = true;
      if (s.detail) console.warn("检查程序：", s.detail);
      this.renderAll();
    } else {
      this.statusText.textContent = `${s.message || "正在加载检查程序……"}您可以先开始填写。`;
      this.statusBar.hidden = false;
      const step = /(\d+)\s*\/\s*(\d+)/.exec(s.message || ""); // "正在下载校验程序（3/7）…"
      const progress = typeof s.progress === "number" ? s.progress : step ? Number(step[1]) / Number(step[2]) : null;
      if (progress !== null && Number.isFinite(progress)) {
        this.statusBar.max = 1;
        this.statusBar.value = Math.max(0, Math.min(1, progress));
      }
    }
  }

  async validateNow() {
    clearTimeout(this.checkTimer);
    if (!this.checker || this.checkerState !== "ready") {
      this.renderAll();
      return null;
    }
    const seq = ++this.seq;
    const draft = this.readForm();
    try {
      const res = await this.checker.call("validate", draft);
      if (seq !== this.seq) return this.result; // a newer check is on its way
      this.result = res && Array.isArray(res.problems) ? res : { problems: [], counts: {} };
      this.resultIsStale = false;
    } catch (err) {
      console.warn("检查失败", err);
      this.statusText.textContent = "这次检查没有完成（检查程序出错）。您的内容已保存，可以再点“检查全部”重试。";
    }
    this.renderAll();
    return this.result;
  }

  async checkAll() {
    this.showAll = true;
    if (!this.checker || this.checkerState !== "ready") {
      this.renderAll();
      this.summary.hidden = false;
      const body = this.summary.querySelector(".smpls-summary__body");
      this.summary.querySelector(".smpls-summary__title").textContent = "还不能检查";
      body.replaceChildren(
        el("p", {
          text:
            this.checkerState === "failed"
              ? "检查程序无法在这个浏览器中运行，所以不能检查。您填写的内容已保存，可以下载 JSON。"
              : "检查程序还在加载，请稍等几秒后再点“检查全部”。您填写的内容已保存。",
        }),
      );
      this.summary.scrollIntoView({ block: "start" });
      this.summary.focus({ preventScroll: true });
      return;
    }
    await this.validateNow();
    const target = this.problems(LEVEL_ERROR).length ? this.summary : this.success;
    target.scrollIntoView({ block: "start" });
    target.focus({ preventScroll: true });
  }

  problems(level) {
    const all = (this.result && this.result.problems) || [];
    return level ? all.filter((p) => p.level === level) : all;
  }

  // ------------------------------------------------------------------ showing problems
  targetPath(path) {
    let p = String(path || "");
    while (p) {
      if (this.root.querySelector(`[data-msg-for="${CSS.escape(p)}"]`)) return p;
      p = p.includes(".") ? p.slice(0, p.lastIndexOf(".")) : "";
    }
    return "";
  }

  visible(path) {
    if (this.showAll) return true;
    for (const t of this.touched) if (t === path || t.startsWith(path + ".") || path.startsWith(t + ".")) return true;
    return false;
  }

  labelFor(path) {
    const parts = String(path).split(".");
    const generic = parts.map((p) => (/^\d+$/.test(p) ? "*" : p)).join(".");
    const spec = this.byPath.get(generic);
    const idx = parts.find((p) => /^\d+$/.test(p));
    const kind = generic.startsWith("schedule") ? "schedule" : generic.startsWith("opinions.participants") ? "participants" : "";
    const row = kind && idx !== undefined ? rowLabel(kind, Number(idx)) : "";
    if (spec) return row ? `${row} · ${spec.label}` : spec.label;
    if (row) return row;
    const sec = this.config.sections.find((s) => s.key === parts[0]);
    if (generic === "opinions.participants") return "参加单位";
    return sec ? sec.title.split("（")[0] : "申请书";
  }

  renderAll() {
    this.renderProblems();
    this.renderTasks();
    this.renderReview();
  }

  renderProblems() {
    for (const box of this.root.querySelectorAll(".smpls-msg")) box.replaceChildren();
    for (const w of this.form.querySelectorAll(".smpls-field--error, .smpls-field--hint")) {
      w.classList.remove("smpls-field--error", "smpls-field--hint");
    }
    for (const i of this.form.querySelectorAll("[aria-invalid]")) i.removeAttribute("aria-invalid");
    const shown = [];
    for (const p of this.problems()) {
      const target = this.targetPath(p.path);
      if (!this.visible(p.path)) continue;
      shown.push({ ...p, target });
      if (!target) continue;
      const box = this.root.querySelector(`[data-msg-for="${CSS.escape(target)}"]`);
      box.append(messageItem(p));
      const wrap = box.closest("[data-path]");
      if (wrap && wrap.classList.contains("smpls-field")) {
        wrap.classList.add(p.level === LEVEL_ERROR ? "smpls-field--error" : "smpls-field--hint");
        if (p.level === LEVEL_ERROR) {
          for (const input of wrap.querySelectorAll("input, textarea")) input.setAttribute("aria-invalid", "true");
        }
      }
    }
    // counts: always visible
    const errors = this.problems(LEVEL_ERROR).length;
    const hints = this.problems(LEVEL_HINT).length;
    if (this.result) {
      this.countsEl.replaceChildren(
        el("span", { class: "smpls-count smpls-count--error" + (errors ? "" : " smpls-count--zero"), text: `错误 ${errors} 处` }),
        el("span", { class: "smpls-count smpls-count--hint" + (hints ? "" : " smpls-count--zero"), text: `提示 ${hints} 处` }),
      );
    } else {
      this.countsEl.textContent =
        this.checkerState === "failed" ? "无法检查（检查程序未加载）" : "检查程序就绪后显示问题数";
    }
    // the summary, after 检查全部
    if (!this.showAll || !this.result) {
      if (this.checkerState === "ready" || !this.showAll) this.summary.hidden = true;
      this.success.hidden = true;
      return;
    }
    const body = this.summary.querySelector(".smpls-summary__body");
    const errs = shown.filter((p) => p.level === LEVEL_ERROR);
    const tips = shown.filter((p) => p.level !== LEVEL_ERROR);
    if (!errs.length) {
      this.summary.hidden = true;
      this.success.hidden = false;
      this.success.textContent = tips.length
        ? `没有发现错误。还有 ${tips.length} 条提示，可以参考修改（不影响下载）。`
        : "没有发现错误，也没有提示。请到“核对信息”逐项核对后下载。";
      if (!tips.length) return;
    } else {
      this.success.hidden = true;
    }
    this.summary.hidden = false;
    this.summary.querySelector(".smpls-summary__title").textContent = errs.length
      ? `有 ${errs.length} 处错误需要修改`
      : `${tips.length} 条提示`;
    const list = (items, level) =>
      el(
        "ul",
        { class: `smpls-summary__list smpls-summary__list--${level === LEVEL_ERROR ? "error" : "hint"}` },
        ...items.map((p) =>
          el(
            "li",
            {},
            el(
              "a",
              { href: "#" + (this.anchorFor(p.target) || "smpls-app"), "data-goto": p.target || "" },
              el("span", { class: "smpls-tagword", text: level }),
              `${this.labelFor(p.path)}：${p.message}`,
            ),
          ),
        ),
      );
    const parts = [];
    if (errs.length) parts.push(list(errs, LEVEL_ERROR));
    if (tips.length) {
      parts.push(el("h3", { class: "smpls-summary__sub", text: "提示（建议修改，不影响下载）" }), list(tips, LEVEL_HINT));
    }
    body.replaceChildren(...parts);
  }

  anchorFor(path) {
    if (!path) return "";
    const node = document.getElementById(fieldId(path));
    if (node) return node.id;
    if (this.config.sections.some((s) => s.key === path)) return `sec-${path}`;
    return "";
  }

  focusField(path) {
    let node = path ? document.getElementById(fieldId(path)) : null;
    if (!node && this.config.sections.some((s) => s.key === path)) node = document.getElementById(`sec-${path}-title`);
    if (!node) node = this.form;
    const wrap = node.closest("[data-path]") || node;
    const label = wrap.querySelector("label, legend") || node;
    if (node === this.form) node.setAttribute("tabindex", "-1");
    label.scrollIntoView({ block: "start" });
    node.focus({ preventScroll: true });
  }

  goBackToReview() {
    this.backLink.hidden = true;
    const back = this.returnTo;
    this.returnTo = null;
    this.renderReview();
    const link = back ? this.reviewBody.querySelector(`[data-change="${CSS.escape(back)}"]`) : null;
    const target = link || this.root.querySelector("#review-title");
    target.scrollIntoView({ block: "center" });
    target.focus({ preventScroll: true });
  }

  // ------------------------------------------------------------------ task list
  sectionState(key, draft) {
    const fields = this.fields.filter((f) => f.section === key);
    const values = [];
    for (const f of fields) {
      if (f.repeat === "schedule") for (const r of draft.schedule) values.push(r[f.name]);
      else if (f.repeat === "participants") for (const r of draft.opinions.participants) values.push(r[f.name]);
      else values.push(draft[key][f.name]);
    }
    const filled = values.some((v) => text(v).trim() !== "");
    if (!filled) return "未开始";
    if (!this.result) return "填写中";
    const errs = this.problems(LEVEL_ERROR).filter((p) => String(p.path).split(".")[0] === key);
    if (errs.length) {
      const touchedHere = [...this.touched].some((t) => t.split(".")[0] === key);
      return this.showAll || touchedHere ? "有问题" : "填写中";
    }
    return "已完成";
  }

  renderTasks() {
    const draft = this.readForm();
    const cls = { 未开始: "todo", 填写中: "doing", 有问题: "error", 已完成: "done" };
    for (const tag of this.root.querySelectorAll("[data-task]")) {
      const state = this.sectionState(tag.dataset.task, draft);
      tag.textContent = state;
      tag.className = `smpls-tag smpls-tag--${cls[state]}`;
    }
  }

  // ------------------------------------------------------------------ check your answers
  renderReview() {
    const draft = this.readForm();
    const byPath = new Map();
    for (const p of this.problems()) {
      const list = byPath.get(p.path) || [];
      list.push(p);
      byPath.set(p.path, list);
    }
    const item = (path, label, value, kind) => {
      let v = text(value);
      const ym = kind === "yearmonth" && MONTH.exec(v.trim());
      if (ym) v = `${v.slice(0, 4)}年${Number(v.slice(5, 7))}月`;
      const probs = byPath.get(path) || [];
      const dd = el("dd", { class: "smpls-review__value" + (v.trim() ? "" : " smpls-review__value--empty"), text: v.trim() ? v : "未填写" });
      for (const p of probs) dd.append(messageItem(p));
      return el(
        "div",
        { class: "smpls-review__row" },
        el("dt", { class: "smpls-review__key", text: label }),
        dd,
        el(
          "dd",
          { class: "smpls-review__action" },
          el("a", { href: "#" + fieldId(path), "data-change": path }, "修改", el("span", { class: "smpls-vh", text: ` ${label}` })),
        ),
      );
    };
    const blocks = [];
    for (const sec of this.config.sections) {
      const rows = [];
      if (sec.key === "schedule" || sec.key === "opinions") {
        const kind = sec.key === "schedule" ? "schedule" : "participants";
        const list = kind === "schedule" ? draft.schedule : draft.opinions.participants;
        list.forEach((row, i) => {
          for (const f of this.rowFields[kind]) {
            rows.push(item(`${ROW_LIST[kind]}.${i}.${f.name}`, `${rowLabel(kind, i)} · ${f.label}`, row[f.name], f.kind));
          }
        });
        if (!list.length) rows.push(el("div", { class: "smpls-review__row" }, el("dt", { class: "smpls-review__key", text: kind === "schedule" ? "计划工作步骤" : "参加单位" }), el("dd", { class: "smpls-review__value smpls-review__value--empty", text: "没有" })));
      }
      for (const f of this.singles.filter((f) => f.section === sec.key)) {
        rows.push(item(f.path, f.label, draft[f.section][f.name], f.kind));
      }
      blocks.push(el("h3", { class: "smpls-review__title", text: sec.title.split("（")[0] }), el("dl", { class: "smpls-review__list" }, ...rows));
    }
    this.reviewBody.replaceChildren(...blocks);
  }

  // ------------------------------------------------------------------ downloads
  download(blob, filename) {
    const url = URL.createObjectURL(blob);
    const a = el("a", { href: url, download: filename, class: "smpls-vh" });
    document.body.append(a);
    a.click();
    a.remove();
    setTimeout(() => URL.revokeObjectURL(url), 30000);
  }

  baseName() {
    const unit = (this.readValue("basic.unit_name") || this.readValue("cover.undertaking_unit") || "").trim();
    const safe = unit.replace(/[\\/:*?"<>|\u0000-\u001f]/g, "").slice(0, 40);
    const day = new Date().toISOString().slice(0, 10);
    return `申请书草稿${safe ? "-" + safe : ""}-${day}`;
  }

  downloadJson() {
    this.saveNow();
    const draft = this.readForm();
    const blob = new Blob([JSON.stringify(draft, null, 2) + "\n"], { type: "application/json" });
    this.download(blob, `${this.baseName()}.json`);
    this.dirty = false;
    this.note("download", "已下载 JSON 草稿。以后可以在本页“导入 JSON 草稿”继续填写。");
  }

  async downloadDocx() {
    if (!this.checker || this.checkerState !== "ready") {
      this.note(
        "download",
        this.checkerState === "failed"
          ? "检查程序无法在这个浏览器中运行，所以不能生成 Word。请下载 JSON，换用较新的浏览器打开本页并导入。"
          : "检查程序还在加载，就绪后才能生成 Word，请稍等几秒再试。",
        true,
      );
      return;
    }
    this.saveNow();
    this.note("download", "正在生成 Word……");
    try {
      const draft = this.readForm();
      const res = await this.checker.call("docx", draft);
      const blob = new Blob([res.bytes], {
        type: "application/vnd.openxmlformats-officedocument.wordprocessingml.document",
      });
      this.download(blob, res.filename || `${this.baseName()}.docx`);
      const errors = this.problems(LEVEL_ERROR).length;
      this.note(
        "download",
        errors
          ? `已下载 Word。申请书还有 ${errors} 处错误，Word 中对应的地方可能为空或需要修改。`
          : "已下载 Word。打印后盖章、签名并填写日期。",
      );
    } catch (err) {
      console.warn("生成 Word 失败", err);
      this.note("download", "生成 Word 没有成功。您的内容没有受影响；可以先下载 JSON，稍后再试。", true);
    }
  }

  note(which, message, warn = false, ...extra) {
    const box = this.root.querySelector(`[data-note="${which}"]`);
    box.replaceChildren(message, ...extra);
    box.classList.toggle("smpls-note--warn", warn);
    box.hidden = false;
  }

  // ------------------------------------------------------------------ import
  async importFile(file) {
    const sectionKeys = this.config.sections.map((s) => s.key);
    const res = await readDraftFile(file, {
      maxBytes: this.config.maxImportBytes,
      schemaVersion: this.config.schemaVersion,
      sectionKeys,
    });
    if (!res.ok) {
      this.note("import", res.message, true);
      return;
    }
    let draft = res.draft;
    if (res.version < this.config.schemaVersion) {
      if (this.checker && this.checkerState === "loading") {
        this.note("import", `“${file.name}”是旧版本（${res.version}）的草稿，正在等检查程序就绪后转换……当前内容暂不改变。`);
        await this.checkerSettled();
      }
      if (!this.checker || this.checkerState !== "ready") {
        this.note("import", `“${file.name}”是旧版本（${res.version}）的草稿，需要检查程序转换，但检查程序没能在这个浏览器中运行，所以无法导入。当前内容没有改变。`, true);
        return;
      }
      try {
        // smpls.browser.migrate: {"draft": {...} | null, "problems": [...]} (or the migrated draft itself)
        const out = await this.checker.call("migrate", draft);
        const migrated = isObj(out) && "draft" in out ? out.draft : out;
        if (!isObj(migrated)) {
          const why = isObj(out) && Array.isArray(out.problems) && out.problems[0] ? out.problems[0].message : "";
          this.note("import", why || `“${file.name}”是旧版本（${res.version}）的草稿，没能转换成当前版本。当前内容没有改变。`, true);
          return;
        }
        draft = migrated;
      } catch (err) {
        console.warn("转换旧版本草稿失败", err);
        this.note("import", `“${file.name}”是旧版本（${res.version}）的草稿，没能转换成当前版本。当前内容没有改变。`, true);
        return;
      }
    }
    const tooMany = this.tooManyRows(draft);
    if (tooMany) {
      this.note("import", `“${file.name}”${tooMany}请确认选的是本页“下载 JSON”保存的草稿。当前内容没有改变。`, true);
      return;
    }
    const previous = this.readForm();
    this.undoDraft = previous;
    draftStore.saveBackup(previous);
    this.touched.clear();
    this.showAll = false;
    this.writeForm(draft);
    this.saveNow();
    this.dirty = true;
    this.result = null;
    this.validateNow();
    this.note(
      "import",
      `已导入“${file.name}”。${res.note}`,
      false,
      el("button", { type: "button", class: "smpls-link-btn", "data-action": "undo-import", text: "撤销导入，恢复导入前的内容" }),
    );
    this.announce(`已导入“${file.name}”。`);
  }

  // A list longer than the form allows (e.g. 200,000 阶段) would freeze the page while it draws the rows.
  tooManyRows(draft) {
    const lists = {
      schedule: isObj(draft) ? draft.schedule : null,
      participants: isObj(draft) && isObj(draft.opinions) ? draft.opinions.participants : null,
    };
    for (const [kind, list] of Object.entries(lists)) {
      const max = Number(this.form.querySelector(`[data-repeat="${kind}"]`).dataset.max);
      if (Array.isArray(list) && list.length > max) {
        return `里有 ${list.length} 个${ROW_NAME[kind]}，申请书最多 ${max} 个，无法导入。`;
      }
    }
    return "";
  }

  undoImport() {
    const prev = this.undoDraft || (draftStore.loadBackup() || {}).draft;
    if (!prev) return;
    this.undoDraft = null;
    this.writeForm(prev);
    this.saveNow();
    this.validateNow();
    this.note("import", "已恢复导入前的内容。");
    this.root.querySelector("#smpls-import-file").focus();
  }

  // ------------------------------------------------------------------ clear
  askClear() {
    const dialog = this.root.querySelector("#smpls-clear-dialog");
    if (typeof dialog.showModal === "function") {
      dialog.returnValue = "";
      dialog.showModal();
      dialog.querySelector('[data-dialog="cancel"]').focus();
    } else if (window.confirm("确定清空草稿吗？页面上和这台电脑里保存的全部内容都会被删除，不能恢复。")) {
      this.clearDraft();
    }
  }

  clearDraft() {
    draftStore.clear();
    this.touched.clear();
    this.showAll = false;
    this.result = null;
    this.writeForm({});
    this.dirty = false;
    this.root.querySelector('[data-note="restored"]').hidden = true;
    this.setSaved(this.noStore ? "按您的选择，草稿不保存在这台电脑上。" : "草稿已清空。");
    this.validateNow();
    this.announce("草稿已清空。");
    const first = document.getElementById(fieldId(this.fields[0].path));
    first.scrollIntoView({ block: "center" });
    first.focus({ preventScroll: true });
  }

  // ------------------------------------------------------------------ small things
  announce(message) {
    this.live.textContent = "";
    setTimeout(() => (this.live.textContent = message), 50);
  }

  updateCharCounts() {
    for (const p of this.form.querySelectorAll("[data-count-for]")) {
      const area = document.getElementById(p.dataset.countFor);
      if (!area) continue;
      const max = Number(area.getAttribute("maxlength"));
      const n = [...area.value].length;
      p.textContent = `${n} / ${max} 字`;
      p.classList.toggle("smpls-charcount--over", n > max);
    }
  }
}

function messageItem(p) {
  const error = p.level === LEVEL_ERROR;
  return el(
    "p",
    { class: `smpls-msg__item smpls-msg__item--${error ? "error" : "hint"}` },
    el("span", { class: "smpls-tagword", text: error ? "错误" : "提示" }),
    String(p.message || ""),
  );
}

function formatTime(iso) {
  const d = new Date(iso);
  if (Number.isNaN(d.getTime())) return "";
  const pad = (n) => String(n).padStart(2, "0");
  return `${d.getFullYear()}-${pad(d.getMonth() + 1)}-${pad(d.getDate())} ${pad(d.getHours())}:${pad(d.getMinutes())}`;
}

// The site root relative to this page, from the entry script's URL (…/assets/smpls/main.js).
function siteRoot() {
  const url = new URL(import.meta.url);
  return new URL("../../", url).href;
}
