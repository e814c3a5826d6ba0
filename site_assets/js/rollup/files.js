// Which files the roll-up reads and in what groups (pure, tested with node --test).

/** Files inside a folder are taken by extension (a folder also holds other things). */
export function accepted(file, extensions) {
  return extensions.some((ext) => file.name.toLowerCase().endsWith(ext));
}

/** By path, as a file manager lists them. */
export function sortFiles(files) {
  const name = (f) => f.relPath || f.name;
  return files.sort((a, b) => (name(a) < name(b) ? -1 : name(a) > name(b) ? 1 : 0));
}

/**
 * Groups of files sent to Python at once: at most `batch` files, and no more bytes than the largest file a reader
 * takes (`largest`), so that a group of large Word files does not fill the memory.
 */
export function batches(files, batch, largest) {
  const out = [];
  let current = [];
  let bytes = 0;
  for (const f of files) {
    const size = Math.min(f.size || 0, largest + 1);
    if (current.length && (current.length >= batch || bytes + size > largest)) {
      out.push(current);
      current = [];
      bytes = 0;
    }
    current.push(f);
    bytes += size;
  }
  if (current.length) out.push(current);
  return out;
}
