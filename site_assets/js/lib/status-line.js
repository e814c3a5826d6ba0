// The checker's status line (.smpls-status, role=status) on every page that runs the checker: its state
// (data-state: loading, ready, failed) and the sentence the user reads. The form's line (form/status.js) adds the
// download's steps and a progress bar; the self-check and the roll-up say one sentence per state, from their page
// config (`status`: {ready, failed, loading, preparing}, "{message}" standing for the checker's own words).
import { supported } from "../runtime/support.js";
import { fill } from "./util.js";

/** The browser can run the checker (runtime/support.js): a failure then is the download's, not its age. */
export const canRunChecker = supported;

/** The sentence for a status `s` ({state, message}) from a page's words. */
function statusWords(words, s) {
  const message = (s && s.message) || "";
  if (s.state === "ready") return fill(words.ready, { message });
  if (s.state === "failed") return fill(words.failed, { message });
  return message ? fill(words.loading, { message }) : fill(words.preparing, { message });
}

/** A status line showing the checker's state (data-module="lib/status-line"; config.status: the words). */
export class StatusLine {
  static moduleName = "lib/status-line";

  constructor(box, { config, store }) {
    this.box = box;
    this.text = box.querySelector(".smpls-status__text");
    this.words = config.status;
    store.on("change:checker", (s) => this.show(s));
    if (store.state.checker) this.show(store.state.checker);
  }

  show(s) {
    this.box.dataset.state = s.state;
    this.text.textContent = statusWords(this.words, s);
  }
}
