// The rows of the roll-up's table (used by rollup/table): one per file with its columns (from the page config)
// and its buttons, and under it, when opened, its problems (lib/problem-item.js) and the text of a Word file
// that the reader could not place.
import { el } from "../lib/dom.js";
import { listItem } from "../lib/problem-item.js";
import { fill } from "../lib/util.js";
import { rowKey } from "./rollup-store.js";

/** The row of `entry` (at `index` of `count`): `seq` its number in the list ("" when not listed). */
export function renderRow(entry, { index, count, seq, duplicate, away, open }, config) {
  const { columns, text } = config;
  const { error: ERR, advice: ADV } = config.levels;
  const tr = el("tr", {
    class: ["smpls-sum__row", entry.excluded && "smpls-sum__row--excluded", !entry.readable && "smpls-sum__row--bad", duplicate && "smpls-sum__row--dup"].filter(Boolean).join(" "),
    "data-index": String(index),
  });
  const name = entry.file;
  if (!entry.readable) {
    tr.append(
      el("td", { class: "smpls-sum__seq", text: "" }),
      el("td", { colspan: String(columns.length - 2) }, el("strong", { class: "smpls-tag smpls-tag--error", text: text.unreadableTag }), " ", entry.reason),
      el("td", { class: "smpls-sum__file", text: name }),
    );
  } else {
    for (const col of columns) {
      const key = col.key;
      const value = { seq: seq === "" ? (entry.excluded ? text.excluded : "") : String(seq), errors: String(entry.counts[ERR] || 0), advice: String(entry.counts[ADV] || 0), file: name }[key] ?? (entry.values[key] || "");
      const cls = key === "seq" ? "smpls-sum__seq" : key === "errors" && entry.counts[ERR] ? "smpls-sum__count--error" : key === "file" ? "smpls-sum__file" : null;
      const td = el("td", { class: cls, "data-col": key });
      if (key === config.nameColumn && duplicate) td.append(el("strong", { class: "smpls-tag smpls-tag--doing", text: text.duplicateTag }), " ");
      if (key === config.provinceColumn && away) td.append(el("strong", { class: "smpls-tag smpls-tag--plain", text: text.outsideTag }), " ");
      td.append(value || (key === "seq" ? "" : "—"));
      tr.append(td);
    }
  }
  tr.append(operations(entry, { index, count, open }, config));
  return tr;
}

function operations(entry, { index, count, open }, config) {
  const { text } = config;
  const ops = el("td", { class: "smpls-sum__ops" });
  const label = entry.values[config.nameColumn] || entry.file;
  const button = (op, words, aria, disabled = false) => el("button", { type: "button", class: "smpls-btn smpls-btn--small", "data-op": op, "aria-label": fill(text.opLabel, { op: aria || words, label }), text: words, disabled });
  if (entry.readable) {
    const n = entry.problems.length;
    const unread = (entry.unplaced || []).length;
    const shown = [n ? fill(text.problems, { n }) : "", unread ? fill(text.unread, { n: unread }) : ""].filter(Boolean).join(" ");
    const spoken = [n ? fill(text.problemsSpoken, { n }) : "", unread ? fill(text.unreadSpoken, { n: unread }) : ""].filter(Boolean).join("、");
    ops.append(
      n || unread
        ? el("button", { type: "button", class: "smpls-btn smpls-btn--small", "data-op": "problems", "aria-expanded": String(open), "aria-label": fill(text.problemsLabel, { label, spoken }), text: shown })
        : el("span", { class: "smpls-sum__none", text: text.noProblems }),
      " ",
    );
  }
  ops.append(
    button("up", text.up, null, index === 0),
    button("down", text.down, null, index === count - 1),
    entry.readable ? button("exclude", entry.excluded ? text.restore : text.exclude) : el("button", { type: "button", class: "smpls-btn smpls-btn--small", "data-op": "remove", "aria-label": fill(text.opLabel, { op: text.remove, label: entry.file }), text: text.remove }),
  );
  return ops;
}

/** The row under `entry` listing its problems and the text the Word reader could not place. */
export function renderProblems(entry, config, siteRoot) {
  const { text } = config;
  const name = entry.values[config.nameColumn] || entry.file;
  const td = el("td", { colspan: String(config.columns.length + 1) });
  const items = entry.problems.map((p) => listItem(p, config.levels, siteRoot));
  if (items.length) td.append(el("ul", { class: "smpls-sum__problems", "aria-label": fill(text.problemList, { name }) }, ...items));
  const unplaced = entry.unplaced || [];
  if (unplaced.length) {
    // As the form lists it after reading the same Word file: text the reader could not place in any box.
    td.append(
      el("p", { class: "smpls-sum__unplaced-title", text: fill(text.unplacedTitle, { n: unplaced.length }) }),
      el("ul", { class: "smpls-sum__unplaced", "aria-label": fill(text.unplacedList, { name }) }, ...unplaced.map((t) => el("li", { text: t }))),
    );
  }
  return el("tr", { class: "smpls-sum__detail" }, td);
}
