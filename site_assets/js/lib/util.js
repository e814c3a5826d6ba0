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
