// Module worker: runs our Python checker (pysrc/smpls, module smpls.browser) in Pyodide.
// Everything is loaded from this site's own pyodide/ folder (core files, wheels, pyodide-lock.json with
// sha256 hashes): no other host is contacted. Started by checker.js; talks to it with postMessage:
//   in:  {type: "call", id, name, payload}         name: validate | migrate | questions | eligibility | docx
//                                                  | summary_check | summary_duplicates | summary_export | summary_warm
//                                                    | read_docx (payload: an ArrayBuffer, transferred)
//   out: {type: "status", state, message, detail?, timings?}
//        {type: "result", id, ok: true, value} | {type: "result", id, ok: false, error, detail?}

const BASE = new URL("../../../pyodide/", import.meta.url);
// The same files from the service worker's offline copy (site_assets/sw/sw.js), asked for when the network
// fails although the browser says it is online: the service worker leaves the runtime to the network then.
const OFFLINE_BASE = new URL("../../../offline-copy/pyodide/", import.meta.url);
let base = BASE; // where the runtime comes from (the on-demand wheels too)
const SITE_PACKAGES = "/lib/python3.14/site-packages"; // unpackArchive's default is the working directory
// Our wheels' files are read in JS while Pyodide loads, and written without Pyodide's unzip (stored-zip.js).
const zipReader = import("../lib/stored-zip.js");
// Python starts from a memory snapshot kept by an earlier visit, taken after `import smpls.browser` (snapshot.js).
const snapshots = import("./snapshot.js");
const T0 = performance.now();
const timings = {};
const mark = (name) => (timings[name] = Math.round(performance.now() - T0));

class LoadError extends Error {
  constructor(message, detail, network = false) {
    super(message);
    this.detail = detail;
    this.network = network; // the request did not reach the site at all (not an HTTP error)
  }
}

function status(state, message, extra = {}) {
  postMessage({ type: "status", state, message, ...extra });
}

function hexToBase64(hex) {
  let bin = "";
  for (let i = 0; i < hex.length; i += 2) bin += String.fromCharCode(parseInt(hex.slice(i, i + 2), 16));
  return btoa(bin);
}

async function fetchLock() {
  const url = new URL("pyodide-lock.json", base);
  let res;
  try {
    res = await fetch(url);
  } catch (err) {
    throw new LoadError("无法下载检查程序的文件清单，请检查网络后刷新页面。", String(err), true);
  }
  if (!res.ok) throw new LoadError(`检查程序的文件清单无法下载（HTTP ${res.status}），请刷新页面重试。`);
  return res.json();
}

// Fetch one wheel; the browser checks its sha256 against the lock (Subresource Integrity).
async function fetchWheel(pkg, progress) {
  const url = new URL(pkg.file_name, base);
  try {
    const res = await fetch(url, { integrity: `sha256-${hexToBase64(pkg.sha256)}` });
    if (!res.ok) throw new Error(`HTTP ${res.status}`);
    const bytes = new Uint8Array(await res.arrayBuffer());
    progress();
    const entries = (await zipReader).storedEntries(bytes);
    return { name: pkg.name, file: pkg.file_name, bytes, entries };
  } catch (err) {
    // Tell a missing file from a changed one: ask again without the integrity check.
    let why = "内容与清单中的 sha256 不符";
    try {
      const again = await fetch(url, { method: "HEAD", cache: "no-store" });
      if (!again.ok) why = `无法下载（HTTP ${again.status}）`;
    } catch {
      why = "无法下载（网络错误）";
    }
    throw new LoadError(`检查程序的文件 ${pkg.file_name} ${why}，检查暂不可用。请刷新页面重试。`, String(err));
  }
}

// Packages of the lock that smpls does not need (openpyxl for the roll-up page's Excel export) are installed
// only when a call needs them (extra()), so the other pages never download them.
const onDemand = new Map();
const installed = new Map();

function needed(packages, root) {
  const out = [];
  const visit = (name) => {
    const pkg = packages[name];
    if (!pkg || out.includes(pkg)) return;
    out.push(pkg);
    for (const dep of pkg.depends || []) visit(dep);
  };
  visit(root);
  return out;
}

// Write the wheels' files into site-packages: as read by stored-zip.js, or else unzipped by Pyodide; then Python's
// import system forgets what it listed before (as Pyodide's own package loader does).
async function installWheels(pyodide, wheels) {
  for (const wheel of wheels) {
    try {
      if (wheel.entries) (await zipReader).writeEntries(pyodide.FS, SITE_PACKAGES, wheel.entries);
      else pyodide.unpackArchive(wheel.bytes, "wheel", { extractDir: SITE_PACKAGES });
    } catch (err) {
      throw new LoadError(`检查程序的文件 ${wheel.file} 无法安装，检查暂不可用。`, String(err));
    }
  }
  pyodide.runPython("import importlib; importlib.invalidate_caches()");
}

// Compiled extensions (pydantic_core's .so), served by the build as files of their own (….wasm, listed in the lock's
// smpls.preload): compiled while they download (the browser keeps the compiled code for the next visit).
function compileLibrary(lib) {
  const url = new URL(lib.file_name, base);
  const integrity = `sha256-${hexToBase64(lib.sha256)}`;
  const streamed = WebAssembly.compileStreaming(fetch(url, { integrity }));
  return streamed
    .catch(async () => {
      const res = await fetch(url, { integrity }); // a host that serves it with another type than application/wasm
      if (!res.ok) throw new Error(`HTTP ${res.status}`);
      return WebAssembly.compile(await res.arrayBuffer());
    })
    .then(
      (module) => ({ path: `${SITE_PACKAGES}/${lib.path}`, module }),
      (err) => {
        throw new LoadError(`检查程序的文件 ${lib.file_name} 无法下载或编译，检查暂不可用。请刷新页面重试。`, String(err));
      },
    );
}

// Pyodide's module, with the compiled extensions loaded before Python starts (an Emscripten preRun hook). Before
// the runtime starts, Emscripten places a library with a bump allocator, so it lands at the same memory and table
// base on every visit: a snapshot taken after the import then fits the library loaded on a later visit (memory
// snapshots hold the memory only, not the library's code or its function-table slots). Python's own dlopen finds
// each by its path and loads nothing more. restoring: the snapshot's bytes, to grow the memory to before Python
// restores it, with `filled` the promise that it has been read (read while the wasm instantiates).
function moduleFactory(create, libraries, restoring, filled = null) {
  let failed = null;
  const factory = async (settings) => {
    settings.preRun.push((Module) => {
      Module.addRunDependency("smpls-preload");
      libraries
        .then((libs) => {
          for (const { path, module } of libs) {
            const dso = Module.newDSO(path, undefined, "loading");
            dso.global = false;
            dso.exports = Module.loadWebAssemblyModule(module, { loadAsync: false, nodelete: true }, path, {});
          }
        })
        .catch((err) => (failed = err))
        .finally(() => Module.removeRunDependency("smpls-preload"));
    });
    const module = await create(settings);
    mark("instantiated"); // Pyodide's wasm and the libraries
    if (restoring) {
      await filled;
      mark("read"); // the snapshot, read from Cache Storage while the wasm instantiated
      module.growMemory(restoring.length); // else Pyodide's restore fails past the first 30 MB
    }
    return module;
  };
  return { factory, check: () => { if (failed) throw failed; } };
}

// What the snapshot needs from JS after a restore: the libraries' dlopen handles (LDSO.loadedLibsByHandle is JS
// state, not memory). Only a snapshot whose every library was loaded before Python started can be restored.
function libraryHandles(pyodide, libraries) {
  const paths = new Set(libraries.map((lib) => lib.path));
  const handles = [];
  for (const [handle, dso] of Object.entries(pyodide._module.LDSO.loadedLibsByHandle)) {
    if (handle === "0") continue; // the main module
    if (!paths.has(dso.name)) throw new Error(`${dso.name} was not loaded before Python started`);
    handles.push([handle, dso.name]);
  }
  return handles;
}

function reattach(pyodide, handles) {
  const LDSO = pyodide._module.LDSO;
  for (const [handle, name] of handles) {
    if (!LDSO.loadedLibsByName[name]) throw new Error(`snapshot: ${name} is not loaded`);
    LDSO.loadedLibsByHandle[handle] = LDSO.loadedLibsByName[name];
  }
}

// The snapshot of Python with smpls.browser imported, before any call (so nothing the user typed reaches it): the
// import caches forgotten, garbage collected, and no file open but 0–2 (an open file descriptor is JS state the
// restore would not have). Only the memory is copied here; it is packed and stored when the page is idle.
function takeSnapshot(pyodide, libraries, key) {
  pyodide.runPython("import gc, importlib; importlib.invalidate_caches(); gc.collect()");
  const open = pyodide.FS.streams.filter(Boolean).map((stream) => stream.path);
  if (open.length > 3) throw new Error(`files still open: ${open.join(", ")}`);
  const meta = { handles: libraryHandles(pyodide, libraries) };
  return { key, meta, bytes: pyodide.makeMemorySnapshot() };
}

function extra(pyodide, name) {
  if (!installed.has(name)) {
    const pkgs = needed(Object.fromEntries(onDemand), name);
    const done = Promise.all(pkgs.map((pkg) => fetchWheel(pkg, () => {}))).then((got) => installWheels(pyodide, got));
    done.catch(() => installed.delete(name)); // a later call tries again
    installed.set(name, done);
  }
  return installed.get(name);
}

function bytesOf(proxy) {
  let view;
  try {
    view = proxy.toJs();
  } finally {
    if (proxy.destroy) proxy.destroy();
  }
  return view.byteOffset === 0 && view.byteLength === view.buffer.byteLength ? view.buffer : view.slice().buffer;
}

let probe = null; // the lock file's fetch: whether this site could be reached at all

// loadPyodide from this site's files. When the WebAssembly file cannot be fetched or compiled, Pyodide only logs
// "wasm instantiation failed!" (console.warn) or Emscripten prints "Aborted(…)", and loadPyodide never settles:
// watch both during start-up, so the page can say so instead of loading forever.
async function startPython(loadPyodide, options) {
  let started = false;
  let abortLoad;
  const aborted = new Promise((_, reject) => (abortLoad = reject));
  const watch = (line) => {
    if (/^Aborted\(|wasm instantiation failed|failed to (asynchronously )?prepare wasm/.test(String(line))) {
      abortLoad(new Error(String(line)));
    }
  };
  const warn = console.warn;
  console.warn = (...args) => {
    watch(args[0]);
    warn.apply(console, args);
  };
  try {
    const pyodide = await Promise.race([
      loadPyodide({
        indexURL: base.href,
        lockFileURL: new URL("pyodide-lock.json", base).href,
        stdout: () => {},
        stderr: (line) => started || watch(line),
        ...options,
      }),
      aborted,
    ]);
    started = true;
    return pyodide;
  } finally {
    console.warn = warn;
  }
}

async function boot() {
  if (typeof WebAssembly !== "object" || typeof WebAssembly.instantiate !== "function") {
    throw new LoadError("这个浏览器不支持 WebAssembly（或已被禁用），不能运行检查程序。");
  }
  status("loading", "正在下载检查程序…");
  // Wheels download while Pyodide starts.
  const lock = fetchLock();
  probe = lock;
  let done = 0;
  let total = 0;
  const progress = () =>
    status("loading", total && done < total ? `正在下载检查程序（${done}/${total}）…` : "正在安装检查程序…");
  const wheels = lock.then((data) => {
    const pkgs = needed(data.packages, "smpls");
    for (const pkg of Object.values(data.packages)) if (!pkgs.includes(pkg)) onDemand.set(pkg.name, pkg);
    total = pkgs.length;
    return Promise.all(pkgs.map((pkg) => fetchWheel(pkg, () => (done += 1))));
  });
  wheels.catch(() => {}); // handled when awaited below

  // The compiled extensions, compiled while they download (Python cannot start without them, see moduleFactory).
  const libraries = lock.then((data) => Promise.all(((data.smpls && data.smpls.preload) || []).map(compileLibrary)));
  libraries.then(() => mark("libraries"), () => {});
  // Whether an earlier visit kept a snapshot for this build (its bytes are read while Pyodide loads).
  const key = lock.then((data) => (data.smpls && data.smpls.snapshot) || "");
  const found = Promise.all([snapshots, key]).then(([s, k]) => s.find(k));
  key.catch(() => {}); // a failed lock is reported through `lock`; these two may never be awaited (no Pyodide)
  found.catch(() => {});

  let loadPyodide, create;
  try {
    [{ loadPyodide }, { default: create }] = await Promise.all([
      import(new URL("pyodide.mjs", base).href),
      import(new URL("pyodide.asm.mjs", base).href),
    ]);
  } catch (err) {
    throw new LoadError("检查程序的运行环境未能加载，检查暂不可用。请刷新页面重试，或换用新版浏览器。", String(err));
  }
  const stored = await found.catch(() => null);
  let started = null;
  if (stored) {
    try {
      started = await restore(loadPyodide, create, libraries, wheels, stored, progress);
    } catch {
      started = null; // a snapshot that does not fit: dropped, and Python starts the usual way
      snapshots.then((s) => s.forget()).catch(() => {});
    }
  }
  if (!started) {
    const run = moduleFactory(create, libraries, null);
    let pyodide;
    try {
      pyodide = await startPython(loadPyodide, { _makeSnapshot: true, createPyodideModule: run.factory });
    } catch (err) {
      throw new LoadError("检查程序的运行环境未能加载，检查暂不可用。请刷新页面重试，或换用新版浏览器。", String(err));
    }
    run.check(); // a library that failed is a LoadError of its own
    mark("pyodide");
    started = { pyodide, browser: await install(pyodide, libraries, wheels, progress) };
    started.snapshot = { libraries: await libraries, key: await key }; // taken once ready (see below)
  }
  return started;
}

// Python from a kept snapshot: smpls.browser is imported already; only the files (JS state, not memory) are
// written again, for the imports made later. Any failure: the caller drops the snapshot and starts afresh.
async function restore(loadPyodide, create, libraries, wheels, stored, progress) {
  const run = moduleFactory(create, libraries, stored.memory, stored.filled);
  const pyodide = await startPython(loadPyodide, { _loadSnapshot: stored.memory, createPyodideModule: run.factory });
  run.check();
  reattach(pyodide, stored.meta.handles);
  pyodide.runPython("import random; random.seed()"); // the snapshot holds the seed of the visit that took it
  mark("restored");
  return { pyodide, browser: await install(pyodide, libraries, wheels, progress) };
}

// Our wheels into site-packages (an empty file stands for each library loaded before Python started: the import
// system needs to find it, dlopen then finds it loaded), then smpls.browser.
async function install(pyodide, libraries, wheels, progress) {
  progress();
  const got = await wheels;
  status("loading", "正在安装检查程序…");
  mark("wheels");
  for (const { path } of await libraries) {
    pyodide.FS.mkdirTree(path.slice(0, path.lastIndexOf("/")));
    pyodide.FS.writeFile(path, new Uint8Array(0));
  }
  await installWheels(pyodide, got);
  mark("install");
  status("loading", "正在启动检查程序…");
  let browser;
  try {
    browser = pyodide.pyimport("smpls.browser");
    for (const name of ["validate", "migrate", "questions", "eligibility", "docx", "docx_filename", "warm"]) {
      if (typeof browser[name] !== "function") throw new Error(`smpls.browser.${name} is missing`);
    }
  } catch (err) {
    throw new LoadError("检查程序无法启动，检查暂不可用。请刷新页面重试。", String(err));
  }
  mark("import");
  return browser;
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
    base = OFFLINE_BASE;
    try {
      return await boot();
    } catch {
      throw err;
    }
  }
}

// Work for later (saving the snapshot) waits until no call has been running for a while.
let busy = 0;
let lastCall = 0;
function whenIdle(job, quiet = 1000) {
  const wait = () => (busy || performance.now() - lastCall < quiet ? setTimeout(wait, quiet / 2) : job());
  setTimeout(wait, quiet / 2);
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
    const { key, meta, bytes } = takeSnapshot(started.pyodide, started.snapshot.libraries, started.snapshot.key);
    mark("snapshot");
    whenIdle(() => snapshots.then((s) => s.save(key, bytes, meta)).catch(() => {}));
  } catch {
    // this visit keeps none; the next one tries again
  }
  return started;
}

const ready = start().then(settle, (err) => {
  status("failed", err.message || "检查程序未能加载。", { detail: err.detail || String(err), timings });
  throw err;
});
ready.catch(() => {}); // a call gets the error (call())

function text(payload) {
  return JSON.stringify(payload ?? {});
}

async function call(name, payload) {
  const { browser, pyodide } = await ready;
  switch (name) {
    // 汇总推荐项目 (summary.js): a batch of files {files: [{name, size, bytes: ArrayBuffer}], known: [{hash, file}]}
    // (bytes may be only the file's beginning: size is its real size)
    case "summary_check": {
      const files = payload.files || [];
      const meta = JSON.stringify({ names: files.map((f) => f.name), sizes: files.map((f) => f.size), known: payload.known || [] });
      return [JSON.parse(browser.summary_check(meta, files.map((f) => new Uint8Array(f.bytes))))];
    }
    case "summary_duplicates":
      return [JSON.parse(browser.summary_duplicates(text(payload)))];
    case "summary_warm":
      await extra(pyodide, "openpyxl");
      return [browser.summary_warm()];
    case "summary_export": {
      if (payload && payload.format === "xlsx") await extra(pyodide, "openpyxl");
      const bytes = bytesOf(browser.summary_export(text(payload)));
      return [{ bytes }, [bytes]];
    }
    case "validate":
      return [JSON.parse(browser.validate(text(payload)))];
    case "migrate":
      return [JSON.parse(browser.migrate(text(payload)))];
    case "questions":
      return [JSON.parse(browser.questions())];
    case "eligibility":
      return [JSON.parse(browser.eligibility(text(payload)))];
    case "docx": {
      const draft = text(payload);
      const bytes = bytesOf(browser.docx(draft));
      return [{ bytes, filename: browser.docx_filename(draft) }, [bytes]];
    }
    case "read_docx": {
      // payload: the file's bytes as a transferred ArrayBuffer (or a Uint8Array); Python never raises here
      if (!(payload instanceof ArrayBuffer || ArrayBuffer.isView(payload))) throw new Error("read_docx: bytes expected");
      return [JSON.parse(browser.read_docx(payload))];
    }
    default:
      throw new Error(`未知的调用：${name}`);
  }
}

self.onmessage = async (event) => {
  const { type, id, name, payload } = event.data || {};
  if (type !== "call") return;
  busy += 1;
  try {
    const [value, transfer = []] = await call(name, payload);
    postMessage({ type: "result", id, ok: true, value }, transfer);
  } catch (err) {
    const message = err instanceof LoadError ? err.message : `检查程序出错：${name} 未能完成。`;
    postMessage({ type: "result", id, ok: false, error: message, detail: err.detail || String(err) });
  } finally {
    busy -= 1;
    lastCall = performance.now();
  }
};
