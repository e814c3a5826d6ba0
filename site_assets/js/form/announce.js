// Announcements for screen readers (one polite live region) and the character counts under long text boxes.
import { el } from "../lib/dom.js";

export class Announcer {
  constructor(root) {
    this.live = el("div", { class: "smpls-vh", "aria-live": "polite", "data-announce": "" });
    root.append(this.live);
  }

  say(message) {
    this.live.textContent = "";
    setTimeout(() => (this.live.textContent = message), 50);
  }
}

/** "12 / 500 字" under each textarea that has a data-count-for counter. */
export function updateCharCounts(scope) {
  for (const p of scope.querySelectorAll("[data-count-for]")) {
    const area = document.getElementById(p.dataset.countFor);
    if (!area) continue;
    const max = Number(area.dataset.advised);
    const n = [...area.value].length;
    p.textContent = `${n} 字（建议不超过 ${max} 字）`;
    p.classList.toggle("smpls-charcount--over", n > max);
  }
}
