// Pure helpers of the 汇总推荐项目 page (rollup/): keeping the list in localStorage, reading it back
// defensively, sorting, and turning a drop (files and folders) into a flat list of files.

/** The list in localStorage under `key` ({savedAt, entries, meta}). Never throws: save() returns false. */
export function rollupStore(key, storage = () => window.localStorage) {
  const s = () => {
    try {
      return storage();
    } catch {
      return null;
    }
  };
  const store = {
    lastOk: true,
    load() {
      try {
        const text = s() && s().getItem(key);
        const value = text ? JSON.parse(text) : null;
        return value && typeof value === "object" && Array.isArray(value.entries) ? value : null;
      } catch {
        return null;
      }
    },
    save(entries, meta) {
      try {
        s().setItem(key, JSON.stringify({ savedAt: new Date().toISOString(), entries, meta }));
        store.lastOk = true;
      } catch {
        store.lastOk = false;
      }
      return store.lastOk;
    },
    clear() {
      try {
        s().removeItem(key);
        return true;
      } catch {
        return false;
      }
    },
  };
  return store;
}

/** The key of a row: its file name and content (a file may be listed again after being edited). */
export const rowKey = (e) => e.file + "\u0000" + e.hash;

const text = (v) => (typeof v === "string" ? v : "");
const count = (v) => (Number.isInteger(v) && v >= 0 ? v : 0);

/** Entries as saved (possibly edited by hand or by an older page): only well-formed ones, fields typed. */
export function readEntries(raw) {
  if (!Array.isArray(raw)) return [];
  const out = [];
  for (const e of raw) {
    if (!e || typeof e !== "object" || typeof e.file !== "string") continue;
    const values = {};
    if (e.values && typeof e.values === "object") for (const [k, v] of Object.entries(e.values)) if (typeof v === "string") values[k] = v;
    const counts = {};
    if (e.counts && typeof e.counts === "object") for (const [k, v] of Object.entries(e.counts)) counts[k] = count(v);
    const problems = Array.isArray(e.problems)
      ? e.problems
          .filter((p) => p && typeof p === "object")
          .map((p) => ({ path: text(p.path), code: text(p.code), level: text(p.level), message: text(p.message), basis: text(p.basis), basis_href: text(p.basis_href) }))
      : [];
    const unplaced = Array.isArray(e.unplaced) ? e.unplaced.filter((u) => typeof u === "string") : [];
    out.push({ file: e.file, hash: text(e.hash), readable: e.readable === true, values, counts, problems, unplaced, reason: text(e.reason), kind: text(e.kind) || "json", excluded: e.excluded === true });
  }
  return out;
}

const collator = typeof Intl === "object" ? new Intl.Collator("zh-Hans-CN", { numeric: true }) : null;

/**
 * A sorted copy: by column `key` (a value column, "errors", "advice" or "file"), `dir` 1 ascending / -1
 * descending; unreadable files last, blank values after filled ones, ties keep their order.
 */
export function sortEntries(entries, key, dir, levels) {
  const value = (e) => {
    if (key === "errors") return e.counts[levels.error] || 0;
    if (key === "advice") return e.counts[levels.advice] || 0;
    if (key === "file") return e.file;
    return e.values[key] || "";
  };
  return entries
    .map((e, i) => [e, i])
    .sort(([a, i], [b, j]) => {
      if (a.readable !== b.readable) return a.readable ? -1 : 1;
      const va = value(a);
      const vb = value(b);
      if (va === "" && vb !== "") return 1;
      if (vb === "" && va !== "") return -1;
      let c = typeof va === "number" ? va - vb : collator ? collator.compare(va, vb) : va < vb ? -1 : va > vb ? 1 : 0;
      c *= dir;
      return c || i - j;
    })
    .map(([e]) => e);
}

/** Files of a drop, folders walked (files inside get `relPath` "folder/…" and `inFolder`). */
export async function walkDrop(dataTransfer) {
  const items = [...(dataTransfer.items || [])];
  const entries = items.map((item) => (item.webkitGetAsEntry ? item.webkitGetAsEntry() : null));
  if (!entries.length || entries.some((e) => !e)) return [...(dataTransfer.files || [])];
  const out = [];
  async function visit(entry, inFolder) {
    if (entry.isFile) {
      try {
        const file = await new Promise((resolve, reject) => entry.file(resolve, reject));
        out.push(Object.assign(file, { relPath: entry.fullPath.replace(/^\//, ""), inFolder }));
      } catch {
        // unreadable entry: skipped, the others go on
      }
      return;
    }
    const reader = entry.createReader();
    for (;;) {
      const batch = await new Promise((resolve) => reader.readEntries(resolve, () => resolve([])));
      if (!batch.length) break;
      for (const child of batch) await visit(child, true);
    }
  }
  for (const entry of entries) await visit(entry, false);
  return out;
}
