// The table (data-module="rollup/table"): one row per file in 推荐顺序 (rollup/rows.js draws them), sorting by
// a column, and each row's buttons: its problems shown or hidden, 上移 / 下移, 排除 / 恢复, 移除 (an unreadable file).
// While files come in ("rows-added") only the new rows are appended; any change of the list redraws it.
import { fill } from "../lib/util.js";
import { rowKey, sortEntries } from "./rollup-store.js";
import { renderProblems, renderRow } from "./rows.js";

export class RollupTable {
  static moduleName = "rollup/table";

  constructor(table, { config, store, siteRoot }) {
    this.table = table;
    this.tbody = table.querySelector("[data-rows]");
    this.config = config;
    this.store = store;
    this.siteRoot = siteRoot;
    for (const key of ["entries", "dups", "outside", "open", "sorted"]) store.on(`change:${key}`, () => this.drawSoon());
    store.on("rows-added", (from) => this.append(from));
    this.tbody.addEventListener("click", (ev) => this.clicked(ev));
    for (const button of table.querySelectorAll("[data-sort]")) button.addEventListener("click", () => this.sort(button.dataset.sort));
    this.draw();
  }

  drawSoon() {
    if (this.pending) return;
    this.pending = true;
    queueMicrotask(() => this.pending && this.draw());
  }

  draw() {
    this.pending = false;
    const { entries, dups, outside, open, sorted } = this.store.state;
    const dupKeys = new Set(dups.flatMap((d) => d.hashes));
    const outsideKeys = new Set(outside.map((o) => o.key));
    const rows = [];
    let seq = 0;
    entries.forEach((entry, index) => {
      const key = rowKey(entry);
      const kept = entry.readable && !entry.excluded;
      if (kept) seq += 1;
      const state = { index, count: entries.length, seq: kept ? seq : "", duplicate: dupKeys.has(key), away: outsideKeys.has(key), open: open.has(key) };
      rows.push(renderRow(entry, state, this.config));
      if (open.has(key) && entry.readable) rows.push(renderProblems(entry, this.config, this.siteRoot));
    });
    this.tbody.replaceChildren(...rows);
    for (const th of this.table.querySelectorAll("th[aria-sort]")) {
      th.setAttribute("aria-sort", th.dataset.col === sorted.key ? (sorted.dir > 0 ? "ascending" : "descending") : "none");
    }
  }

  /** The rows from `from` on, added while files come in (numbered, not yet checked for duplicates). */
  append(from) {
    const { entries, open } = this.store.state;
    let seq = entries.slice(0, from).filter((e) => e.readable && !e.excluded).length;
    const rows = entries.slice(from).map((entry, i) => {
      const kept = entry.readable && !entry.excluded;
      if (kept) seq += 1;
      return renderRow(entry, { index: from + i, count: entries.length, seq: kept ? seq : "", duplicate: false, away: false, open: open.has(rowKey(entry)) }, this.config);
    });
    this.tbody.append(...rows);
  }

  sort(key) {
    const { entries, sorted } = this.store.state;
    const dir = sorted.key === key ? -sorted.dir : 1;
    const levels = { error: this.config.levels.error, advice: this.config.levels.advice };
    this.store.set({ entries: sortEntries(entries, key, dir, levels), sorted: { key, dir } });
    this.store.emit("save");
  }

  clicked(event) {
    const button = event.target.closest("button[data-op]");
    if (!button) return;
    const entries = [...this.store.state.entries];
    const index = Number(button.closest("tr").dataset.index);
    const entry = entries[index];
    if (!entry) return;
    const op = button.dataset.op;
    const { text } = this.config;
    if (op === "problems") {
      const open = new Set(this.store.state.open);
      const key = rowKey(entry);
      if (open.has(key)) open.delete(key);
      else open.add(key);
      this.store.set({ open });
      this.draw();
      this.focusOp(entries.indexOf(entry), op);
      return;
    }
    if (op === "up" || op === "down") {
      const to = op === "up" ? index - 1 : index + 1;
      if (to < 0 || to >= entries.length) return;
      [entries[index], entries[to]] = [entries[to], entries[index]];
      this.store.set({ entries, sorted: { key: "", dir: 0 } });
      const label = entry.values[this.config.nameColumn] || entry.file;
      this.store.emit("say", { text: fill(text.moved, { label, op: op === "up" ? text.up : text.down, row: to + 1 }) });
    } else if (op === "exclude") {
      entry.excluded = !entry.excluded;
      this.store.set({ entries });
    } else if (op === "remove") {
      entries.splice(index, 1);
      this.store.set({ entries });
    }
    this.store.emit("save");
    this.draw();
    this.focusOp(this.store.state.entries.indexOf(entry), op === "remove" ? "up" : op);
  }

  focusOp(index, op) {
    const tr = this.tbody.querySelector(`tr[data-index="${index}"]`);
    const target = tr && (tr.querySelector(`[data-op="${op}"]:not([disabled])`) || tr.querySelector("button:not([disabled])"));
    if (target) target.focus();
  }
}
