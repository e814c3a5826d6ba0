// How many files, listed, excluded, unreadable and with problems (data-module="rollup/counts").
import { fill } from "../lib/util.js";

/** {files, kept, withErrors, errors, advices, excluded, bad} of the list (pure). */
export function tally(entries, levels) {
  const readable = entries.filter((e) => e.readable);
  const kept = readable.filter((e) => !e.excluded);
  return {
    files: entries.length,
    kept: kept.length,
    withErrors: kept.filter((e) => e.counts[levels.error] > 0).length,
    errors: kept.reduce((n, e) => n + (e.counts[levels.error] || 0), 0),
    advices: kept.reduce((n, e) => n + (e.counts[levels.advice] || 0), 0),
    excluded: readable.length - kept.length,
    bad: entries.length - readable.length,
  };
}

/** The sentence for `entries`, from the page's words (`text`). */
export function countsText(entries, levels, text) {
  if (!entries.length) return text.countsEmpty;
  const t = tally(entries, levels);
  return (
    fill(text.counts, { ...t, error: levels.error, advice: levels.advice }) +
    (t.excluded ? fill(text.countsExcluded, { n: t.excluded }) : "") +
    (t.bad ? fill(text.countsBad, { n: t.bad }) : "") +
    text.countsEnd
  );
}

export class RollupCounts {
  static moduleName = "rollup/counts";

  constructor(line, { config, store }) {
    const draw = () => (line.textContent = countsText(store.state.entries, config.levels, config.text));
    store.on("change:entries", draw);
    draw();
  }
}
