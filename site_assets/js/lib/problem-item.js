// One problem (错误 or 提示) as the pages show it: the form next to a field, in the error summary and in 核对信息
// (messageItem), the roll-up under a file's row (listItem):
// a word tag (not only a colour), the message, and "依据：<basis>" linked to the notice or the rules page when
// the problem names its basis (problem dict: {path, code, level, message, basis, basis_href}).
import { el } from "./dom.js";

/** "依据：通知二（四）" (a link when basis_href is set, relative to the site root), or null without a basis. */
export function basisNode(p, siteRoot, className = "smpls-basis") {
  if (!p || !p.basis) return null;
  const label = String(p.basis);
  const href = p.basis_href ? new URL(String(p.basis_href), siteRoot).href : "";
  return el(
    "span",
    { class: className },
    "依据：",
    href ? el("a", { href, class: "smpls-basis__link", text: label }) : label,
  );
}

export function messageItem(p, levels, siteRoot) {
  const error = p.level === levels.error;
  const basis = basisNode(p, siteRoot);
  return el(
    "p",
    { class: `smpls-msg__item smpls-msg__item--${error ? "error" : "hint"}` },
    el("span", { class: "smpls-tagword", text: error ? levels.error : levels.hint }),
    String(p.message || ""),
    basis ? " " : null,
    basis,
  );
}

/** A problem as an item of the roll-up's list under a file: the level as a tag, the message, its basis. */
export function listItem(p, levels, siteRoot) {
  const error = p.level === levels.error;
  const basis = basisNode(p, siteRoot, "smpls-sum__basis");
  return el(
    "li",
    { class: `smpls-msg__item smpls-msg__item--${error ? "error" : "hint"}` },
    el("strong", { class: error ? "smpls-tag smpls-tag--error" : "smpls-tag smpls-tag--plain", text: p.level }),
    " ",
    String(p.message || ""),
    basis ? " " : null,
    basis,
  );
}
