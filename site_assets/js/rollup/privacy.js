// 不在这台电脑上保存 (data-module="rollup/privacy"): the same choice as on the form page (lib/draft-store.js);
// choosing it deletes the list and the form's draft kept here ("no-store"), unchoosing it saves the list again.
import { draftStore } from "../lib/draft-store.js";

export class RollupPrivacy {
  static moduleName = "rollup/privacy";

  constructor(box, { config, store }) {
    if (!draftStore.available()) return;
    const choice = box.querySelector('input[type="checkbox"]');
    box.hidden = false;
    choice.checked = draftStore.noStore();
    choice.addEventListener("change", () => {
      draftStore.setNoStore(choice.checked);
      if (!choice.checked) {
        store.emit("save");
        return;
      }
      store.emit("no-store");
      draftStore.clear();
      store.emit("say", { text: config.text.noStoreOn });
    });
  }
}
