// Time the site's Python runtime under Node: start-up phases, validation and DOCX generation.
//
//   node bench/pyodide_bench.mjs SITE_PYODIDE_DIR DRAFT.json [validations=200] [docx=50]
//
// Uses exactly the files the site serves (SITE/pyodide: Pyodide core, python_stdlib.zip, the wheels of
// pyodide-lock.json), installs them as the worker does, calls smpls.browser like the worker, and prints JSON.
import { readFileSync } from "node:fs";
import { join, resolve } from "node:path";

const dir = resolve(process.argv[2] ?? "site/pyodide") + "/";
const draft = readFileSync(process.argv[3] ?? "examples/complete.json", "utf8");
const nValidate = Number(process.argv[4] ?? 200);
const nDocx = Number(process.argv[5] ?? 50);

const ms = (t) => Math.round(t * 100) / 100;
function stats(samples) {
  const s = [...samples].sort((a, b) => a - b);
  const q = (p) => s[Math.min(s.length - 1, Math.ceil((p / 100) * s.length) - 1)];
  return { n: s.length, p50: ms(q(50)), p95: ms(q(95)), max: ms(s[s.length - 1]) };
}

const t0 = performance.now();
const { loadPyodide } = await import(join(dir, "pyodide.mjs"));
const pyodide = await loadPyodide({ indexURL: dir, stdout: () => {}, stderr: () => {} });
const t1 = performance.now();
const lock = JSON.parse(readFileSync(join(dir, "pyodide-lock.json"), "utf8"));
for (const pkg of Object.values(lock.packages)) {
  pyodide.unpackArchive(new Uint8Array(readFileSync(join(dir, pkg.file_name))), "wheel", {
    extractDir: "/lib/python3.14/site-packages",
  });
}
for (const lib of lock.smpls.preload || []) {
  // a compiled extension the site serves apart from its wheel (the worker loads it before Python starts)
  const path = `/lib/python3.14/site-packages/${lib.path}`;
  pyodide.FS.mkdirTree(path.slice(0, path.lastIndexOf("/")));
  pyodide.FS.writeFile(path, new Uint8Array(readFileSync(join(dir, lib.file_name))));
}
const t2 = performance.now();
const browser = pyodide.pyimport("smpls.browser");
const t3 = performance.now();
browser.validate(draft);
const t4 = performance.now();

const validate = [];
for (let i = 0; i < nValidate; i++) {
  const a = performance.now();
  JSON.parse(browser.validate(draft));
  validate.push(performance.now() - a);
}

let docx = null;
let docxFirst = null;
try {
  const a = performance.now();
  browser.docx(draft).destroy();
  docxFirst = ms(performance.now() - a);
  const samples = [];
  for (let i = 0; i < nDocx; i++) {
    const b = performance.now();
    const proxy = browser.docx(draft);
    proxy.toJs();
    proxy.destroy();
    samples.push(performance.now() - b);
  }
  docx = stats(samples);
} catch (err) {
  docx = { error: String(err.message || err).split("\n").slice(-2).join(" ") };
}

console.log(
  JSON.stringify({
    startup: {
      loadPyodide: ms(t1 - t0),
      unpackWheels: ms(t2 - t1),
      importBrowser: ms(t3 - t2),
      firstValidate: ms(t4 - t3),
      total: ms(t4 - t0),
    },
    validate: stats(validate),
    docxFirst,
    docx,
  }),
);
