// The list restored from this computer (data-module="rollup/restored"): how many files and when they were saved.
import { fill } from "../lib/util.js";

export class RollupRestored {
  static moduleName = "rollup/restored";

  constructor(note, { config, store }) {
    const r = store.state.restored;
    if (!r || !r.count) return;
    note.textContent = fill(config.text.restored, { count: r.count, time: new Date(r.savedAt).toLocaleString("zh-CN") });
    note.hidden = false;
  }
}
