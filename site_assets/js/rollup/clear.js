// 清空列表 (data-module="rollup/clear" on the button): the dialog named by data-dialog-id asks first
// (lib/dialog.js); then the list, what Python found and the list kept on this computer go ("cleared").
import { ask } from "../lib/dialog.js";

export class RollupClear {
  static moduleName = "rollup/clear";

  constructor(button, { config, store }) {
    const dialog = document.getElementById(button.dataset.dialogId);
    button.addEventListener("click", async () => {
      if ((await ask(dialog)) !== "confirm") return;
      store.set({ entries: [], dups: [], outside: [], open: new Set() });
      store.emit("cleared");
      store.emit("clear-notes");
      store.emit("say", { text: config.text.cleared });
    });
  }
}
