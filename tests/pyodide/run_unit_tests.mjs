// Run tests/unit inside Pyodide (Python 3.14, WebAssembly) under Node, with pytest and hypothesis.
//
//   node tests/pyodide/run_unit_tests.mjs [pytest args…]      (default: tests/unit -q)
//
// The Python side is exactly what the site ships: Pyodide from node_modules/pyodide, and the wheels listed by
// `python site_assets/hooks/runtime.py wheels` (pydantic, pydantic-core for pyemscripten, python-stdnum slimmed,
// our own wheel freshly built from pysrc/, all with their precompiled bytecode). pytest, hypothesis and their
// pure-Python dependencies come from pinned PyPI wheels (group "test" of site_assets/runtime/wheels.toml,
// fetched and hash-checked by `make setup`); they are never copied into the site.
// tests/unit, examples/ and pyproject.toml are copied into Pyodide's in-memory file system at /work.
// Exits with pytest's exit code (non-zero on any failure) after pytest's own summary line.
import { execFileSync } from "node:child_process";
import { existsSync, readFileSync, readdirSync, statSync } from "node:fs";
import { dirname, join, relative, resolve } from "node:path";
import { fileURLToPath } from "node:url";

const root = resolve(dirname(fileURLToPath(import.meta.url)), "..", "..");
const python = existsSync(join(root, ".venv", "bin", "python")) ? join(root, ".venv", "bin", "python") : "python3";
const t0 = performance.now();

let wheels;
try {
  const out = execFileSync(python, [join(root, "site_assets", "hooks", "runtime.py"), "wheels"], {
    cwd: root,
    encoding: "utf8",
    stdio: ["ignore", "pipe", "inherit"],
  });
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
  env: { HOME: "/home/pyodide", PYTHONHASHSEED: "0" },
});
// Unbuffered, so that pytest's progress dots appear as they come.
const decoder = new TextDecoder();
pyodide.setStdout({ write: (buf) => (process.stdout.write(decoder.decode(buf)), buf.length) });
pyodide.setStderr({ write: (buf) => (process.stderr.write(decoder.decode(buf)), buf.length) });
for (const wheel of [...wheels.browser, ...wheels.test]) {
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

const args = process.argv.slice(2);
pyodide.globals.set("pytest_args", pyodide.toPy(args.length ? args : ["tests/unit", "-q"]));
let code;
try {
  code = await pyodide.runPythonAsync(`
import importlib, os, sys
importlib.invalidate_caches()  # the wheels were unpacked after start-up
os.chdir("/work")
sys.dont_write_bytecode = True
import pytest
print(f"Pyodide {sys.version.split()[0]} on {sys.platform}; wheels installed in ${setup} s", flush=True)
import js

class RememberCurrentTest:
    """Tell Node which test runs, so that a crash of the whole runtime (e.g. a JS stack overflow) names it."""

    def pytest_runtest_logstart(self, nodeid, location):
        js.currentTest = nodeid

int(pytest.main(["-p", "no:cacheprovider", *pytest_args], plugins=[RememberCurrentTest()]))
`);
} catch (err) {
  // Print Python's traceback, not Node's dump of the minified Pyodide source.
  console.error(`run_unit_tests: ${err.message}`);
  if (globalThis.currentTest) console.error(`run_unit_tests: Pyodide stopped during ${globalThis.currentTest}`);
  code = 3;
}
process.exitCode = code;
