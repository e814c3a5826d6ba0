// A memory snapshot of Python with our checker imported (Pyodide's _makeSnapshot / _loadSnapshot): worker.js takes
// one on a visit without it, right after `import smpls.browser` and before any call (so before anything the user
// typed reaches Python), keeps it in Cache Storage once the page is idle, and later visits start Python from it
// instead of starting Python, pydantic and our models again (dev/notes.md 性能 has the measured gain). It holds Python's
// memory: the runtime, the imported modules and their data, nothing else.
//
//   const found = await find(key);   // null, or {meta, memory, filled}: memory, a Uint8Array of the snapshot's
//                                    // size, is filled while Pyodide instantiates its wasm; filled: a Promise that
//                                    // settles when it is (rejected for a damaged snapshot)
//   save(key, snapshotBytes, meta);  // replaces any other snapshot; meta: JSON (the libraries' handles)
//   forget();                        // after a snapshot failed to start Python
//   moduleFactory(create, libraries, found?)   Pyodide's module with the compiled extensions loaded first
//   take(pyodide, libraries, key)    the snapshot's {key, meta, bytes}, in memory (saved later)
//   reattach(pyodide, meta)          after a restore: what the snapshot needs from JS
//
// key: pyodide-lock.json's smpls.snapshot, a hash of every runtime file the build wrote (Pyodide, the standard
// library, every wheel, ours too) and of the worker's code: any change makes a new key, so a snapshot is never used
// with other files than those it was taken with.

import { mark } from "./loader.js";

// Not "smpls-…": that prefix is the service worker's offline copy (sw.js deletes every other cache named so).
export const CACHE = "smpls.python-snapshot";
const PAGE = 4096;
const MAGIC = 0x50414e53; // "SNAP"
const HEADER = 16;
const META = "x-smpls-snapshot"; // a header of the stored response

// Stored sparse: most pages of a freshly started Python's memory are zero (about 60 % of 31 MB).
export function pack(bytes) {
  const pages = Math.ceil(bytes.length / PAGE);
  const bitmap = new Uint8Array(Math.ceil(pages / 8));
  const kept = [];
  for (let i = 0; i < pages; i++) {
    const page = bytes.subarray(i * PAGE, Math.min((i + 1) * PAGE, bytes.length));
    if (!isZero(page)) {
      bitmap[i >> 3] |= 1 << (i & 7);
      kept.push(page);
    }
  }
  const out = new Uint8Array(HEADER + bitmap.length + kept.reduce((n, page) => n + page.length, 0));
  const head = new DataView(out.buffer);
  head.setUint32(0, MAGIC, true);
  head.setUint32(4, bytes.length, true);
  head.setUint32(8, PAGE, true);
  head.setUint32(12, pages, true);
  out.set(bitmap, HEADER);
  let at = HEADER + bitmap.length;
  for (const page of kept) {
    out.set(page, at);
    at += page.length;
  }
  return out;
}

// out: where to write the memory (a Uint8Array of the right length, all zero), else a new one.
export function unpack(stored, out = null) {
  const head = new DataView(stored.buffer, stored.byteOffset, stored.byteLength);
  if (stored.length < HEADER || head.getUint32(0, true) !== MAGIC || head.getUint32(8, true) !== PAGE) {
    throw new Error("not a stored snapshot");
  }
  const length = head.getUint32(4, true);
  const pages = head.getUint32(12, true);
  if (pages !== Math.ceil(length / PAGE)) throw new Error("snapshot header does not add up");
  const bitmap = stored.subarray(HEADER, HEADER + Math.ceil(pages / 8));
  if (out && out.length !== length) throw new Error("snapshot is not of the size it was kept with");
  out ||= new Uint8Array(length);
  let at = HEADER + bitmap.length;
  for (let i = 0; i < pages; i++) {
    if (!(bitmap[i >> 3] & (1 << (i & 7)))) continue;
    const size = Math.min(PAGE, length - i * PAGE);
    if (at + size > stored.length) throw new Error("snapshot is cut short");
    out.set(stored.subarray(at, at + size), i * PAGE);
    at += size;
  }
  if (at !== stored.length) throw new Error("snapshot has bytes left over");
  return out;
}

function isZero(page) {
  const words = page.byteOffset % 4 === 0 ? new Uint32Array(page.buffer, page.byteOffset, page.length >> 2) : null;
  if (words) {
    for (let i = 0; i < words.length; i++) if (words[i] !== 0) return false;
  }
  for (let i = words ? words.length * 4 : 0; i < page.length; i++) if (page[i] !== 0) return false;
  return true;
}

export function entryUrl(key) {
  return new URL(`python-snapshot-${encodeURIComponent(key)}`, import.meta.url).href;
}

export async function find(key) {
  if (!key || typeof caches === "undefined") return null;
  const response = await (await caches.open(CACHE)).match(entryUrl(key));
  if (!response) return null;
  const meta = JSON.parse(response.headers.get(META) || "null"); // a snapshot without it is damaged: thrown
  if (!meta || typeof meta !== "object" || !(meta.size > 0)) throw new Error("snapshot without its meta");
  const memory = new Uint8Array(meta.size);
  const filled = response.arrayBuffer().then((buffer) => unpack(new Uint8Array(buffer), memory));
  filled.catch(() => {}); // worker.js awaits it later; a damaged snapshot is then dropped
  return { meta, memory, filled };
}

export async function save(key, bytes, meta = {}) {
  if (!key || typeof caches === "undefined") return;
  const cache = await caches.open(CACHE);
  for (const old of await cache.keys()) if (old.url !== entryUrl(key)) await cache.delete(old);
  const headers = { [META]: JSON.stringify({ ...meta, size: bytes.length }) };
  await cache.put(entryUrl(key), new Response(pack(bytes), { headers }));
}

export async function forget() {
  if (typeof caches !== "undefined") await caches.delete(CACHE);
}

// Pyodide's module, with the compiled extensions loaded before Python starts (an Emscripten preRun hook). Before
// the runtime starts, Emscripten places a library with a bump allocator, so it lands at the same memory and table
// base on every visit: a snapshot taken after the import then fits the library loaded on a later visit (memory
// snapshots hold the memory only, not the library's code or its function-table slots). Python's own dlopen finds
// each by its path and loads nothing more. found: a snapshot to restore (find()), whose memory is grown to before
// Python restores it, once it has been read (read while the wasm instantiates).
export function moduleFactory(create, libraries, found = null) {
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
    if (found) {
      await found.filled;
      mark("read"); // the snapshot, read from Cache Storage while the wasm instantiated
      module.growMemory(found.memory.length); // else Pyodide's restore fails past the first 30 MB
    }
    return module;
  };
  return {
    factory,
    check: () => {
      if (failed) throw failed;
    },
  };
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

export function reattach(pyodide, meta) {
  const LDSO = pyodide._module.LDSO;
  for (const [handle, name] of meta.handles) {
    if (!LDSO.loadedLibsByName[name]) throw new Error(`snapshot: ${name} is not loaded`);
    LDSO.loadedLibsByHandle[handle] = LDSO.loadedLibsByName[name];
  }
  pyodide.runPython("import random; random.seed()"); // the snapshot holds the seed of the visit that took it
}

// The snapshot of Python with smpls.browser imported, before any call (so nothing the user typed reaches it): the
// import caches forgotten, garbage collected, and no file open but 0–2 (an open file descriptor is JS state the
// restore would not have). Only the memory is copied here; it is packed and stored when the page is idle (save()).
export function take(pyodide, libraries, key) {
  pyodide.runPython("import gc, importlib; importlib.invalidate_caches(); gc.collect()");
  const open = pyodide.FS.streams.filter(Boolean).map((stream) => stream.path);
  if (open.length > 3) throw new Error(`files still open: ${open.join(", ")}`);
  const meta = { handles: libraryHandles(pyodide, libraries) };
  return { key, meta, bytes: pyodide.makeMemorySnapshot() };
}
