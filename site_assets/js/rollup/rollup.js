// 汇总推荐项目 (docs/summary.md): the office drops every application it received; each file is checked by the
// Python checker (smpls.browser.summary_check, in batches), listed one row per file, reordered (推荐顺序),
// excluded, checked for duplicates and registrations outside the office's region (summary_duplicates) and exported
// (summary_export: xlsx, docx, csv, and the 问题清单 "problems"). Columns, labels, sentences, file limits
// (smpls.limits) and file names come from the page config written by site_assets/hooks/summary.py.
// This module makes the page's components (one per data-module inside the page, lib/components.js) and what they
// share: a store holding the list and the checker's status; it keeps the list on this computer and asks Python
// which rows are duplicates.
//   rollup/add         choosing or dropping files, checking them (progress);  rollup/notes  what happened;
//   lib/status-line    the checker's status;  rollup/restored  the list restored;  rollup/privacy  不在这台电脑上保存;
//   rollup/duplicates, rollup/outside  what Python found across rows;  rollup/title, rollup/counts  above the table;
//   rollup/table       the rows, their problems, order and exclusion;  rollup/meta  the list's title and signature;
//   rollup/export      the downloads and print;  rollup/clear  清空列表 (asks first).
import { startChecker } from "../runtime/checker.js";
import { Store, createAllOf } from "../lib/components.js";
import { draftStore } from "../lib/draft-store.js";
import { StatusLine } from "../lib/status-line.js";
import { readEntries, rollupStore, rowKey } from "./rollup-store.js";
import { RollupAdd } from "./add.js";
import { RollupNotes } from "./notes.js";
import { RollupRestored } from "./restored.js";
import { RollupPrivacy } from "./privacy.js";
import { RollupDuplicates } from "./duplicates.js";
import { RollupOutside } from "./outside.js";
import { RollupTitle } from "./title.js";
import { RollupCounts } from "./counts.js";
import { RollupTable } from "./table.js";
import { RollupMeta } from "./meta.js";
import { RollupExport } from "./export.js";
import { RollupClear } from "./clear.js";

const COMPONENTS = [RollupNotes, RollupAdd, StatusLine, RollupRestored, RollupPrivacy, RollupDuplicates, RollupOutside, RollupTitle, RollupCounts, RollupTable, RollupMeta, RollupExport, RollupClear];

export function init(root) {
  const config = JSON.parse(root.querySelector("#smpls-summary-config").textContent);
  const saved = rollupStore(config.storageKey);
  const checker = startChecker();
  const kept = saved.load();
  const entries = kept ? readEntries(kept.entries) : [];
  // entries: the list in 推荐顺序, each {…entry from Python, excluded}; dups/outside: what Python found across the
  // kept rows; sorted: the column last sorted by; open: keys of rows whose problems are shown
  const store = new Store({
    entries,
    meta: { region: "", member: "", office: "", date: "", withErrors: false, ...((kept && kept.meta) || {}) },
    restored: kept ? { count: entries.length, savedAt: kept.savedAt } : null,
    dups: [],
    outside: [],
    sorted: { key: "", dir: 0 },
    open: new Set(),
    checker: { state: "loading", message: "" },
  });
  const parts = createAllOf(COMPONENTS, root, { config, store, checker, siteRoot: new URL("../../../", import.meta.url).href });

  // ------------------------------------------------------------ kept on this computer (same rules as the form)
  const save = () => {
    if (draftStore.noStore()) return;
    if (!saved.save(store.state.entries, store.state.meta)) store.emit("say", { text: config.text.saveFailed, warn: true });
  };
  store.on("save", save);
  store.on("cleared", () => saved.clear());
  store.on("no-store", () => saved.clear());
  window.addEventListener("beforeunload", (event) => {
    if (store.state.entries.length && (draftStore.noStore() || !saved.lastOk)) {
      event.preventDefault();
      event.returnValue = "";
    }
  });

  // ------------------------------------------------------------ duplicates and registrations elsewhere (Python decides)
  let timer = 0;
  const refresh = () => {
    clearTimeout(timer);
    timer = setTimeout(async () => {
      if (store.state.checker.state !== "ready") return;
      const rows = store.state.entries.filter((e) => !e.excluded);
      const { region, member } = store.state.meta;
      try {
        const result = await checker.call("summary_duplicates", { entries: rows, region, member });
        store.set({
          dups: result.duplicates.map((d) => ({ ...d, hashes: d.rows.map((i) => rows[i] && rowKey(rows[i])) })),
          outside: result.outside.map((o) => ({ ...o, key: rows[o.row] && rowKey(rows[o.row]) })),
        });
      } catch {
        store.set({ dups: [], outside: [] });
      }
    }, 50);
  };
  store.on("change:entries", refresh);
  store.on("change:meta", refresh);
  checker.onStatus((s) => {
    store.set({ checker: { ...s } });
    if (s.state !== "ready") return;
    refresh();
    checker.call("summary_warm").catch(() => {}); // openpyxl, for the Excel export
  });
  store.emit("start");
  root.smplsRollup = { store, parts }; // for tests (no other global is created)
  return root.smplsRollup;
}
