// What the self-check shows for a result (pure, tested with node --test): the verdict word and its tag, the
// sentence, each condition's tag and reason, and their order. `result`: {verdict} (Python's eligibility answer)
// or {why: "loading" | "failed" | "error", detail}; the words and sentences come from the page config (from
// smpls.eligibility and the hook), the page knows no verdict of its own.
import { fill } from "../lib/util.js";

/** {answered, total} of the questions that decide the verdict (the required ones). */
export function progress(questions, answers) {
  const asked = questions.filter((q) => q.required);
  return { answered: asked.filter((q) => answers[q.id]).length, total: asked.length };
}

function tagClass(words, status) {
  const cls = { [words.met]: "met", [words.notMet]: "not-met", [words.unknown]: "unknown" }[status] || "unknown";
  return `smpls-sc-tag smpls-sc-tag--${cls}`;
}

/**
 * {word, tag, overall, text, next, reasons: [{condition, status, tagText, tag, text}], order: [condition…] | null}
 * for `result` and the `answers` given, with `config` the page config (words, text, overall, questions).
 */
export function verdictView(result, answers, config) {
  const { words, text } = config;
  const v = result && result.verdict;
  if (!v) {
    const why = (result && result.why) || "loading";
    const sentence = { loading: text.noVerdictLoading, failed: text.noVerdictFailed, error: fill(text.noVerdictError, { detail: (result && result.detail) || "" }) }[why];
    return {
      word: text.noVerdict,
      tag: "smpls-sc-tag",
      overall: "",
      text: sentence,
      next: false,
      reasons: config.conditions.map((c) => ({ condition: c.id, status: "", tagText: text.noVerdict, tag: "smpls-sc-tag", text: why === "loading" ? text.reasonWaiting : text.reasonUnknown })),
      order: null,
    };
  }
  const { answered, total } = progress(config.questions, answers);
  // No answer yet is not a verdict; answers missing (none failing) say how many are left, not 需进一步确认.
  const word = !answered ? fill(text.notAnswered, { total }) : v.overall === words.unknown && answered < total ? fill(text.notFinished, { answered, total }) : v.overall;
  const open = v.reasons.filter((r) => r.status === v.overall && r.status !== words.met);
  const names = open.map((r) => fill(text.reasonName, r)).join("、");
  const order = [words.notMet, words.unknown, words.met, words.info]; // what is not met, open, met, for information
  const rank = (r) => (order.includes(r.status) ? order.indexOf(r.status) : order.length);
  return {
    word,
    tag: answered ? tagClass(words, v.overall) : "smpls-sc-tag",
    overall: answered ? v.overall : "",
    text: answered ? fill(config.overall[v.overall] || "", { names }) : fill(text.prompt, { total }),
    next: !!(answered && v.overall === words.met),
    reasons: v.reasons.map((r) => {
      const none = !answered && r.status !== words.info; // nothing answered: no condition is judged yet
      return { condition: r.condition, status: none ? "" : r.status, tagText: none ? text.unanswered : r.status, tag: none ? "smpls-sc-tag" : tagClass(words, r.status), text: r.reason };
    }),
    order: [...v.reasons].sort((a, b) => rank(a) - rank(b)).map((r) => r.condition), // stable: the notice's order within a status
  };
}
