// node tests/js/search-recall.mjs SITE < queries.json: asks the site's own search worker (run in Node, see
// search-worker.mjs) each query and prints, per query, the result groups in the order the search box shows them:
// the page, the best section's location and the words it highlights.
import { startSearch } from "./search-worker.mjs";

const site = process.argv[2];
const queries = JSON.parse(await new Promise((resolve) => {
  let text = "";
  process.stdin.on("data", (chunk) => (text += chunk));
  process.stdin.on("end", () => resolve(text));
}));
const search = await startSearch(site);
const out = {};
for (const query of queries) {
  const { items } = await search(query);
  out[query] = items.map((group) => {
    const best = group[0];
    const marks = [...`${best.title} ${best.text}`.matchAll(/<mark>(.*?)<\/mark>/g)].map((m) => m[1]);
    return { page: best.location.split("#")[0], location: best.location, marks: [...new Set(marks)] };
  });
}
process.stdout.write(JSON.stringify(out));
