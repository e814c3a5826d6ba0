// Clearing the draft (data-module="form/clear"): a dialog asks first (lib/dialog.js); cancel returns focus to the button.
import { ask } from "../lib/dialog.js";

export class FormClear {
  static moduleName = "form/clear";

  constructor(box, app) {
    this.app = app;
    this.button = box.querySelector('[data-action="clear"]');
    this.dialog = box.querySelector("#smpls-clear-dialog");
    this.button.addEventListener("click", () => this.ask());
  }

  async ask() {
    const answer = await ask(this.dialog, {
      focus: '[data-dialog="cancel"]',
      fallback: () => window.confirm("确定清空草稿吗？页面上和这台电脑里保存的全部内容都会被删除，不能恢复。"),
    });
    if (answer === "confirm") this.app.clear();
    else if (typeof this.dialog.showModal === "function") this.button.focus();
  }
}
