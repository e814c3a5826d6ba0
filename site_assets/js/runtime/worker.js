// Module worker: runs our Python checker (pysrc/smpls, module smpls.browser) in Pyodide, from this site's own files
// only. Started by checker.js; talks to it with postMessage: the calls in requests.js, and
//   out: {type: "status", state, message, phase?, done?, total?, detail?, timings?}
//        state: loading | ready | failed; while loading, phase: download (done/total wheels once counted) |
//        install | start, so the page shows its steps without reading the message
// The parts: loader.js (files, Python, our package), snapshot.js (Python's start from a memory snapshot taken
// after `import smpls.browser` by an earlier visit), requests.js (the page's calls).

import * as loader from "./loader.js";
import { LoadError, RUNTIME_FAILED, mark, status, timings } from "./loader.js";
import * as snapshots from "./snapshot.js";
import { listen, whenIdle } from "./requests.js";
import { UNSUPPORTED, supported } from "./support.js";

let probe = null; // the lock file's fetch: whether this site could be reached at all

async function boot() {
  if (!supported()) throw new LoadError(UNSUPPORTED);
  status("loading", "正在下载检查程序…", { phase: "download" });
  // Wheels download while Pyodide starts.
  const lock = loader.fetchLock();
  probe = lock;
  lock.then(() => mark("lock"), () => {});
  let done = 0;
  let total = 0;
  let counting = false; // once Python waits for the wheels (loader.install), each one that arrives moves the count
  const progress = () => {
    counting = true;
    if (total && done < total) status("loading", `正在下载检查程序（${done}/${total}）…`, { phase: "download", done, total });
    else status("loading", "正在安装检查程序…", { phase: "install" });
  };
  const wheels = lock.then((data) => {
    const pkgs = loader.needed(data.packages, "smpls");
    for (const pkg of Object.values(data.packages)) if (!pkgs.includes(pkg)) loader.onDemand.set(pkg.name, pkg);
    total = pkgs.length;
    const arrived = () => {
      done += 1;
      if (counting) progress();
    };
    return Promise.all(pkgs.map((pkg) => loader.fetchWheel(pkg, arrived)));
  });
  wheels.catch(() => {}); // handled when awaited below

  // The compiled extensions, compiled while they download (Python cannot start without them, see moduleFactory).
  const libraries = lock.then((data) => Promise.all(((data.smpls && data.smpls.preload) || []).map(loader.compileLibrary)));
  libraries.then(() => mark("libraries"), () => {});
  // Whether an earlier visit kept a snapshot for this build (its bytes are read while Pyodide loads).
  const key = lock.then((data) => (data.smpls && data.smpls.snapshot) || "");
  const found = key.then((k) => snapshots.find(k));
  found.then(() => mark("found"), () => {});
  found.catch(() => {}); // a failed lock is reported through `lock`; this may never be awaited (no Pyodide)

  let loadPyodide, create;
  try {
    [{ loadPyodide }, { default: create }] = await Promise.all([
      import(new URL("pyodide.mjs", loader.site.base).href),
      import(new URL("pyodide.asm.mjs", loader.site.base).href),
    ]);
  } catch (err) {
    throw new LoadError(RUNTIME_FAILED, String(err));
  }
  mark("modules");
  const data = await lock;
  const stored = await found.catch(() => null);
  if (stored) {
    try {
      return await restore(loadPyodide, create, data, libraries, wheels, stored, progress);
    } catch {
      snapshots.forget().catch(() => {}); // a snapshot that does not fit: dropped, and Python starts the usual way
    }
  }
  const run = snapshots.moduleFactory(create, libraries);
  let pyodide;
  try {
    pyodide = await loader.startPython(loadPyodide, data, { _makeSnapshot: true, createPyodideModule: run.factory });
  } catch (err) {
    throw new LoadError(RUNTIME_FAILED, String(err));
  }
  run.check(); // a library that failed is a LoadError of its own
  mark("pyodide");
  const browser = await loader.install(pyodide, libraries, wheels, progress, data.smpls && data.smpls.env);
  return { pyodide, browser, snapshot: { libraries: await libraries, key: await key } }; // taken once ready (settle)
}

// Python from a kept snapshot: smpls.browser is imported already; only the files (JS state, not memory) are
// written again, for the imports made later. Any failure: the caller drops the snapshot and starts afresh.
async function restore(loadPyodide, create, lock, libraries, wheels, stored, progress) {
  const run = snapshots.moduleFactory(create, libraries, stored);
  const options = { _loadSnapshot: stored.memory, createPyodideModule: run.factory };
  const pyodide = await loader.startPython(loadPyodide, lock, options);
  run.check();
  snapshots.reattach(pyodide, stored.meta);
  mark("restored");
  return { pyodide, browser: await loader.install(pyodide, libraries, wheels, progress, lock.smpls && lock.smpls.env) };
}

// When the site cannot be reached (the lock file's fetch failed outright), start again from the offline copy; if
// there is none (no service worker, nothing stored), the first attempt's message stands.
async function start() {
  try {
    return await boot();
  } catch (err) {
    if (!probe) throw err;
    const unreachable = await probe.then(
      () => false,
      (e) => e instanceof LoadError && e.network,
    );
    if (!unreachable) throw err;
    loader.useOfflineCopy();
    try {
      return await boot();
    } catch {
      throw err;
    }
  }
}

// Once ready: the slow lazy imports (python-stdnum) happen now, before the user's first code check needs them; then,
// on a visit that started afresh, the snapshot is taken, before any call (calls wait for `ready`), so nothing the
// user typed is in it, and saved for the next visit once the page is idle.
async function settle(started) {
  status("ready", "检查程序已就绪。", { timings });
  await new Promise((resolve) => setTimeout(resolve, 0));
  try {
    started.browser.warm();
  } catch {
    return started; // only a head start: the first check does these imports then; no snapshot of such a Python
  }
  if (!started.snapshot || !started.snapshot.key) return started;
  try {
    const { key, meta, bytes } = snapshots.take(started.pyodide, started.snapshot.libraries, started.snapshot.key);
    mark("snapshot");
    whenIdle(() => snapshots.save(key, bytes, meta).catch(() => {}));
  } catch {
    // this visit keeps none; the next one tries again
  }
  return started;
}

const ready = start().then(settle, (err) => {
  status("failed", err.message || "检查程序未能加载。", { detail: err.detail || String(err), timings });
  throw err;
});
ready.catch(() => {}); // a call gets the error (requests.js)
listen(ready);
