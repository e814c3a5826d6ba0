// Add precompiled bytecode (.pyc for Python 3.14) to zips, using the Pyodide of node_modules (see compile_pyc.py).
//   node site_assets/runtime/compile_pyc.mjs JOBS.json
// JOBS.json: [{src, dst, prefix, layout: "zip"|"wheel", sourceless, stored, drop}, …] with host paths.
import fs from "node:fs";
import path from "node:path";
import { fileURLToPath } from "node:url";

const here = path.dirname(fileURLToPath(import.meta.url));
const root = path.resolve(here, "../..");
const { loadPyodide } = await import(path.join(root, "node_modules/pyodide/pyodide.mjs"));
const jobs = JSON.parse(fs.readFileSync(process.argv[2], "utf8"));
// Without column ranges (PEP 657's position table: the ^^^ under a failing expression in a traceback; line
// numbers stay): a quarter less bytecode after compression, for every user's first visit.
const py = await loadPyodide({ indexURL: path.join(root, "node_modules/pyodide/"), env: { PYTHONNODEBUGRANGES: "1" } });
py.FS.mkdirTree("/work");
py.FS.writeFile("/work/compile_pyc.py", fs.readFileSync(path.join(here, "compile_pyc.py")));
py.runPython("import sys; sys.path.insert(0, '/work')");
const compileZip = py.pyimport("compile_pyc").compile_zip;
for (const job of jobs) {
  py.FS.writeFile("/work/in.zip", fs.readFileSync(job.src));
  compileZip.callKwargs("/work/in.zip", "/work/out.zip", job.prefix, job.layout, {
    sourceless: !!job.sourceless,
    stored: !!job.stored,
    drop: py.toPy(job.drop || []),
  });
  fs.mkdirSync(path.dirname(job.dst), { recursive: true });
  fs.writeFileSync(job.dst + ".tmp", py.FS.readFile("/work/out.zip"));
  fs.renameSync(job.dst + ".tmp", job.dst);
}
