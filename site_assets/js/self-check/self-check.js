// The self-check page (docs/self-check.md). The questions are rendered at build time from smpls.eligibility
// (site_assets/hooks/selfcheck.py), with a JSON config: the questions, the verdict words, every sentence. This
// module makes the page's components (one per data-module inside the page, lib/components.js) and the one thing
// they share: a store holding the answers, the checker's status and the result. It asks the Python eligibility
// function (in the checker worker) for the verdict after every answer; the page knows no "good" answers, so it
// cannot and does not make a verdict up: when Python is not ready or failed, it says so.
//   self-check/answers   the questions (the form): reads and writes the answers, goes to a question;
//   self-check/autosave  keeps the answers on this computer and restores them;
//   lib/status-line      the checker's status;
//   self-check/bar       the verdict in the bar at the top;  self-check/verdict  the verdict and its reasons;
//   self-check/carry     开始填写申请书: carries answers into the form's draft, asking first in a dialog;
//   self-check/print     打印自查结果;  self-check/clear  清空回答.
import { startChecker } from "../runtime/checker.js";
import { Store, createAllOf } from "../lib/components.js";
import { isObj } from "../lib/util.js";
import { StatusLine } from "../lib/status-line.js";
import { SelfCheckAnswers } from "./answers.js";
import { SelfCheckAutosave } from "./autosave.js";
import { SelfCheckBar } from "./bar.js";
import { SelfCheckVerdict } from "./verdict.js";
import { SelfCheckCarry } from "./carry.js";
import { SelfCheckPrint } from "./print.js";
import { SelfCheckClear } from "./clear.js";

const COMPONENTS = [SelfCheckAnswers, SelfCheckAutosave, StatusLine, SelfCheckBar, SelfCheckVerdict, SelfCheckCarry, SelfCheckPrint, SelfCheckClear];

export function init(root) {
  const config = JSON.parse(root.querySelector("#smpls-sc-config").textContent);
  // answers: {question id: answer}; checker: its last status; result: {verdict} or {why, detail}; busy: asking
  const store = new Store({ answers: {}, checker: { state: "loading", message: "" }, result: { why: "loading" }, busy: false });
  const checker = startChecker();
  root.classList.add("smpls-sc--js");
  const parts = createAllOf(COMPONENTS, root, { config, store, checker });
  store.emit("start");
  let seq = 0; // the latest eligibility call; older answers are dropped
  async function evaluate() {
    const call = ++seq;
    const state = store.state.checker.state;
    if (state !== "ready") {
      store.set({ result: { why: state === "failed" ? "failed" : "loading" }, busy: false });
      return;
    }
    store.set({ busy: true });
    try {
      const verdict = await checker.call("eligibility", store.state.answers);
      if (call !== seq) return; // the answers changed meanwhile; a newer call is on its way
      if (!isObj(verdict) || !Array.isArray(verdict.reasons)) throw new Error(config.text.badResult);
      store.set({ result: { verdict }, busy: false });
    } catch (err) {
      if (call !== seq) return;
      console.warn("自查结论计算失败", err);
      store.set({ result: { why: "error", detail: err && err.message }, busy: false });
    }
  }
  store.on("change:answers", evaluate);
  store.on("change:checker", evaluate);
  checker.onStatus((s) => store.set({ checker: { ...s } }));
  root.smplsSelfCheck = { store, parts }; // for tests (no other global is created)
  return root.smplsSelfCheck;
}
