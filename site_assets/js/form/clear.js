// Clearing the draft (data-module="form/clear"): a dialog asks first; cancel returns focus to the button.

export class FormClear {
  static moduleName = "form/clear";

  constructor(box, app) {
    this.app = app;
    this.button = box.querySelector('[data-action="clear"]');
    this.dialog = box.querySelector("#smpls-clear-dialog");
    this.button.addEventListener("click", () => this.ask());
    this.dialog.addEventListener("click", (ev) => {
      const b = ev.target.closest("[data-dialog]");
      if (b) this.dialog.close(b.dataset.dialog);
    });
    this.dialog.addEventListener("close", () => {
      if (this.dialog.returnValue === "confirm") app.clear();
      else this.button.focus();
    });
  }

  ask() {
    if (typeof this.dialog.showModal === "function") {
      this.dialog.returnValue = "";
      this.dialog.showModal();
      this.dialog.querySelector('[data-dialog="cancel"]').focus();
    } else if (window.confirm("确定清空草稿吗？页面上和这台电脑里保存的全部内容都会被删除，不能恢复。")) {
      this.app.clear();
    }
  }
}
