// Time smpls.browser.read_docx in Pyodide under Node (used by bench/docx_read.py; not a test).
//
//   node bench/docx_read.mjs FILE.docx [runs=100]
//
// Loads Pyodide from node_modules/pyodide and the wheels the site ships (listed by
// `python site_assets/runtime/wheels.py`, our own freshly built from pysrc/), then passes the file's bytes
// as a Uint8Array, as the worker does, and prints JSON: the first call and p50/p95 of the rest.
import { execFileSync } from "node:child_process";
import { existsSync, readFileSync } from "node:fs";
import { dirname, join, resolve } from "node:path";
import { fileURLToPath } from "node:url";

const root = resolve(dirname(fileURLToPath(import.meta.url)), "..");
const python = existsSync(join(root, ".venv", "bin", "python")) ? join(root, ".venv", "bin", "python") : "python3";
const file = process.argv[2];
const runs = Number(process.argv[3] ?? 100);
const wheels = JSON.parse(
  execFileSync(python, [join(root, "site_assets", "runtime", "wheels.py")], { cwd: root, encoding: "utf8" }),
);
const { loadPyodide } = await import(join(root, "node_modules", "pyodide", "pyodide.mjs"));
const pyodide = await loadPyodide({ indexURL: join(root, "node_modules", "pyodide") + "/", stdout: () => {} });
for (const wheel of wheels.browser) {
  pyodide.unpackArchive(new Uint8Array(readFileSync(wheel)), "wheel", { extractDir: "/lib/python3.14/site-packages" });
}
pyodide.runPython("import importlib; importlib.invalidate_caches()");
const browser = pyodide.pyimport("smpls.browser");
const bytes = new Uint8Array(readFileSync(file));

const ms = (t) => Math.round(t * 100) / 100;
let t = performance.now();
const first = JSON.parse(browser.read_docx(bytes));
const firstMs = ms(performance.now() - t);
if (!first.draft) throw new Error(first.problems[0].message);
const samples = [];
const cpu = [];
for (let i = 0; i < runs; i++) {
  t = performance.now();
  const c = process.cpuUsage();
  JSON.parse(browser.read_docx(bytes));
  const used = process.cpuUsage(c);
  samples.push(performance.now() - t);
  cpu.push((used.user + used.system) / 1000);
}
const q = (values, p) => {
  const s = [...values].sort((a, b) => a - b);
  return ms(s[Math.min(s.length - 1, Math.ceil((p / 100) * s.length) - 1)]);
};
console.log(
  JSON.stringify({ first: firstMs, n: runs, p50: q(samples, 50), p95: q(samples, 95), cpu_p95: q(cpu, 95) }),
);
