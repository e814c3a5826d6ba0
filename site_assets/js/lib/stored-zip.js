// The files of a zip whose entries are all stored (not compressed), as views into its bytes: how the build writes
// the site's wheels (site_assets/runtime/compile_pyc.py; the host compresses the whole file). worker.js reads them
// while Pyodide is still loading and then only writes the files, instead of Pyodide unzipping them in Python.
//
//   storedEntries(bytes) -> [[name, Uint8Array], …]   (directories left out)
//                        -> null when the bytes are not such a zip (a compressed entry, a name that is absolute or
//                           has "..", a damaged directory): the caller unpacks it the usual way.
//   writeEntries(FS, dir, entries)   writes them under dir with Emscripten's FS (pyodide.FS), making the folders

const END = 0x06054b50; // end of central directory
const CENTRAL = 0x02014b50;
const LOCAL = 0x04034b50;
const STORED = 0;

export function storedEntries(bytes) {
  const view = new DataView(bytes.buffer, bytes.byteOffset, bytes.byteLength);
  const at = (offset, size) => (offset >= 0 && offset + size <= bytes.length ? offset : -1);
  let end = bytes.length - 22;
  const stop = Math.max(0, end - 0xffff); // the end record is followed by a comment of at most 64 KB
  while (end >= stop && view.getUint32(end, true) !== END) end--;
  if (end < stop) return null;
  const count = view.getUint16(end + 10, true);
  let p = view.getUint32(end + 16, true);
  const names = new TextDecoder("utf-8", { fatal: true });
  const out = [];
  try {
    for (let i = 0; i < count; i++) {
      if (at(p, 46) < 0 || view.getUint32(p, true) !== CENTRAL) return null;
      const method = view.getUint16(p + 10, true);
      const size = view.getUint32(p + 20, true);
      const nameLength = view.getUint16(p + 28, true);
      const next = p + 46 + nameLength + view.getUint16(p + 30, true) + view.getUint16(p + 32, true);
      const local = view.getUint32(p + 42, true);
      if (at(p + 46, nameLength) < 0) return null;
      const name = names.decode(bytes.subarray(p + 46, p + 46 + nameLength));
      p = next;
      if (name.endsWith("/")) continue;
      if (method !== STORED || name.startsWith("/") || name.split("/").includes("..")) return null;
      if (at(local, 30) < 0 || view.getUint32(local, true) !== LOCAL) return null;
      const start = local + 30 + view.getUint16(local + 26, true) + view.getUint16(local + 28, true);
      if (at(start, size) < 0) return null;
      out.push([name, bytes.subarray(start, start + size)]);
    }
  } catch {
    return null; // a name that is not UTF-8
  }
  return out;
}

export function writeEntries(FS, dir, entries) {
  const made = new Set();
  for (const [name, data] of entries) {
    const path = `${dir}/${name}`;
    const folder = path.slice(0, path.lastIndexOf("/"));
    if (!made.has(folder)) {
      FS.mkdirTree(folder);
      made.add(folder);
    }
    FS.writeFile(path, data);
  }
}
