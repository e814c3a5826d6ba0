// One message (错误 or 提示) as the form shows it, next to a field, in the summary and in 核对信息:
// a word tag (not only a colour), the message, and "依据：<basis>" linked to the notice or the rules page when
// the problem names its basis (problem dict: {path, code, level, message, basis, basis_href}).
import { el } from "../lib/dom.js";

/** "依据：通知二（四）" (a link when basis_href is set, relative to the site root), or null without a basis. */
export function basisNode(p, siteRoot) {
  if (!p || !p.basis) return null;
  const label = String(p.basis);
  const href = p.basis_href ? new URL(String(p.basis_href), siteRoot).href : "";
  return el(
    "span",
    { class: "smpls-basis" },
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
