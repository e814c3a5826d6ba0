// Inline messages (data-module="form/inline-messages" on the <form>): each shown problem in the message slot of its
// field (or of the nearest row or section), the field marked as an error or a hint, aria-invalid on errors.
import { messageItem } from "../lib/problem-item.js";

export class FormMessages {
  static moduleName = "form/inline-messages";

  constructor(form, app) {
    this.form = form;
    this.app = app;
  }

  render(view) {
    const { levels } = this.app.model;
    for (const box of this.form.querySelectorAll(".smpls-msg")) box.replaceChildren();
    for (const w of this.form.querySelectorAll(".smpls-field--error, .smpls-field--hint")) {
      w.classList.remove("smpls-field--error", "smpls-field--hint");
    }
    for (const i of this.form.querySelectorAll("[aria-invalid]")) i.removeAttribute("aria-invalid");
    for (const p of view.shown) {
      if (!p.target) continue;
      const box = this.form.querySelector(`[data-msg-for="${CSS.escape(p.target)}"]`);
      if (!box) continue;
      box.append(messageItem(p, levels, this.app.siteRoot));
      const wrap = box.closest("[data-path]");
      if (!wrap || !wrap.classList.contains("smpls-field")) continue;
      const error = p.level === levels.error;
      wrap.classList.add(error ? "smpls-field--error" : "smpls-field--hint");
      if (error) for (const input of wrap.querySelectorAll("input, textarea")) input.setAttribute("aria-invalid", "true");
    }
  }
}
