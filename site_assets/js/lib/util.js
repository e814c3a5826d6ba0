// Small pure helpers shared by the form and self-check modules (no DOM, no storage): tested with node --test.

export const isObj = (v) => v !== null && typeof v === "object" && !Array.isArray(v);

export const clone = (v) => (v === undefined ? undefined : JSON.parse(JSON.stringify(v)));

/** A stored value as the text a form box shows ("" for null/undefined; objects as JSON, never dropped). */
export const text = (v) => (v === null || v === undefined ? "" : typeof v === "object" ? JSON.stringify(v) : String(v));

/** "2026-11-20 16:05" in local time, or "" for a date that cannot be read. */
export function formatTime(iso) {
  const d = new Date(iso);
  if (Number.isNaN(d.getTime())) return "";
  const pad = (n) => String(n).padStart(2, "0");
  return `${d.getFullYear()}-${pad(d.getMonth() + 1)}-${pad(d.getDate())} ${pad(d.getHours())}:${pad(d.getMinutes())}`;
}

/** A sentence from the page config with its {name}s filled: fill("共 {n} 个", {n: 3}) → "共 3 个". */
export function fill(template, values = {}) {
  return String(template || "").replace(/\{(\w+)\}/g, (whole, key) => (key in values ? String(values[key]) : whole));
}

/** The value at a dotted path of an object ("basic.unit_name"), or undefined. */
export function getPath(obj, path) {
  let cur = obj;
  for (const key of path.split(".")) {
    if (!isObj(cur)) return undefined;
    cur = cur[key];
  }
  return cur;
}

/** Set the value at a dotted path, making the objects on the way. */
export function setPath(obj, path, value) {
  const keys = path.split(".");
  let cur = obj;
  for (const key of keys.slice(0, -1)) {
    if (!isObj(cur[key])) cur[key] = {};
    cur = cur[key];
  }
  cur[keys[keys.length - 1]] = value;
}
