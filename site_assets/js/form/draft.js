// Draft binding, the pure half: between a JSON draft and the flat values the form's boxes show.
// No DOM. The form never drops what it does not show: keys it does not know stay in `base` (and, for a row,
// in the row's `extra`), and come back out in the next draft.
import { clone, isObj, text } from "../lib/util.js";

/**
 * Split a draft into what the form shows.
 * @returns {{base: object, singles: Map<string,string>, rows: Object<string, any[]>}} rows padded to each kind's minimum
 */
export function splitDraft(model, draft) {
  const base = isObj(draft) ? clone(draft) : {};
  const singles = new Map();
  for (const f of model.singles) {
    const sec = isObj(base[f.section]) ? base[f.section] : {};
    singles.set(f.path, text(sec[f.name]));
  }
  const rows = {};
  for (const kind of model.kinds) {
    let list = model.rowsIn(base, kind);
    if (!list.length && model.rows[kind].min > 0) list = Array.from({ length: model.rows[kind].min }, () => ({}));
    rows[kind] = list;
  }
  return { base, singles, rows };
}

/** One row split into the cells the form shows and the keys it keeps aside: {cells, extra}. */
export function splitRow(model, kind, row) {
  const names = new Set(model.rowFields[kind].map((f) => f.name));
  const cells = {};
  const extra = {};
  if (isObj(row)) {
    for (const [k, v] of Object.entries(row)) (names.has(k) ? cells : extra)[k] = v;
  } else if (row !== null && row !== undefined && row !== "") {
    extra._imported = row; // a row that is not an object: kept as it was
  }
  return { cells, extra };
}

/**
 * The draft for what the form shows: `base` (the last draft loaded) with every shown value written over it.
 * @param {Map<string,string>|Object<string,string>} singles path -> value of each single field
 * @param {Object<string, object[]>} rows kind -> row objects (extra keys included)
 */
export function joinDraft(model, base, singles, rows) {
  const get = singles instanceof Map ? (p) => singles.get(p) : (p) => singles[p];
  const draft = isObj(base) ? clone(base) : {};
  draft.schema_version = model.config.schemaVersion;
  for (const f of model.singles) {
    if (!isObj(draft[f.section])) draft[f.section] = {};
    const v = get(f.path);
    draft[f.section][f.name] = v === undefined ? "" : v;
  }
  for (const kind of model.kinds) {
    const parts = model.rows[kind].list.split(".");
    let node = draft;
    for (const part of parts.slice(0, -1)) {
      if (!isObj(node[part])) node[part] = {};
      node = node[part];
    }
    node[parts[parts.length - 1]] = (rows[kind] || []).map((r) => (isObj(r) ? { ...r } : r));
  }
  return draft;
}

/** Whether any field of the draft has something typed in it. */
export function hasContent(model, draft) {
  for (const [, value] of model.values(draft)) if (text(value).trim() !== "") return true;
  return false;
}

/** path -> trimmed text of every non-empty field of the draft (rows expanded). */
export function writtenPaths(model, draft) {
  const out = new Set();
  for (const [path, value] of model.values(draft)) if (text(value).trim() !== "") out.add(path);
  return out;
}

/** The fields (rows expanded) whose text differs between two drafts: what another tab changed. */
export function changedPaths(model, before, after) {
  const was = new Map();
  for (const [path, value] of model.values(before)) was.set(path, text(value));
  const out = [];
  for (const [path, value] of model.values(after)) {
    if (text(value) !== (was.has(path) ? was.get(path) : "")) out.push(path);
    was.delete(path);
  }
  for (const [path, value] of was) if (value !== "") out.push(path); // rows the other tab removed
  return out;
}
