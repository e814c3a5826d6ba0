// The roll-up's pure pieces (site_assets/js/rollup/): batches sent to Python, files taken from a folder, the counts
// line; and the shared store and templates (site_assets/js/lib/).
import { test } from "node:test";
import assert from "node:assert/strict";
import { accepted, batches, sortFiles } from "../../site_assets/js/rollup/files.js";
import { countsText, tally } from "../../site_assets/js/rollup/counts.js";
import { rollupStore, rowKey } from "../../site_assets/js/rollup/rollup-store.js";
import { Store } from "../../site_assets/js/lib/components.js";
import { fill, getPath, setPath } from "../../site_assets/js/lib/util.js";

test("batches: at most `batch` files and no more bytes than the largest file a reader takes", () => {
  const files = [5, 5, 5, 20, 1, 1].map((size, i) => ({ name: `${i}.json`, size }));
  assert.deepEqual(batches(files, 2, 10).map((b) => b.map((f) => f.size)), [[5, 5], [5], [20], [1, 1]]);
  assert.deepEqual(batches([], 2, 10), []);
});

test("files in a folder are taken by extension, listed by path", () => {
  assert.equal(accepted({ name: "A.DOCX" }, [".docx", ".json"]), true);
  assert.equal(accepted({ name: "readme.txt" }, [".docx", ".json"]), false);
  assert.deepEqual(sortFiles([{ name: "b" }, { name: "x", relPath: "a/x" }]).map((f) => f.name), ["x", "b"]);
});

test("the counts line", () => {
  const levels = { error: "错误", advice: "提示" };
  const text = { countsEmpty: "空", counts: "{files}/{kept}/{withErrors}/{errors}/{advices}", countsExcluded: "-{n}", countsBad: "!{n}", countsEnd: "." };
  const entries = [
    { readable: true, excluded: false, counts: { 错误: 2, 提示: 1 } },
    { readable: true, excluded: true, counts: { 错误: 1, 提示: 0 } },
    { readable: false, excluded: false, counts: {} },
  ];
  assert.deepEqual(tally(entries, levels), { files: 3, kept: 1, withErrors: 1, errors: 2, advices: 1, excluded: 1, bad: 1 });
  assert.equal(countsText(entries, levels, text), "3/1/1/2/1-1!1.");
  assert.equal(countsText([], levels, text), "空");
});

test("the list kept in storage: saved, loaded, cleared, never throwing", () => {
  const data = new Map();
  const storage = { getItem: (k) => data.get(k) ?? null, setItem: (k, v) => data.set(k, v), removeItem: (k) => data.delete(k) };
  const s = rollupStore("k", () => storage);
  assert.equal(s.load(), null);
  assert.equal(s.save([{ file: "a", hash: "h" }], {}), true);
  assert.equal(s.load().entries[0].file, "a");
  assert.equal(s.clear(), true);
  const broken = rollupStore("k", () => ({ setItem() { throw new Error("full"); } }));
  assert.equal(broken.save([], {}), false);
  assert.equal(rowKey({ file: "a", hash: "h" }), "a\u0000h");
});

test("the shared store tells each changed key, and a failing listener does not stop the others", () => {
  const store = new Store({ a: 1 });
  const seen = [];
  store.on("change:a", (v) => seen.push(`a=${v}`));
  store.on("change", (keys) => seen.push(keys.join()));
  store.on("x", () => {
    throw new Error("boom");
  });
  store.on("x", (d) => seen.push(`x=${d}`));
  const error = console.error;
  console.error = () => {};
  try {
    store.set({ a: 1 }); // unchanged: nothing told
    store.set({ a: 2, b: 3 });
    store.emit("x", 7);
  } finally {
    console.error = error;
  }
  assert.deepEqual(seen, ["a=2", "a,b", "x=7"]);
});

test("fill, getPath and setPath", () => {
  assert.equal(fill("共 {n} 个，{missing}", { n: 3 }), "共 3 个，{missing}");
  const obj = {};
  setPath(obj, "basic.unit_name", "某单位");
  assert.equal(getPath(obj, "basic.unit_name"), "某单位");
  assert.equal(getPath(obj, "cover.x"), undefined);
});

test("the page's messages are smpls.summary's: too many files, and an unreadable file's entry", async () => {
  const { execFileSync } = await import("node:child_process");
  const { join } = await import("node:path");
  const { ROOT } = await import("./config.mjs");
  const script = `
import importlib.util, json, sys
from smpls.summary import Entry, too_many_message
spec = importlib.util.spec_from_file_location("summary_hook", "site_assets/hooks/summary.py")
m = importlib.util.module_from_spec(spec); spec.loader.exec_module(m)
json.dump({"config": m.config(), "some": too_many_message(1500, 3), "none": too_many_message(7, 0),
           "keys": sorted(Entry("a", "h", False).to_dict())}, sys.stdout, ensure_ascii=False)
`;
  const py = join(ROOT, ".venv", "bin", "python");
  const out = JSON.parse(execFileSync(py, ["-c", script], { cwd: ROOT, encoding: "utf-8", env: { ...process.env, PYTHONPATH: join(ROOT, "pysrc") } }));
  assert.equal(fill(out.config.tooMany.some, { total: 1500, room: 3 }), out.some);
  assert.equal(fill(out.config.tooMany.none, { total: 7, room: 0 }), out.none);
  assert.deepEqual(Object.keys(out.config.unreadable).sort(), out.keys);
  assert.equal(out.config.unreadable.readable, false);
});
