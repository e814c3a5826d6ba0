// A basis link ("依据：通知二（四）", "依据：本站建议") opens in place: a dialog shows the passage it points to (the
// clause on the notice page, or the check on the 检查规则说明 page), read from that page of this site, and closing
// it puts the user back on the link, with everything on the form as it was. The link still works as a link (new
// tab, or where the passage cannot be read: then it is followed as usual).
import { el } from "./dom.js";
import { wireDialog } from "./dialog.js";

const LINKS = "a.smpls-basis__link";

/** The passage at `id` in a page: the element itself, or a heading with what follows it up to the next heading. */
function passage(doc, id) {
  const target = id ? doc.getElementById(id) : null;
  if (!target) return null;
  const level = /^H([1-6])$/.exec(target.tagName);
  if (!level) return [target];
  const out = [target];
  for (let n = target.nextElementSibling; n; n = n.nextElementSibling) {
    const h = /^H([1-6])$/.exec(n.tagName);
    if (h && Number(h[1]) <= Number(level[1])) break;
    out.push(n);
  }
  return out;
}

export function init(root) {
  const dialog = el("dialog", { class: "smpls-dialog smpls-basis-dialog", "aria-labelledby": "smpls-basis-title" });
  const title = el("h2", { id: "smpls-basis-title" });
  const body = el("div", { class: "smpls-basis-dialog__body" });
  const full = el("a", { class: "smpls-basis-dialog__full" }, "打开整页");
  const close = el("button", { type: "button", class: "smpls-btn", "data-dialog": "close" }, "关闭");
  dialog.append(title, body, el("p", { class: "smpls-basis-dialog__actions" }, close, " ", full));
  document.body.append(dialog);
  wireDialog(dialog);
  let opener = null; // {link, scope, href}: a redraw may have replaced the link meanwhile (the form redraws its messages)
  dialog.addEventListener("close", () => {
    if (!opener) return;
    let back = opener.link;
    if (!back.isConnected) {
      const scope = (opener.scope && document.getElementById(opener.scope)) || root;
      back = [...scope.querySelectorAll(LINKS)].find((a) => a.getAttribute("href") === opener.href) || scope;
    }
    back.focus();
  });
  const pages = new Map(); // page URL -> Promise<Document>

  root.addEventListener("click", async (ev) => {
    const link = ev.target.closest(LINKS);
    if (!link || ev.ctrlKey || ev.metaKey || ev.shiftKey || ev.button !== 0) return;
    ev.preventDefault();
    const url = new URL(link.href);
    const page = url.href.split("#")[0];
    try {
      if (!pages.has(page)) pages.set(page, fetch(page).then((r) => (r.ok ? r.text() : Promise.reject(new Error(`HTTP ${r.status}`)))).then((t) => new DOMParser().parseFromString(t, "text/html")));
      const nodes = passage(await pages.get(page), decodeURIComponent(url.hash.slice(1)));
      if (!nodes) throw new Error(`${url.hash} not found`);
      const copies = nodes.map((n) => n.cloneNode(true));
      for (const c of copies) {
        for (const node of [c, ...c.querySelectorAll("[id]")]) node.removeAttribute("id"); // no second copy of an id
        for (const a of c.querySelectorAll("a[href]")) a.href = new URL(a.getAttribute("href"), page).href;
      }
      title.textContent = `依据：${link.textContent}`;
      body.replaceChildren(...copies);
      full.href = url.href;
      opener = { link, href: link.getAttribute("href"), scope: (link.closest("[id]") || {}).id };
      dialog.showModal();
      close.focus();
    } catch (err) {
      pages.delete(page);
      console.warn("依据未能在原处打开，改为打开那一页", err);
      window.location.href = url.href;
    }
  });
}
