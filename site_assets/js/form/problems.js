// Which problems the form shows, and the counts in the bar. Pure: no DOM.
//
// What "started" means lives here, in one place: a part of the 申请书 (its section, the first part of a path)
// is started once something in it is written, or the user has been in one of its fields (typed in it or left
// it). 检查全部 never lists problems of a part not started: that part shows as 未开始 in the task list, and the
// summary says how many parts are left, instead of a wall of "请填写……".
//
// A problem is shown (inline, in the summary, in the counts) when
//   - it is a 提示: only when something is written at or under its path (a schedule still empty gets no advice
//     about its stages), and not while the user is still typing there unless they left it before;
//   - it is an 错误 and
//       - the user asked for everything (检查全部) and its part is started, or
//       - the user has left the field (or a field inside the row / section the problem is about), or
//       - it is about something written, is not a `required` problem, and the user is not still typing there
//         (a half-typed postcode is not an error yet).
// So an untouched, empty form shows no 错误: the bar says how much is left to fill (未填 N 项) instead.

/** Whether a set of paths holds `path`, a path inside it, or a path it is inside. */
function covers(paths, path) {
  for (const t of paths) if (t === path || t.startsWith(path + ".") || path.startsWith(t + ".")) return true;
  return false;
}

function under(paths, path) {
  for (const t of paths) if (t === path || t.startsWith(path + ".")) return true;
  return false;
}

/** The part of the 申请书 a path belongs to: "opinions.participants.0.name" -> "opinions"; "" for none. */
export function sectionOf(path) {
  return String(path || "").split(".")[0];
}

/** The parts the user has started: something written there, or a field there typed in or left. */
export function startedSections(state) {
  const out = new Set();
  for (const set of [state.written, state.touched, state.editing]) for (const p of set || []) out.add(sectionOf(p));
  out.delete("");
  return out;
}

/**
 * @param {{path: string, code: string, level: string}} p
 * @param {{showAll: boolean, touched: Set<string>, editing: Set<string>, written: Set<string>,
 *          started?: Set<string>, levels?: {error: string}}} state
 */
export function isShown(p, state) {
  const path = String(p.path || "");
  const isError = p.level === ((state.levels && state.levels.error) || "错误");
  if (!isError) {
    if (!path || !under(state.written, path)) return !path && state.showAll; // advice is about what was written
    return state.showAll || covers(state.touched, path) || !covers(state.editing, path);
  }
  if (state.showAll) {
    const section = sectionOf(path);
    if (!section || (state.started || startedSections(state)).has(section)) return true;
  }
  if (covers(state.touched, path)) return true;
  if (p.code === "required") return false;
  return under(state.written, path) && !covers(state.editing, path);
}

function shownProblems(problems, state) {
  return (problems || []).filter((p) => isShown(p, state));
}

/**
 * The bar's counts, each thing counted once: {errors, hints, unfilled}. `unfilled` is the required fields left
 * empty (paths, from FormModel.unfilled) whose "请填写" is not already counted as a shown 错误.
 */
export function counts(problems, state, unfilledPaths, levels) {
  const shown = shownProblems(problems, { levels, ...state });
  const asked = new Set(shown.filter((p) => p.code === "required").map((p) => p.path));
  return {
    errors: shown.filter((p) => p.level === levels.error).length,
    hints: shown.filter((p) => p.level !== levels.error).length,
    unfilled: unfilledPaths.filter((p) => !asked.has(p)).length,
  };
}

/**
 * A part's state in the task list: 未开始 (not started), 填写中, 有问题 (an 错误 in it is shown) or 已完成 (the
 * checker found no 错误 in it).
 */
export function sectionState(key, { started, result, problems, shown, levels }) {
  if (!started.has(key)) return "未开始";
  if (!result) return "填写中";
  const errorIn = (p) => p.level === levels.error && sectionOf(p.path) === key;
  if (!problems.some(errorIn)) return "已完成";
  return shown.some(errorIn) ? "有问题" : "填写中";
}

/** The nearest path (the problem's own, or an ancestor) for which `has(path)` is true, or "". */
export function targetPath(path, has) {
  let p = String(path || "");
  while (p) {
    if (has(p)) return p;
    p = p.includes(".") ? p.slice(0, p.lastIndexOf(".")) : "";
  }
  return "";
}

/** Row paths after a row moved or went: `map(index)` gives the new index, or null when the row is gone. */
export function remapRowPaths(paths, listPath, map) {
  const prefix = listPath + ".";
  const next = new Set();
  for (const p of paths) {
    if (!p.startsWith(prefix)) {
      next.add(p);
      continue;
    }
    const [idx, ...rest] = p.slice(prefix.length).split(".");
    const n = map(Number(idx));
    if (n !== null) next.add([prefix + n, ...rest].join("."));
  }
  return next;
}
