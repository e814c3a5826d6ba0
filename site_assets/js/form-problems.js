// Which problems the form shows, and the counts in the bar. Pure: no DOM.
//
// A problem is shown (inline, in the summary, in the counts) when
//   - the user asked for everything (检查全部), or
//   - the user has left the field (or a field inside the row / section the problem is about), or
//   - it is about something written (a non-empty field at or under its path), is not a `required` problem,
//     and the user is not still typing there (a half-typed postcode is not an error yet).
// So an untouched, empty form shows no 错误: the bar says how much is left to fill (未填 N 项) instead.

/** Whether a set of paths holds `path`, a path inside it, or a path it is inside. */
export function covers(paths, path) {
  for (const t of paths) if (t === path || t.startsWith(path + ".") || path.startsWith(t + ".")) return true;
  return false;
}

function under(paths, path) {
  for (const t of paths) if (t === path || t.startsWith(path + ".")) return true;
  return false;
}

/**
 * @param {{path: string, code: string}} p
 * @param {{showAll: boolean, touched: Set<string>, editing: Set<string>, written: Set<string>}} state
 */
export function isShown(p, state) {
  const path = String(p.path || "");
  if (state.showAll) return true;
  if (covers(state.touched, path)) return true;
  if (p.code === "required") return false;
  return under(state.written, path) && !covers(state.editing, path);
}

export function shownProblems(problems, state) {
  return (problems || []).filter((p) => isShown(p, state));
}

/** {errors, hints, unfilled} for the bar. */
export function counts(problems, state, unfilled, levels) {
  const shown = shownProblems(problems, state);
  return {
    errors: shown.filter((p) => p.level === levels.error).length,
    hints: shown.filter((p) => p.level !== levels.error).length,
    unfilled,
  };
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
