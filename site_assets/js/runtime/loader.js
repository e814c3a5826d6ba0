// The checker worker's loader (worker.js): fetches Pyodide, our wheels and the compiled extensions from this site's
// own pyodide/ folder (core files, wheels, pyodide-lock.json with sha256 hashes; no other host is contacted), starts
// Python and installs our package. Also the worker's status messages and its start-up timings.
//
//   site.base                      where the runtime comes from (useOfflineCopy() switches to the offline copy)
//   status(state, message, extra)  a {type: "status"} message to the page; mark(name): a timing since start
//   fetchLock(), fetchWheel(pkg, progress), needed(packages, root), compileLibrary(lib)
//   startPython(loadPyodide, options)   loadPyodide from this site's files, aborted when the wasm fails
//   install(pyodide, libraries, wheels, progress, env)   our wheels into site-packages, then smpls.browser
//   extra(pyodide, name)           a package of the lock that smpls does not need (openpyxl), installed on demand

import { storedEntries, writeEntries } from "../lib/stored-zip.js";

const BASE = new URL("../../../pyodide/", import.meta.url);
// The same files from the service worker's offline copy (site_assets/sw/sw.js), asked for when the network
// fails although the browser says it is online: the service worker leaves the runtime to the network then.
const OFFLINE_BASE = new URL("../../../offline-copy/pyodide/", import.meta.url);
export const site = { base: BASE }; // where the runtime comes from (the on-demand wheels too)
export function useOfflineCopy() {
  site.base = OFFLINE_BASE;
}
export const SITE_PACKAGES = "/lib/python3.14/site-packages"; // unpackArchive's default is the working directory

const T0 = performance.now();
export const timings = {};
export const mark = (name) => (timings[name] = Math.round(performance.now() - T0));

export class LoadError extends Error {
  constructor(message, detail, network = false) {
    super(message);
    this.detail = detail;
    this.network = network; // the request did not reach the site at all (not an HTTP error)
  }
}

export const RUNTIME_FAILED = "检查程序的运行环境未能加载，检查暂不可用。请刷新页面重试，或换用新版浏览器。";

export function status(state, message, extra = {}) {
  postMessage({ type: "status", state, message, ...extra });
}

function hexToBase64(hex) {
  let bin = "";
  for (let i = 0; i < hex.length; i += 2) bin += String.fromCharCode(parseInt(hex.slice(i, i + 2), 16));
  return btoa(bin);
}

export async function fetchLock() {
  const url = new URL("pyodide-lock.json", site.base);
  let res;
  try {
    res = await fetch(url);
  } catch (err) {
    throw new LoadError("无法下载检查程序的文件清单，请检查网络后刷新页面。", String(err), true);
  }
  if (!res.ok) throw new LoadError(`检查程序的文件清单无法下载（HTTP ${res.status}），请刷新页面重试。`);
  return res.json();
}

// Fetch one wheel; the browser checks its sha256 against the lock (Subresource Integrity). Its files are read in
// JS while Pyodide loads, and written without Pyodide's unzip (stored-zip.js).
export async function fetchWheel(pkg, progress) {
  const url = new URL(pkg.file_name, site.base);
  try {
    const res = await fetch(url, { integrity: `sha256-${hexToBase64(pkg.sha256)}` });
    if (!res.ok) throw new Error(`HTTP ${res.status}`);
    const bytes = new Uint8Array(await res.arrayBuffer());
    progress();
    const entries = storedEntries(bytes);
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
export const onDemand = new Map();
const installed = new Map();

export function needed(packages, root) {
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
      if (wheel.entries) writeEntries(pyodide.FS, SITE_PACKAGES, wheel.entries);
      else pyodide.unpackArchive(wheel.bytes, "wheel", { extractDir: SITE_PACKAGES });
    } catch (err) {
      throw new LoadError(`检查程序的文件 ${wheel.file} 无法安装，检查暂不可用。`, String(err));
    }
  }
  pyodide.runPython("import importlib; importlib.invalidate_caches()");
}

export function extra(pyodide, name) {
  if (!installed.has(name)) {
    const pkgs = needed(Object.fromEntries(onDemand), name);
    const done = Promise.all(pkgs.map((pkg) => fetchWheel(pkg, () => {}))).then((got) => installWheels(pyodide, got));
    done.catch(() => installed.delete(name)); // a later call tries again
    installed.set(name, done);
  }
  return installed.get(name);
}

// Compiled extensions (pydantic_core's .so), served by the build as files of their own (….wasm, listed in the lock's
// smpls.preload): compiled while they download (the browser keeps the compiled code for the next visit).
export function compileLibrary(lib) {
  const url = new URL(lib.file_name, site.base);
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

// loadPyodide from this site's files, with the lock already fetched (lock: its JSON). When the WebAssembly file
// cannot be fetched or compiled, Pyodide only logs "wasm instantiation failed!" (console.warn) or Emscripten prints
// "Aborted(…)", and loadPyodide never settles: watch both during start-up, so the page can say so instead of loading
// forever.
export async function startPython(loadPyodide, lock, options) {
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
        indexURL: site.base.href,
        packageBaseUrl: site.base.href,
        lockFileContents: lock, // not fetched a second time
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

// Our wheels into site-packages (an empty file stands for each library loaded before Python started: the import
// system needs to find it, dlopen then finds it loaded), then smpls.browser.
export async function install(pyodide, libraries, wheels, progress, env) {
  progress();
  const got = await wheels;
  status("loading", "正在安装检查程序…", { phase: "install" });
  mark("wheels");
  for (const { path } of await libraries) {
    pyodide.FS.mkdirTree(path.slice(0, path.lastIndexOf("/")));
    pyodide.FS.writeFile(path, new Uint8Array(0));
  }
  await installWheels(pyodide, got);
  mark("install");
  status("loading", "正在启动检查程序…", { phase: "start" });
  let browser;
  try {
    // the lock's smpls.env (a site built for another batch: SMPLS_NOTICE), so that its Python uses the same one
    const vars = Object.entries(env || {});
    if (vars.length) {
      const os = pyodide.pyimport("os");
      for (const [name, value] of vars) os.environ.set(name, value);
      os.destroy();
    }
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
