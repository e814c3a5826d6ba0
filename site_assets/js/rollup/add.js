// Adding files (data-module="rollup/add" on the drop zone): chosen (files or a folder) or dropped, read in the
// browser and checked by Python in batches (smpls.browser.summary_check), with a progress bar. A file over every
// reader's limit sends only its first bytes and its size: Python says it is too large (smpls.limits). The list
// takes at most limits.summaryFiles files (smpls.limits); what Python says of the rest, and of files already listed, goes to the notes.
import { dropZone } from "../lib/drop-zone.js";
import { fill } from "../lib/util.js";
import { walkDrop } from "./rollup-store.js";
import { accepted, batches, sortFiles } from "./files.js";

export class RollupAdd {
  static moduleName = "rollup/add";

  constructor(zone, { config, store, checker }) {
    this.config = config;
    this.store = store;
    this.checker = checker;
    this.progress = zone.querySelector("[data-progress]");
    this.busy = false;
    this.queue = [];
    dropZone(zone, async (files, { how, input, dataTransfer }) => {
      if (how === "choose") {
        // files chosen one by one are all read, so that a wrong one gets a row saying why
        const folder = input.hasAttribute("webkitdirectory");
        const chosen = files.map((f) => Object.assign(f, { relPath: f.webkitRelativePath || f.name }));
        this.add(sortFiles(chosen.filter((f) => !folder || accepted(f, config.accept))));
      } else {
        const dropped = await walkDrop(dataTransfer);
        this.add(sortFiles(dropped.filter((f) => !f.inFolder || accepted(f, config.accept))));
      }
    });
  }

  say(text, warn = false) {
    this.store.emit("say", { text, warn });
  }

  async add(files) {
    files = files.filter((f) => f && typeof f.name === "string");
    if (!files.length) return;
    this.queue.push(...files);
    if (this.busy) return;
    this.busy = true;
    this.store.emit("clear-notes");
    try {
      while (this.queue.length) await this.addFiles(this.queue.splice(0, this.queue.length));
    } finally {
      this.busy = false;
      this.progress.hidden = true;
    }
  }

  /** An entry for a file Python never saw (the shape of smpls.summary.Entry, from the page config). */
  unreadable(name, reason) {
    return { ...structuredClone(this.config.unreadable), file: name, reason, excluded: false };
  }

  async addFiles(files) {
    const { config, store } = this;
    const entries = store.state.entries;
    const room = Math.max(0, config.limits.summaryFiles - entries.length);
    if (files.length > room) {
      this.say(fill(room ? config.tooMany.some : config.tooMany.none, { total: files.length, room }), true);
      files = files.slice(0, room);
    }
    const bar = this.progress.querySelector("progress");
    const line = this.progress.querySelector("p");
    this.progress.hidden = false;
    bar.max = files.length || 1;
    let done = 0;
    let added = 0;
    let drawn = 0;
    let shown = entries.length;
    const show = () => {
      bar.value = done;
      line.textContent = fill(config.text.progress, { done, total: files.length });
    };
    show();
    const largest = config.limits.largestBytes;
    for (const batch of batches(files, config.batch, largest)) {
      const payload = { files: [], known: entries.map((e) => ({ hash: e.hash, file: e.file })) };
      for (const f of batch) {
        let bytes;
        try {
          bytes = await f.slice(0, f.size > largest ? 8 : f.size).arrayBuffer();
        } catch {
          bytes = null;
        }
        if (bytes === null) entries.push(this.unreadable(f.relPath || f.name, config.text.unreadableFile));
        else payload.files.push({ name: f.relPath || f.name, size: f.size, bytes });
      }
      let result;
      try {
        result = await this.checker.call("summary_check", payload);
      } catch (err) {
        for (const f of payload.files) entries.push(this.unreadable(f.name, fill(config.text.notChecked, { message: err.message })));
        result = { entries: [], notes: [] };
      }
      for (const entry of result.entries) {
        if (!entry) continue;
        entries.push({ ...entry, excluded: false });
        added += 1;
      }
      for (const note of result.notes) this.say(note, true);
      done += batch.length;
      show();
      // While files come in, only the new rows are added to the table (a few times a second); it is redrawn once
      // at the end (numbering, duplicates, buttons).
      if (performance.now() - drawn > 400) {
        store.emit("rows-added", shown);
        shown = entries.length;
        drawn = performance.now();
      }
      await new Promise((resolve) => setTimeout(resolve, 0)); // let the page paint and respond between batches
    }
    store.set({ entries: [...entries], sorted: { key: "", dir: 0 } });
    store.emit("save");
    const bad = entries.filter((e) => !e.readable).length;
    this.say(fill(bad ? config.text.addedWithBad : config.text.added, { added, bad }));
  }
}
