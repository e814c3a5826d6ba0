// Filling in the page's words: the templates come from Python through the page config ({name}, {max}…), so
// JavaScript carries no sentence of its own. Pure: no DOM.

/** `template` with each `{key}` replaced by `vars[key]` (unknown keys are left as they are). */
export function fill(template, vars = {}) {
  return String(template).replace(/\{(\w+)\}/g, (whole, key) => (Object.prototype.hasOwnProperty.call(vars, key) ? String(vars[key]) : whole));
}
