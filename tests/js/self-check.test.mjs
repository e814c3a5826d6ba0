// The self-check's verdict view (site_assets/js/self-check/verdict-view.js) with the page config the build writes
// (site_assets/hooks/selfcheck.py) and verdicts from smpls.eligibility: the page shows Python's words, never its own.
import { test } from "node:test";
import assert from "node:assert/strict";
import { execFileSync } from "node:child_process";
import { join } from "node:path";
import { ROOT } from "./config.mjs";
import { progress, verdictView } from "../../site_assets/js/self-check/verdict-view.js";

const SCRIPT = `
import importlib.util, json, sys
from smpls.eligibility import CONDITIONS, QUESTIONS, evaluate
spec = importlib.util.spec_from_file_location("selfcheck_hook", "site_assets/hooks/selfcheck.py")
m = importlib.util.module_from_spec(spec); spec.loader.exec_module(m)
config = json.loads(m.config_json().replace("<\\\\/", "</"))
good = {q.id: q.good or q.options[0] for q in QUESTIONS if q.kind != "text"}
bad = {**good, next(q.id for q in QUESTIONS if q.good): next(o for q in QUESTIONS if q.good for o in q.options if o != q.good)}
json.dump({"config": config, "good": good, "bad": bad, "verdicts": {k: evaluate(v).to_dict() for k, v in (("good", good), ("bad", bad), ("none", {}))}}, sys.stdout, ensure_ascii=False)
`;
const PY = join(ROOT, ".venv", "bin", "python");
const data = JSON.parse(execFileSync(PY, ["-c", SCRIPT], { cwd: ROOT, encoding: "utf-8", env: { ...process.env, PYTHONPATH: join(ROOT, "pysrc") } }));
const { config } = data;

test("no verdict before Python answers, and the reason why", () => {
  const loading = verdictView({ why: "loading" }, {}, config);
  assert.equal(loading.word, config.text.noVerdict);
  assert.equal(loading.overall, "");
  assert.equal(loading.next, false);
  assert.ok(loading.reasons.every((r) => r.status === "" && r.text === config.text.reasonWaiting));
  const error = verdictView({ why: "error", detail: "坏了" }, {}, config);
  assert.match(error.text, /坏了/);
  assert.ok(error.reasons.every((r) => r.text === config.text.reasonUnknown));
});

test("Python's verdict words are shown as they are, and 符合 offers the next steps", () => {
  const good = verdictView({ verdict: data.verdicts.good }, data.good, config);
  assert.equal(good.word, config.words.met);
  assert.equal(good.overall, config.words.met);
  assert.equal(good.next, true);
  assert.equal(good.text, config.overall[config.words.met]);
  const bad = verdictView({ verdict: data.verdicts.bad }, data.bad, config);
  assert.equal(bad.word, config.words.notMet);
  assert.equal(bad.next, false);
  assert.equal(bad.order[0], bad.reasons.find((r) => r.status === config.words.notMet).condition); // what fails first
});

test("nothing answered is not a verdict", () => {
  const none = verdictView({ verdict: data.verdicts.none }, {}, config);
  const { total } = progress(config.questions, {});
  assert.equal(none.word, config.text.notAnswered.replace("{total}", total));
  assert.equal(none.overall, "");
  assert.ok(none.reasons.filter((r) => r.status !== config.words.info).every((r) => r.tagText === config.text.unanswered || r.status === config.words.info));
});
