// 汇总推荐项目 (docs/summary.md): the office drops every application it received; each file is checked by the
// Python checker (smpls.browser.summary_check, in batches), listed one row per file, reordered (推荐顺序),
// excluded, checked for duplicates and registrations outside the office's region (summary_duplicates) and exported
// (summary_export: xlsx, docx, csv, and the 问题清单 "problems"). File limits come from smpls.limits (config.limits).
// Columns, labels and file names come from the page config written by site_assets/hooks/summary.py.
import { startChecker } from "../runtime/checker.js";
import { el } from "../lib/dom.js";
import { draftStore } from "../lib/draft-store.js";
import { summaryStore, readEntries, sortEntries, walkDrop } from "./rollup-store.js";

const SITE_ROOT = new URL("../../../", import.meta.url);
const MIME = {
  xlsx: "application/vnd.openxmlformats-officedocument.spreadsheetml.sheet",
  docx: "application/vnd.openxmlformats-officedocument.wordprocessingml.document",
  csv: "text/csv;charset=utf-8",
};
MIME.problems = MIME.docx;
const EXTENSION = { xlsx: "xlsx", docx: "docx", csv: "csv", problems: "docx" };

export function init(root) {
  const config = JSON.parse(root.querySelector("#smpls-summary-config").textContent);
  const store = summaryStore(config.storageKey);
  const checker = startChecker();
  const $ = (sel) => root.querySelector(sel);
  const tbody = $("[data-rows]");
  const notes = $("[data-notes]");
  const progress = $("[data-progress]");
  const dupBox = $("[data-dups]");
  const outsideBox = $("[data-outside]");
  const statusBox = $(".smpls-status");
  const columns = config.columns;
  const ERR = config.levels.error;
  const ADV = config.levels.advice;

  // state: entries in 推荐顺序; each {…entry from Python, excluded: bool}
  let entries = [];
  let meta = { region: "", member: "", office: "", date: "", withErrors: false };
  let dups = [];
  let outside = []; // {row key, message}
  let sorted = { key: "", dir: 0 };
  const open = new Set(); // hashes whose problems are shown
  let busy = false;
  const queue = [];

  // ------------------------------------------------------------ storage (same rules as the form)
  const saved = store.load();
  if (saved) {
    entries = readEntries(saved.entries);
    meta = { ...meta, ...(saved.meta || {}) };
    if (entries.length) {
      const note = $('[data-note="restored"]');
      note.textContent = `已恢复上次的列表（${entries.length} 个文件，保存于 ${new Date(saved.savedAt).toLocaleString("zh-CN")}）。`;
      note.hidden = false;
    }
  }
  for (const input of root.querySelectorAll("[data-meta]")) {
    input.value = meta[input.dataset.meta] || "";
    input.addEventListener("input", () => {
      meta[input.dataset.meta] = input.value;
      if (input.dataset.meta === "region" || input.dataset.meta === "member") {
        showTitle();
        refreshDuplicates();
      }
      save();
    });
  }
  const withErrors = $("#smpls-sum-with-errors");
  withErrors.checked = meta.withErrors === true;
  withErrors.addEventListener("change", () => {
    meta.withErrors = withErrors.checked;
    save();
  });
  const privacy = $("[data-privacy]");
  const noStore = $("#smpls-sum-no-store");
  if (draftStore.available()) {
    privacy.hidden = false;
    noStore.checked = draftStore.noStore();
    noStore.addEventListener("change", () => {
      draftStore.setNoStore(noStore.checked);
      if (noStore.checked) {
        store.clear();
        draftStore.clear();
        say("这台电脑上不再保存汇总列表和申请书草稿。离开本页前请先导出。");
      } else save();
    });
  }
  window.addEventListener("beforeunload", (event) => {
    if (entries.length && (draftStore.noStore() || !store.lastOk)) {
      event.preventDefault();
      event.returnValue = "";
    }
  });

  function save() {
    if (draftStore.noStore()) return;
    if (!store.save(entries, meta)) say("无法在这台电脑上保存列表（浏览器的存储已满或被禁用）。离开本页前请先导出。", true);
  }

  // ------------------------------------------------------------ status of the checker
  checker.onStatus((s) => {
    statusBox.dataset.state = s.state;
    statusBox.querySelector(".smpls-status__text").textContent =
      s.state === "ready" ? "检查程序已就绪。" : s.state === "failed" ? `${s.message} 已保存的列表仍可查看和排序。` : s.message;
    if (s.state === "ready") {
      refreshDuplicates();
      checker.call("summary_warm").catch(() => {}); // openpyxl, for the Excel export
    }
  });

  // ------------------------------------------------------------ adding files
  function say(text, warn = false) {
    notes.append(el("p", { class: warn ? "smpls-note smpls-note--warn" : "smpls-note", text }));
  }

  async function add(files) {
    files = files.filter((f) => f && typeof f.name === "string");
    if (!files.length) return;
    queue.push(...files);
    if (busy) return;
    busy = true;
    notes.replaceChildren();
    try {
      while (queue.length) await addBatchOfFiles(queue.splice(0, queue.length));
    } finally {
      busy = false;
      progress.hidden = true;
    }
  }

  // A batch goes to Python at once: at most config.batch files, and no more bytes than the largest file a reader
  // takes (so a batch of large Word files does not fill the memory).
  function batches(files) {
    const out = [];
    let current = [];
    let bytes = 0;
    for (const f of files) {
      const size = Math.min(f.size || 0, config.limits.largestBytes + 1);
      if (current.length && (current.length >= config.batch || bytes + size > config.limits.largestBytes)) {
        out.push(current);
        current = [];
        bytes = 0;
      }
      current.push(f);
      bytes += size;
    }
    if (current.length) out.push(current);
    return out;
  }

  async function addBatchOfFiles(files) {
    const room = Math.max(0, config.maxFiles - entries.length);
    if (files.length > room) {
      say(
        room
          ? `一次汇总最多 ${config.maxFiles} 个文件：这次选择了 ${files.length} 个，只读取了前 ${room} 个，其余没有读取。`
          : `列表已有 ${config.maxFiles} 个文件，这次选择的 ${files.length} 个没有读取。请先导出或清空列表。`,
        true,
      );
      files = files.slice(0, room);
    }
    const bar = progress.querySelector("progress");
    const text = progress.querySelector("p");
    progress.hidden = false;
    bar.max = files.length || 1;
    let done = 0;
    let added = 0;
    let drawn = 0;
    let shown = entries.length;
    const show = () => {
      bar.value = done;
      text.textContent = `正在检查 ${done} / ${files.length} 个文件…`;
    };
    show();
    for (const batch of batches(files)) {
      const payload = { files: [], known: entries.map((e) => ({ hash: e.hash, file: e.file })) };
      for (const f of batch) {
        let bytes;
        try {
          // A file over every reader's limit: its first bytes and its size are enough for Python to say "too large"
          // (each reader's own limit, smpls.limits).
          const end = f.size > config.limits.largestBytes ? 8 : f.size;
          bytes = await f.slice(0, end).arrayBuffer();
        } catch {
          bytes = null;
        }
        if (bytes === null) {
          entries.push(unreadable(f, "浏览器无法读取这个文件（可能已被移动或删除）。"));
          continue;
        }
        payload.files.push({ name: f.relPath || f.name, size: f.size, bytes });
      }
      let result;
      try {
        result = await checker.call("summary_check", payload);
      } catch (err) {
        for (const f of payload.files) entries.push(unreadable({ name: f.name }, `没有检查：${err.message}`));
        result = { entries: [], notes: [] };
      }
      for (const entry of result.entries) {
        if (entry) {
          entries.push({ ...entry, excluded: false });
          added += 1;
        }
      }
      for (const note of result.notes) say(note, true);
      done += batch.length;
      show();
      // While files come in, only the new rows are added to the table (a few times a second); it is redrawn once
      // at the end (numbering, duplicates, buttons).
      if (performance.now() - drawn > 400) {
        appendRows(shown);
        shown = entries.length;
        drawn = performance.now();
      }
      // Let the page paint and respond between batches.
      await new Promise((resolve) => setTimeout(resolve, 0));
    }
    render();
    save();
    sorted = { key: "", dir: 0 };
    refreshDuplicates();
    const bad = entries.filter((e) => !e.readable).length;
    say(`已添加 ${added} 个文件${bad ? `；列表中有 ${bad} 个无法读取的文件，见表中说明` : ""}。`);
  }

  function unreadable(file, reason) {
    return { file: file.relPath || file.name, hash: "", readable: false, values: {}, counts: { [ERR]: 0, [ADV]: 0 }, problems: [], unplaced: [], reason, excluded: false };
  }

  const fileInput = $("#smpls-sum-files");
  const folderInput = $("#smpls-sum-folder");
  for (const input of [fileInput, folderInput]) {
    input.addEventListener("change", () => {
      const files = [...input.files].map((f) => Object.assign(f, { relPath: f.webkitRelativePath || f.name }));
      input.value = "";
      add(sortFiles(files.filter((f) => input === fileInput || accepted(f))));
    });
  }
  const drop = $("[data-dropzone]");
  drop.addEventListener("dragover", (e) => {
    e.preventDefault();
    drop.classList.add("smpls-import--over");
  });
  drop.addEventListener("dragleave", () => drop.classList.remove("smpls-import--over"));
  drop.addEventListener("drop", async (e) => {
    e.preventDefault();
    drop.classList.remove("smpls-import--over");
    const files = await walkDrop(e.dataTransfer);
    add(sortFiles(files.filter((f) => !f.inFolder || accepted(f))));
  });

  // Files inside a folder are taken by extension (a folder also holds other things); files chosen one by one
  // are all read, so that a wrong one gets a row saying why.
  function accepted(f) {
    return config.accept.some((ext) => f.name.toLowerCase().endsWith(ext));
  }
  function sortFiles(files) {
    return files.sort((a, b) => ((a.relPath || a.name) < (b.relPath || b.name) ? -1 : (a.relPath || a.name) > (b.relPath || b.name) ? 1 : 0));
  }

  // ------------------------------------------------------------ duplicates (Python decides)
  let dupTimer = 0;
  function refreshDuplicates() {
    clearTimeout(dupTimer);
    dupTimer = setTimeout(async () => {
      if (checker.status.state !== "ready") return;
      const kept = entries.filter((e) => !e.excluded);
      try {
        const result = await checker.call("summary_duplicates", { entries: kept, region: meta.region, member: meta.member });
        dups = result.duplicates.map((d) => ({ ...d, hashes: d.rows.map((i) => kept[i] && rowKey(kept[i])) }));
        outside = result.outside.map((o) => ({ ...o, key: kept[o.row] && rowKey(kept[o.row]) }));
      } catch {
        dups = [];
        outside = [];
      }
      renderDuplicates();
      render();
    }, 50);
  }

  function renderDuplicates() {
    const list = dupBox.querySelector("ul");
    list.replaceChildren(...dups.map((d) => el("li", { text: d.message })));
    dupBox.hidden = dups.length === 0;
    outsideBox.querySelector("ul").replaceChildren(...outside.map((o) => el("li", { text: `${o.message}（依据：${o.basis}）` })));
    outsideBox.hidden = outside.length === 0;
  }

  // ------------------------------------------------------------ the table
  const rowKey = (e) => e.file + "\u0000" + e.hash;

  function showTitle() {
    $("[data-title]").textContent = ((meta.member || "").trim() || meta.region.trim() || config.placeholderRegion) + config.titleRest;
  }

  function render() {
    const dupKeys = new Set(dups.flatMap((d) => d.hashes));
    const outsideKeys = new Set(outside.map((o) => o.key));
    const rows = [];
    let seq = 0;
    entries.forEach((entry, index) => {
      const kept = entry.readable && !entry.excluded;
      if (kept) seq += 1;
      rows.push(renderRow(entry, index, kept ? seq : "", dupKeys.has(rowKey(entry)), outsideKeys.has(rowKey(entry))));
      if (open.has(rowKey(entry)) && entry.readable) rows.push(renderProblems(entry));
    });
    tbody.replaceChildren(...rows);
    const readable = entries.filter((e) => e.readable);
    const kept = readable.filter((e) => !e.excluded);
    const errors = kept.reduce((n, e) => n + (e.counts[ERR] || 0), 0);
    const advice = kept.reduce((n, e) => n + (e.counts[ADV] || 0), 0);
    const bad = entries.length - readable.length;
    const withErrors = kept.filter((e) => e.counts[ERR] > 0).length;
    $("[data-counts]").textContent = entries.length
      ? `共 ${entries.length} 个文件：列入清单 ${kept.length} 项（其中 ${withErrors} 项有错误；${ERR} ${errors} 个，${ADV} ${advice} 个）` +
        `${readable.length - kept.length ? `，已排除 ${readable.length - kept.length} 项` : ""}${bad ? `，无法读取 ${bad} 个` : ""}。`
      : "还没有添加申请书。";
    for (const th of root.querySelectorAll("th[aria-sort]")) {
      th.setAttribute("aria-sort", th.dataset.col === sorted.key ? (sorted.dir > 0 ? "ascending" : "descending") : "none");
    }
    showTitle();
  }

  function appendRows(from) {
    let seq = entries.slice(0, from).filter((e) => e.readable && !e.excluded).length;
    const rows = entries.slice(from).map((entry, i) => {
      if (entry.readable && !entry.excluded) seq += 1;
      return renderRow(entry, from + i, entry.readable && !entry.excluded ? seq : "", false);
    });
    tbody.append(...rows);
  }

  function renderRow(entry, index, seq, duplicate, away = false) {
    const key = rowKey(entry);
    const tr = el("tr", {
      class: ["smpls-sum__row", entry.excluded && "smpls-sum__row--excluded", !entry.readable && "smpls-sum__row--bad", duplicate && "smpls-sum__row--dup"].filter(Boolean).join(" "),
      "data-index": String(index),
    });
    const name = entry.file;
    if (!entry.readable) {
      const span = columns.length - 2;
      tr.append(
        el("td", { class: "smpls-sum__seq", text: "" }),
        el("td", { colspan: String(span) }, el("strong", { class: "smpls-tag smpls-tag--error", text: "无法读取" }), " ", entry.reason),
        el("td", { class: "smpls-sum__file", text: name }),
      );
    } else {
      for (const col of columns) {
        let value;
        if (col.key === "seq") value = seq === "" ? (entry.excluded ? "已排除" : "") : String(seq);
        else if (col.key === "errors") value = String(entry.counts[ERR] || 0);
        else if (col.key === "advice") value = String(entry.counts[ADV] || 0);
        else if (col.key === "file") value = name;
        else value = entry.values[col.key] || "";
        const cls = col.key === "seq" ? "smpls-sum__seq" : col.key === "errors" && entry.counts[ERR] ? "smpls-sum__count--error" : col.key === "file" ? "smpls-sum__file" : null;
        const td = el("td", { class: cls, "data-col": col.key });
        if (col.key === "pilot_name" && duplicate) td.append(el("strong", { class: "smpls-tag smpls-tag--doing", text: "可能重复" }), " ");
        if (col.key === "province" && away) td.append(el("strong", { class: "smpls-tag smpls-tag--plain", text: "不在本省" }), " ");
        td.append(value || (col.key === "seq" ? "" : "—"));
        tr.append(td);
      }
    }
    const ops = el("td", { class: "smpls-sum__ops" });
    const label = entry.values.pilot_name || name;
    if (entry.readable) {
      const count = entry.problems.length;
      const unread = (entry.unplaced || []).length;
      const text = [count ? `问题（${count}）` : "", unread ? `未读入（${unread}）` : ""].filter(Boolean).join(" ");
      const spoken = [count ? `问题（${count} 个）` : "", unread ? `没有读入的文字（${unread} 处）` : ""].filter(Boolean).join("、");
      ops.append(
        count || unread
          ? el("button", { type: "button", class: "smpls-btn smpls-btn--small", "data-op": "problems", "aria-expanded": String(open.has(key)), "aria-label": `${label}的${spoken}`, text })
          : el("span", { class: "smpls-sum__none", text: "没有问题" }),
        " ",
      );
    }
    ops.append(
      el("button", { type: "button", class: "smpls-btn smpls-btn--small", "data-op": "up", "aria-label": `上移：${label}`, text: "上移", disabled: index === 0 }),
      el("button", { type: "button", class: "smpls-btn smpls-btn--small", "data-op": "down", "aria-label": `下移：${label}`, text: "下移", disabled: index === entries.length - 1 }),
      entry.readable
        ? el("button", { type: "button", class: "smpls-btn smpls-btn--small", "data-op": "exclude", "aria-label": `${entry.excluded ? "恢复" : "排除"}：${label}`, text: entry.excluded ? "恢复" : "排除" })
        : el("button", { type: "button", class: "smpls-btn smpls-btn--small", "data-op": "remove", "aria-label": `移除：${name}`, text: "移除" }),
    );
    tr.append(ops);
    return tr;
  }

  function renderProblems(entry) {
    const items = entry.problems.map((p) => {
      const error = p.level === ERR;
      const li = el("li", { class: error ? "smpls-msg__item smpls-msg__item--error" : "smpls-msg__item smpls-msg__item--hint" });
      li.append(el("strong", { class: error ? "smpls-tag smpls-tag--error" : "smpls-tag smpls-tag--plain", text: p.level }), " ", p.message);
      if (p.basis) {
        li.append(" ");
        const basis = p.basis_href ? el("a", { href: new URL(p.basis_href, SITE_ROOT).href, class: "smpls-basis__link", text: p.basis }) : p.basis;
        li.append(el("span", { class: "smpls-sum__basis" }, "依据：", basis));
      }
      return li;
    });
    const name = entry.values.pilot_name || entry.file;
    const td = el("td", { colspan: String(columns.length + 1) });
    if (items.length) td.append(el("ul", { class: "smpls-sum__problems", "aria-label": `${name}的问题` }, ...items));
    const unplaced = entry.unplaced || [];
    if (unplaced.length) {
      // As the form lists it after reading the same Word file: text the reader could not place in any box.
      td.append(
        el("p", { class: "smpls-sum__unplaced-title", text: `Word 文件中没有读入任何一栏的文字（${unplaced.length} 处），请核对是否漏填或填错了位置：` }),
        el("ul", { class: "smpls-sum__unplaced", "aria-label": `${name}没有读入的文字` }, ...unplaced.map((t) => el("li", { text: t }))),
      );
    }
    return el("tr", { class: "smpls-sum__detail" }, td);
  }

  tbody.addEventListener("click", (event) => {
    const button = event.target.closest("button[data-op]");
    if (!button) return;
    const index = Number(button.closest("tr").dataset.index);
    const entry = entries[index];
    if (!entry) return;
    const op = button.dataset.op;
    if (op === "problems") {
      const key = rowKey(entry);
      if (open.has(key)) open.delete(key);
      else open.add(key);
      render();
      focusOp(entries.indexOf(entry), op);
      return;
    }
    if (op === "up" || op === "down") {
      const to = op === "up" ? index - 1 : index + 1;
      if (to < 0 || to >= entries.length) return;
      [entries[index], entries[to]] = [entries[to], entries[index]];
      sorted = { key: "", dir: 0 };
      say(`已把“${entry.values.pilot_name || entry.file}”${op === "up" ? "上移" : "下移"}到第 ${to + 1} 行。`);
    } else if (op === "exclude") {
      entry.excluded = !entry.excluded;
    } else if (op === "remove") {
      entries.splice(index, 1);
    }
    save();
    refreshDuplicates();
    render();
    focusOp(entries.indexOf(entry), op === "remove" ? "up" : op);
  });

  function focusOp(index, op) {
    const tr = tbody.querySelector(`tr[data-index="${index}"]`);
    const target = tr && (tr.querySelector(`[data-op="${op}"]:not([disabled])`) || tr.querySelector("button:not([disabled])"));
    if (target) target.focus();
  }

  for (const button of root.querySelectorAll("[data-sort]")) {
    button.addEventListener("click", () => {
      const key = button.dataset.sort;
      const dir = sorted.key === key ? -sorted.dir : 1;
      entries = sortEntries(entries, key, dir, { error: ERR, advice: ADV });
      sorted = { key, dir };
      save();
      refreshDuplicates();
      render();
    });
  }

  // ------------------------------------------------------------ exports
  const exportNote = $('[data-note="export"]');
  for (const button of root.querySelectorAll("[data-export]")) {
    button.addEventListener("click", async () => {
      const format = button.dataset.export;
      const kept = entries.filter((e) => e.readable && !e.excluded);
      const name = `${config.filenames[format]}.${EXTENSION[format]}`;
      if (!kept.length) {
        exportNote.textContent = "清单是空的：请先添加能读取的申请书（或恢复被排除的）。";
        return;
      }
      exportNote.textContent = "正在生成…";
      button.disabled = true;
      try {
        const rows = kept.map(({ file, hash, readable, values, counts, problems, unplaced }) =>
          format === "problems" ? { file, hash, readable, values, counts, problems, unplaced } : { file, hash, readable, values, counts },
        );
        const { bytes } = await checker.call("summary_export", { format, entries: rows, ...meta });
        const url = URL.createObjectURL(new Blob([bytes], { type: MIME[format] }));
        const a = el("a", { href: url, download: name, hidden: true });
        document.body.append(a);
        a.click();
        a.remove();
        setTimeout(() => URL.revokeObjectURL(url), 10000);
        exportNote.textContent = `已生成 ${name}（${exportedCount(format, kept)}）。`;
      } catch (err) {
        exportNote.textContent = `未能生成：${err.message}`;
      } finally {
        button.disabled = false;
      }
    });
  }
  // What the note after an export says: the Word list leaves out the applications with 错误 unless asked.
  function exportedCount(format, kept) {
    const withErr = kept.filter((e) => (e.counts[ERR] || 0) > 0).length;
    if (format === "docx" && !meta.withErrors && withErr) return `列入 ${kept.length - withErr} 项；另有 ${withErr} 项有${ERR}，没有列入，清单中写明了份数`;
    if (format === "docx" && withErr) return `${kept.length} 项，其中 ${withErr} 项有${ERR}，已标注`;
    return `${kept.length} 项`;
  }
  $('[data-action="print"]').addEventListener("click", () => window.print());

  // ------------------------------------------------------------ clear (asks first)
  const dialog = root.querySelector("#smpls-sum-clear-dialog");
  $('[data-action="clear"]').addEventListener("click", () => dialog.showModal());
  dialog.addEventListener("click", (event) => {
    const choice = event.target.closest("[data-dialog]");
    if (!choice) return;
    dialog.close();
    if (choice.dataset.dialog !== "confirm") return;
    entries = [];
    dups = [];
    outside = [];
    open.clear();
    store.clear();
    notes.replaceChildren();
    say("列表已清空。");
    renderDuplicates();
    render();
  });

  render();
}
