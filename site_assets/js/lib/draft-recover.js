// Reading what is left of a saved draft that cannot be read whole (issue 20): a write stopped mid-way (a crash,
// a full disk) leaves the beginning of the JSON text. Pure, no DOM, no storage: tested with node --test
// (tests/js/draft-recover.test.mjs). The form offers what this finds with a list and undo (form-autosave.js).
import { isObj } from "./util.js";

const LITERAL = /-?\d+(?:\.\d+)?(?:[eE][+-]?\d+)?|true|false|null/y;
const TRIES = 200; // closing points tried, last first, before giving up

/**
 * The points where `text` may be cut and closed: after each complete value (and right after an opening bracket),
 * with the brackets still open there. A value still being written (a string without its closing quote, a number
 * at the very end, a key without its value) is left out; so is everything after the first thing that is not JSON.
 * @returns {{end: number, closers: string}[]}
 */
function closingPoints(text) {
  const stack = []; // {close, want: "key" | "colon" | "value" | "next", empty}
  const points = [];
  const mark = (end) => points.push({ end, closers: stack.map((f) => f.close).reverse().join("") });
  const valueDone = (end) => {
    if (stack.length) stack[stack.length - 1].want = "next";
    mark(end);
  };
  let i = 0;
  while (i < text.length) {
    const c = text[i];
    if (c === " " || c === "\n" || c === "\r" || c === "\t") {
      i++;
      continue;
    }
    const top = stack[stack.length - 1];
    const want = top ? top.want : points.length ? "end" : "value";
    if (want === "end") break; // a whole value was read: anything after it is not part of it
    if (c === '"') {
      if (want !== "key" && want !== "value") break;
      let j = i + 1;
      while (j < text.length && text[j] !== '"') j += text[j] === "\\" ? 2 : 1;
      if (j >= text.length) break; // cut inside the string
      try {
        JSON.parse(text.slice(i, j + 1));
      } catch {
        break;
      }
      if (top) top.empty = false;
      i = j + 1;
      if (want === "key") top.want = "colon";
      else valueDone(i);
      continue;
    }
    if (c === "{" || c === "[") {
      if (want !== "value") break;
      if (top) top.empty = false;
      stack.push({ close: c === "{" ? "}" : "]", want: c === "{" ? "key" : "value", empty: true });
      i++;
      mark(i); // an empty object or list closes cleanly here
      continue;
    }
    if (c === "}" || c === "]") {
      if (!top || top.close !== c || !(top.want === "next" || top.empty)) break;
      stack.pop();
      i++;
      valueDone(i);
      continue;
    }
    if (c === ":") {
      if (want !== "colon") break;
      top.want = "value";
      i++;
      continue;
    }
    if (c === ",") {
      if (want !== "next") break;
      top.want = top.close === "}" ? "key" : "value";
      i++;
      continue;
    }
    LITERAL.lastIndex = i;
    const m = want === "value" ? LITERAL.exec(text) : null;
    if (!m || i + m[0].length >= text.length) break; // not JSON, or a number that may have been cut
    if (top) top.empty = false;
    i += m[0].length;
    valueDone(i);
  }
  return points;
}

/**
 * The longest readable beginning of a JSON text, closed where it stops: the value, or undefined when not even the
 * first bracket can be read. A whole, valid text gives its value.
 */
export function readablePart(text) {
  const s = String(text === null || text === undefined ? "" : text);
  try {
    return JSON.parse(s);
  } catch {
    // read what can be read
  }
  const points = closingPoints(s);
  for (let k = points.length - 1; k >= 0 && k >= points.length - TRIES; k--) {
    const { end, closers } = points[k];
    try {
      return JSON.parse(s.slice(0, end) + closers);
    } catch {
      // an earlier point
    }
  }
  return undefined;
}

/**
 * What can be recovered from a stored draft's text ({savedAt, draft} as draft-store.js writes it, or a bare
 * draft): {savedAt, draft, whole} or null when no draft object can be read. `whole` is true when the text parsed
 * completely (then it was unreadable for its shape, not because it was cut off).
 */
export function recoverDraft(text) {
  const value = readablePart(text);
  if (!isObj(value)) return null;
  let whole = true;
  try {
    JSON.parse(String(text));
  } catch {
    whole = false;
  }
  if (isObj(value.draft)) return { savedAt: typeof value.savedAt === "string" ? value.savedAt : "", draft: value.draft, whole };
  if ("savedAt" in value || "draft" in value) return null;
  return { savedAt: "", draft: value, whole };
}
