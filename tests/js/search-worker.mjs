// Runs the site's own search worker (the theme's worker with site_assets/search/numbers.js in front, as built)
// in Node, with the built search index, the way the page does: a SETUP message, then one QUERY message a query.
// Used by tests/site/test_search_recall.py (through search-recall.mjs) and tests/js/search-numbers.test.mjs.
import fs from "node:fs";
import path from "node:path";
import vm from "node:vm";

export function workerFile(site) {
  const dir = path.join(site, "assets", "javascripts", "workers");
  const names = fs.readdirSync(dir).filter((f) => /^search\.[0-9a-f]+\.min\.js$/.test(f));
  if (names.length !== 1) throw new Error(`expected one search worker in ${dir}, found ${names}`);
  return path.join(dir, names[0]);
}

export async function startSearch(site) {
  const listeners = [];
  let reply = null;
  const scope = {
    console,
    setTimeout,
    clearTimeout,
    addEventListener: (type, fn) => type === "message" && listeners.push(fn),
    postMessage: (message) => reply(message),
    importScripts: (...urls) => {
      throw new Error(`the search worker asked for ${urls.join(", ")}`);
    },
  };
  scope.self = scope;
  vm.createContext(scope);
  vm.runInContext(fs.readFileSync(workerFile(site), "utf8"), scope);
  const send = (message) =>
    new Promise((resolve) => {
      reply = resolve;
      const event = { data: structuredClone(message) };
      for (const fn of listeners) fn(event);
    });
  const index = JSON.parse(fs.readFileSync(path.join(site, "search", "search_index.json"), "utf8"));
  const ready = await send({ type: 0, data: { ...index, options: { suggest: false } } });
  if (ready.type !== 1) throw new Error(`search worker: unexpected answer ${JSON.stringify(ready)}`);
  return async (query) => (await send({ type: 2, data: query })).data;
}
