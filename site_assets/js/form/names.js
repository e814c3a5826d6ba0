// File names for the downloads. The rule (characters Windows or macOS refuse, controls and direction marks such
// as U+202E that can disguise an extension, blanks, and the byte limit) is smpls.docx.FILE_NAME_RULE, passed in
// the page config; safeName() does what smpls.docx.safe_name does (tests/js/form-names.test.mjs runs both on the
// same names), so the JSON draft and the Word file are named alike. Pure: no DOM.

/** `text` made safe as (part of) a file name by the rule {unsafe, blanks, maxBytes}; "" when nothing is left. */
export function safeName(text, rule) {
  const unsafe = new RegExp(rule.unsafe, "gu");
  let name = String(text || "")
    .replace(unsafe, "_")
    .replace(new RegExp(rule.blanks, "gu"), " ");
  name = name.replace(/^[ ._]+|[ ._]+$/gu, "");
  const enc = new TextEncoder();
  let bytes = 0;
  let cut = "";
  for (const ch of name) {
    bytes += enc.encode(ch).length;
    if (bytes > rule.maxBytes) break;
    cut += ch;
  }
  return cut.replace(/[ .]+$/u, "");
}

/** The 单位 a draft is named after: the first of the rule's `unitFrom` paths filled in (as smpls.docx.draft_filename). */
export function draftUnit(draft, rule) {
  for (const path of rule.unitFrom) {
    const [section, name] = path.split(".");
    const value = draft && draft[section] && draft[section][name];
    if (value) return String(value);
  }
  return "";
}

/** "申请书草稿-<单位>-2026-11-20.json": the unit as draftUnit gives it, the day given (YYYY-MM-DD). */
export function draftFileName(unit, day, rule) {
  const safe = Array.from(safeName(unit, rule)).slice(0, rule.unitChars).join("");
  return `${rule.draft}${safe ? "-" + safe : ""}-${day}.json`;
}
