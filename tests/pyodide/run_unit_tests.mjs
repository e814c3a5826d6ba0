// Run tests/unit inside Pyodide (Python 3.14, WebAssembly) under Node, with pytest and hypothesis, against the
// runtime exactly as the site ships it, and check that the site's code imports nothing the site does not ship.
//
//   node tests/pyodide/run_unit_tests.mjs [pytest args…]                    (default: tests/unit -q)
//   node tests/pyodide/run_unit_tests.mjs --record-imports [pytest args…]   (`make imports`)
//
// The Python side is what `python site_assets/runtime/wheels.py` lists: Pyodide from node_modules/pyodide with
// the site's python_stdlib.zip (trimmed to site_assets/runtime/imports.txt, bytecode only) and the site's wheels
// (pydantic and the other pure-Python ones trimmed the same way, pydantic-core for pyemscripten, our own wheel
// freshly built from pysrc/, trimmed the same way and bytecode only). pytest, hypothesis and their pure-Python
// dependencies come from pinned PyPI wheels (group "test" of site_assets/runtime/wheels.toml, fetched and
// hash-checked by `make setup`) and are never copied into the site; the standard-library modules they need beyond
// the site's are found, last, in the full python_stdlib.zip. Likewise the modules of ours that the site does not
// ship but the unit suite imports (smpls.schema; smpls.cli is tested on CPython only) are found, last, in our
// whole wheel with its sources: they are not installed, so that the suite runs against the very bytecode the site
// ships, and the import check below still fails if the site's code reached one of them.
//
// Before pytest, every public function of smpls.browser is called with every example with nothing but the
// site's runtime (a missing module fails here, naming it). All imports are recorded (site_assets/runtime/
// trace_imports.py); at the end, the modules reachable from the site's code (start-up, smpls.browser, and what
// the unit suite reached through them) must all be in the list, or the run fails naming them.
// --record-imports instead runs on the untrimmed runtime and writes that set to site_assets/runtime/imports.txt.
// tests/unit, examples/ and pyproject.toml are copied into Pyodide's in-memory file system at /work.
// Exits with pytest's exit code (non-zero on any failure) after pytest's own summary line.
import { execFileSync } from "node:child_process";
import { existsSync, readFileSync, readdirSync, statSync, writeFileSync } from "node:fs";
import { dirname, join, relative, resolve } from "node:path";
import { fileURLToPath } from "node:url";

const root = resolve(dirname(fileURLToPath(import.meta.url)), "..", "..");
const python = existsSync(join(root, ".venv", "bin", "python")) ? join(root, ".venv", "bin", "python") : "python3";
const t0 = performance.now();
let args = process.argv.slice(2);
const record = args[0] === "--record-imports";
if (record) args = args.slice(1);

let wheels;
try {
  const out = execFileSync(
    python,
    [join(root, "site_assets", "runtime", "wheels.py"), ...(record ? ["--untrimmed"] : [])],
    { cwd: root, encoding: "utf8", stdio: ["ignore", "pipe", "inherit"] },
  );
  wheels = JSON.parse(out);
} catch (err) {
  console.error("run_unit_tests: could not list the wheels (run `make setup` first).");
  process.exit(2);
}

const { loadPyodide } = await import(join(root, "node_modules", "pyodide", "pyodide.mjs"));
process.on("uncaughtException", (err) => {
  console.error(`run_unit_tests: ${err.message}`);
  if (globalThis.currentTest) console.error(`run_unit_tests: Pyodide stopped during ${globalThis.currentTest}`);
  process.exit(3);
});
const pyodide = await loadPyodide({
  indexURL: join(root, "node_modules", "pyodide") + "/",
  stdLibURL: record ? wheels.stdlib_full : wheels.stdlib,
  env: { HOME: "/home/pyodide", PYTHONHASHSEED: "0", SMPLS_WHY: process.env.SMPLS_WHY ?? "" },
});
// Record imports from now on, as early as possible: what start-up loaded is needed by every page.
pyodide.FS.mkdirTree("/work/runtime");
pyodide.FS.writeFile("/work/runtime/trace_imports.py", readFileSync(join(root, "site_assets", "runtime", "trace_imports.py")));
pyodide.runPython("import sys; sys.path.append('/work/runtime'); import trace_imports; trace_imports.install()");
// Unbuffered, so that pytest's progress dots appear as they come.
const decoder = new TextDecoder();
pyodide.setStdout({ write: (buf) => (process.stdout.write(decoder.decode(buf)), buf.length) });
pyodide.setStderr({ write: (buf) => (process.stderr.write(decoder.decode(buf)), buf.length) });
for (const wheel of [...(record ? wheels.browser_untrimmed : wheels.browser), ...wheels.test]) {
  // (unpackArchive's default target is the working directory, not site-packages)
  pyodide.unpackArchive(new Uint8Array(readFileSync(wheel)), "wheel", { extractDir: "/lib/python3.14/site-packages" });
}

function copyTree(hostDir, fsDir) {
  pyodide.FS.mkdirTree(fsDir);
  for (const name of readdirSync(hostDir)) {
    if (name === "__pycache__" || name === ".pytest_cache" || name === ".hypothesis") continue;
    const host = join(hostDir, name);
    if (statSync(host).isDirectory()) copyTree(host, `${fsDir}/${name}`);
    else pyodide.FS.writeFile(`${fsDir}/${name}`, readFileSync(host));
  }
}
copyTree(join(root, "tests", "unit"), "/work/tests/unit");
copyTree(join(root, "examples"), "/work/examples");
pyodide.FS.writeFile("/work/pyproject.toml", readFileSync(join(root, "pyproject.toml")));
const setup = ((performance.now() - t0) / 1000).toFixed(1);

pyodide.FS.writeFile("/lib/python314-full.zip", readFileSync(wheels.stdlib_full));
pyodide.FS.writeFile("/lib/smpls-whole.whl", readFileSync(wheels.own_whole));
pyodide.globals.set("pytest_args", pyodide.toPy(args.length ? args : ["tests/unit", "-q"]));
let code;
try {
  code = await pyodide.runPythonAsync(`
import importlib, os, sys
importlib.invalidate_caches()  # the wheels were unpacked after start-up
os.chdir("/work")
sys.dont_write_bytecode = True
import trace_imports
# The browser functions on the site's runtime alone: a module the site lacks fails here, by name.
called = trace_imports.exercise("/work/examples")
print(f"smpls.browser: {', '.join(called)} called with every example", flush=True)
trace_imports.fall_back_to("/lib/python314-full.zip")  # for pytest and hypothesis only
trace_imports.fall_back_to("/lib/smpls-whole.whl")  # for the tests of smpls modules the site does not ship
import pytest
print(f"Pyodide {sys.version.split()[0]} on {sys.platform}; wheels installed in ${setup} s", flush=True)
import js

class RememberCurrentTest:
    """Tell Node which test runs, so that a crash of the whole runtime (e.g. a JS stack overflow) names it."""

    def pytest_runtest_logstart(self, nodeid, location):
        js.currentTest = nodeid

code = int(pytest.main(["-p", "no:cacheprovider", *pytest_args], plugins=[RememberCurrentTest()]))
needed = trace_imports.needed()
for name in os.environ.get("SMPLS_WHY", "").split():
    print(f"why {name}:", " -> ".join(trace_imports.why(name)) or "not needed")
[code, needed]
`).then((result) => {
    const [pytestCode, needed] = result.toJs();
    result.destroy();
    return checkImports(pytestCode, needed);
  });
} catch (err) {
  // Print Python's traceback, not Node's dump of the minified Pyodide source.
  console.error(`run_unit_tests: ${err.message}`);
  if (globalThis.currentTest) console.error(`run_unit_tests: Pyodide stopped during ${globalThis.currentTest}`);
  code = 3;
}
process.exitCode = code;

function checkImports(pytestCode, needed) {
  const listFile = join(root, "site_assets", "runtime", "imports.txt");
  if (record) {
    const header = [
      "# Every module the site's Python code needs in the browser, recorded in Pyodide under Node by `make imports`",
      "# (node tests/pyodide/run_unit_tests.mjs --record-imports): what Pyodide loads at start-up, and what is",
      "# reachable from smpls.browser when each of its public functions is called with every example and when the",
      "# unit suite runs. python_stdlib.zip and the pure-Python wheels are trimmed to this list plus",
      "# imports-margin.txt (site_assets/runtime/trim.py). Do not edit by hand: record again, and review the diff.",
    ];
    writeFileSync(listFile, [...header, ...needed].join("\n") + "\n");
    console.log(`run_unit_tests: wrote ${relative(root, listFile)} (${needed.length} modules)`);
    return pytestCode;
  }
  const listed = new Set();
  const whole = [];
  for (const file of ["imports.txt", "imports-margin.txt"]) {
    const path = join(root, "site_assets", "runtime", file);
    if (!existsSync(path)) continue;
    for (const line of readFileSync(path, "utf8").split("\n")) {
      const name = line.split("#")[0].trim();
      if (name.endsWith(".*")) whole.push(name.slice(0, -2));
      else if (name) listed.add(name);
    }
  }
  const missing = needed.filter((n) => !listed.has(n) && !whole.some((w) => n === w || n.startsWith(w + ".")));
  if (missing.length) {
    console.error(
      `run_unit_tests: the site's code reached modules the site does not ship (not in imports.txt): ${missing.join(", ")}.\n` +
        "Run `make imports` and review the diff.",
    );
    return pytestCode || 4;
  }
  console.log(`run_unit_tests: every module the site's code reached is in imports.txt (${needed.length} modules)`);
  return pytestCode;
}
