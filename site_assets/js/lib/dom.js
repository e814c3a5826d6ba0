// Small DOM helper shared by the page modules.

// el("p", {class: "x", text: "…", hidden: true}, child…): attributes false/null/undefined are left out;
// text is set as textContent, never parsed as HTML.
export function el(tag, attrs = {}, ...children) {
  const node = document.createElement(tag);
  for (const [k, v] of Object.entries(attrs)) {
    if (v === null || v === undefined || v === false) continue;
    if (k === "class") node.className = v;
    else if (k === "text") node.textContent = v;
    else node.setAttribute(k, v === true ? "" : v);
  }
  node.append(...children.filter((c) => c !== null && c !== undefined));
  return node;
}

/**
 * container.replaceChildren(...nodes), keeping the focus: when an element inside had it, its new twin (the same
 * value of `attr`) gets it back. A redraw (a check's answer arriving) must not take the focus from a keyboard or
 * screen-reader user who has just been sent to a link in the redrawn part.
 */
export function replaceKeepingFocus(container, nodes, attr) {
  const active = document.activeElement;
  const key = active && active !== container && container.contains(active) ? active.getAttribute(attr) : null;
  container.replaceChildren(...nodes);
  if (key === null) return;
  const twin = [...container.querySelectorAll(`[${attr}]`)].find((n) => n.getAttribute(attr) === key);
  if (twin) twin.focus({ preventScroll: true });
}
