// The downloads (data-module="rollup/export" on the export section): each [data-export] button asks Python for
// the file (summary_export: the Word list, Excel, CSV, the 问题清单) of the listed rows, saved under the name from
// the page config (lib/download.js); the Word list's choice to include the applications with 错误; print.
import { saveBlob } from "../lib/download.js";
import { fill } from "../lib/util.js";

const MIME = {
  xlsx: "application/vnd.openxmlformats-officedocument.spreadsheetml.sheet",
  docx: "application/vnd.openxmlformats-officedocument.wordprocessingml.document",
  csv: "text/csv;charset=utf-8",
};
MIME.problems = MIME.docx;
const EXTENSION = { xlsx: "xlsx", docx: "docx", csv: "csv", problems: "docx" };

export class RollupExport {
  static moduleName = "rollup/export";

  constructor(section, { config, store, checker }) {
    this.config = config;
    this.store = store;
    this.checker = checker;
    this.note = section.querySelector('[data-note="export"]');
    const withErrors = section.querySelector("#smpls-sum-with-errors");
    withErrors.checked = store.state.meta.withErrors === true;
    withErrors.addEventListener("change", () => {
      store.set({ meta: { ...store.state.meta, withErrors: withErrors.checked } });
      store.emit("save");
    });
    for (const button of section.querySelectorAll("[data-export]")) button.addEventListener("click", () => this.export(button));
    section.querySelector('[data-action="print"]').addEventListener("click", () => window.print());
  }

  async export(button) {
    const { text, filenames } = this.config;
    const format = button.dataset.export;
    const kept = this.store.state.entries.filter((e) => e.readable && !e.excluded);
    const name = `${filenames[format]}.${EXTENSION[format]}`;
    if (!kept.length) {
      this.note.textContent = text.exportEmpty;
      return;
    }
    this.note.textContent = text.exporting;
    button.disabled = true;
    try {
      const rows = kept.map(({ file, hash, readable, values, counts, problems, unplaced }) =>
        format === "problems" ? { file, hash, readable, values, counts, problems, unplaced } : { file, hash, readable, values, counts },
      );
      const { bytes } = await this.checker.call("summary_export", { format, entries: rows, ...this.store.state.meta });
      saveBlob(new Blob([bytes], { type: MIME[format] }), name);
      this.note.textContent = fill(text.exported, { name, what: this.exported(format, kept) });
    } catch (err) {
      this.note.textContent = fill(text.exportFailed, { message: err.message });
    } finally {
      button.disabled = false;
    }
  }

  /** What the note after an export says: the Word list leaves out the applications with 错误 unless asked. */
  exported(format, kept) {
    const { text, levels } = this.config;
    const marked = kept.filter((e) => (e.counts[levels.error] || 0) > 0).length;
    const words = { kept: kept.length, listed: kept.length - marked, marked, error: levels.error };
    if (format === "docx" && !this.store.state.meta.withErrors && marked) return fill(text.exportedLeftOut, words);
    if (format === "docx" && marked) return fill(text.exportedMarked, words);
    return fill(text.exportedAll, words);
  }
}
