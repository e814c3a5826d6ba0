// Build the 申请书 DOCX inside Pyodide (Node) and time it.
//
//   node tests/docx/pyodide_docx.mjs [draft.json] [out.docx] [runs]
//
// Loads Pyodide from node_modules/pyodide, installs the pinned browser wheels from build/wheels/pypi/
// (fetched by `make setup`) with unpackArchive, copies pysrc/smpls into site-packages, imports smpls.docx,
// builds the document `runs` times and prints JSON timings (ms: imports, first build, p50, p95). The bytes of
// the last build are written to out.docx so that CPython can check them (tests/docx/test_pyodide.py).
import { readFileSync, readdirSync, statSync, writeFileSync } from "node:fs";
import { dirname, join, relative, resolve } from "node:path";
import { fileURLToPath } from "node:url";
import { performance } from "node:perf_hooks";

const root = resolve(dirname(fileURLToPath(import.meta.url)), "..", "..");
const draftPath = process.argv[2] ?? join(root, "examples", "complete.json");
const outPath = process.argv[3] ?? join(root, "build", "docx", "pyodide.docx");
const runs = Number(process.argv[4] ?? 30);

const { loadPyodide } = await import(join(root, "node_modules", "pyodide", "pyodide.mjs"));
const t0 = performance.now();
const pyodide = await loadPyodide({ indexURL: join(root, "node_modules", "pyodide") + "/" });
const tLoaded = performance.now();

const wheelDir = join(root, "build", "wheels", "pypi");
const wanted = ["pydantic-", "pydantic_core-", "typing_extensions-", "annotated_types-", "typing_inspection-", "python_stdnum-"];
for (const name of readdirSync(wheelDir)) {
  if (wanted.some((w) => name.startsWith(w))) {
    pyodide.unpackArchive(new Uint8Array(readFileSync(join(wheelDir, name))), "wheel");
  }
}
// our package straight from the working tree (the site ships it as a wheel built from the same files)
const site = "/lib/python3.14/site-packages";
function copyTree(dir) {
  for (const name of readdirSync(dir)) {
    const path = join(dir, name);
    if (statSync(path).isDirectory()) {
      if (name !== "__pycache__") copyTree(path);
    } else if (name.endsWith(".py") || name === "py.typed" || name.endsWith(".json")) {
      const target = `${site}/${relative(join(root, "pysrc"), path)}`;
      pyodide.FS.mkdirTree(dirname(target));
      pyodide.FS.writeFile(target, readFileSync(path));
    }
  }
}
copyTree(join(root, "pysrc", "smpls"));

pyodide.globals.set("draft_json", readFileSync(draftPath, "utf8"));
pyodide.globals.set("runs", runs);
const tImport = performance.now();
await pyodide.runPythonAsync("from smpls.model import Application");
const tModel = performance.now();
// what the first 下载 Word click adds: the page has imported the model already for validation
await pyodide.runPythonAsync("import smpls.docx");
const tImported = performance.now();
const result = await pyodide.runPythonAsync(`
import io, json, statistics, time, zipfile
from datetime import UTC, datetime
app = Application.model_validate_json(draft_json)
t = time.perf_counter()
data = smpls.docx.build_docx(app, created=datetime(2021, 12, 1, tzinfo=UTC))
first = (time.perf_counter() - t) * 1000
times = []
for _ in range(runs):
    t = time.perf_counter()
    data = smpls.docx.build_docx(app, created=datetime(2021, 12, 1, tzinfo=UTC))
    times.append((time.perf_counter() - t) * 1000)
times.sort()
assert zipfile.ZipFile(io.BytesIO(data)).testzip() is None
json.dumps({
    "first_ms": round(first, 1),
    "p50_ms": round(statistics.median(times), 1),
    "p95_ms": round(times[min(len(times) - 1, int(0.95 * len(times)))], 1),
    "runs": runs,
    "bytes": len(data),
    "filename": smpls.docx.docx_filename(app),
})
`);
const out = JSON.parse(result);
writeFileSync(outPath, pyodide.globals.get("data").toJs());
console.log(
  JSON.stringify({
    python: pyodide.runPython("import sys; sys.version.split()[0]"),
    load_pyodide_ms: Math.round(tLoaded - t0),
    import_model_ms: Math.round(tModel - tImport),
    import_smpls_docx_ms: Math.round(tImported - tModel),
    ...out,
    out: outPath,
  }),
);
