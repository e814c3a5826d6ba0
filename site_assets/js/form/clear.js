// Clearing the draft (data-module="form/clear"): a dialog asks first (lib/dialog.js); cancel returns focus to the button.
import { ask } from "../lib/dialog.js";

export class FormClear {
  static moduleName = "form/clear";

  constructor(box, app) {
    this.app = app;
    this.words = app.model.words.clear;
    this.button = box.querySelector('[data-action="clear"]');
    this.dialog = box.querySelector("#smpls-clear-dialog");
    this.button.addEventListener("click", () => this.ask());
  }

  async ask() {
    const answer = await ask(this.dialog, {
      focus: '[data-dialog="cancel"]',
      fallback: () => window.confirm(this.words.confirm),
    });
    if (answer === "confirm") this.app.clear();
    else if (typeof this.dialog.showModal === "function") this.button.focus();
  }
}
