// Saving a Blob under a name (the form's downloads, the roll-up's exports): a hidden link clicked once.
import { el } from "./dom.js";

export function saveBlob(blob, filename) {
  const url = URL.createObjectURL(blob);
  const a = el("a", { href: url, download: filename, class: "smpls-vh" });
  document.body.append(a);
  a.click();
  a.remove();
  setTimeout(() => URL.revokeObjectURL(url), 30000);
}
