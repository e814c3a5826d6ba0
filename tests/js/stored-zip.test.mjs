import { test } from "node:test";
import assert from "node:assert/strict";
import { storedEntries, writeEntries } from "../../site_assets/js/lib/stored-zip.js";

// A zip as the format describes it (local headers, central directory, end record), written here so the reader is
// checked against the format and not against itself. tests/site/test_runtime.py also compares it with Python's
// zipfile on every wheel of the built site.
function zip(files, { comment = "" } = {}) {
  const enc = new TextEncoder();
  const parts = [];
  const central = [];
  let offset = 0;
  for (const { name, data = new Uint8Array(), method = 0 } of files) {
    const n = enc.encode(name);
    const local = new DataView(new ArrayBuffer(30));
    local.setUint32(0, 0x04034b50, true);
    local.setUint16(8, method, true);
    local.setUint32(18, data.length, true);
    local.setUint32(22, data.length, true);
    local.setUint16(26, n.length, true);
    const entry = new DataView(new ArrayBuffer(46));
    entry.setUint32(0, 0x02014b50, true);
    entry.setUint16(10, method, true);
    entry.setUint32(20, data.length, true);
    entry.setUint32(24, data.length, true);
    entry.setUint16(28, n.length, true);
    entry.setUint32(42, offset, true);
    parts.push(new Uint8Array(local.buffer), n, data);
    central.push(new Uint8Array(entry.buffer), n);
    offset += 30 + n.length + data.length;
  }
  const size = central.reduce((a, b) => a + b.length, 0);
  const c = enc.encode(comment);
  const end = new DataView(new ArrayBuffer(22));
  end.setUint32(0, 0x06054b50, true);
  end.setUint16(8, files.length, true);
  end.setUint16(10, files.length, true);
  end.setUint32(12, size, true);
  end.setUint32(16, offset, true);
  end.setUint16(20, c.length, true);
  const all = [...parts, ...central, new Uint8Array(end.buffer), c];
  const out = new Uint8Array(all.reduce((a, b) => a + b.length, 0));
  let at = 0;
  for (const part of all) {
    out.set(part, at);
    at += part.length;
  }
  return out;
}

const bytes = (s) => new TextEncoder().encode(s);
const decoded = (entries) => entries.map(([name, data]) => [name, new TextDecoder().decode(data)]);

test("the files of a stored zip, without its directories", () => {
  const z = zip([
    { name: "pkg/" },
    { name: "pkg/__init__.pyc", data: bytes("init") },
    { name: "pkg/数据.json", data: bytes('{"a": 1}') },
    { name: "pkg-1.0.dist-info/RECORD", data: bytes("") },
  ]);
  assert.deepEqual(decoded(storedEntries(z)), [
    ["pkg/__init__.pyc", "init"],
    ["pkg/数据.json", '{"a": 1}'],
    ["pkg-1.0.dist-info/RECORD", ""],
  ]);
});

test("a zip at an offset of a larger buffer, and one with a comment after its end record", () => {
  const z = zip([{ name: "a.pyc", data: bytes("A") }], { comment: "written by a test" });
  const padded = new Uint8Array(z.length + 7);
  padded.set(z, 7);
  assert.deepEqual(decoded(storedEntries(padded.subarray(7))), [["a.pyc", "A"]]);
});

test("anything else is left to Pyodide's unzip", () => {
  assert.equal(storedEntries(zip([{ name: "a.pyc", data: bytes("x"), method: 8 }])), null, "a deflated entry");
  assert.equal(storedEntries(zip([{ name: "../evil.py", data: bytes("x") }])), null, "a name with ..");
  assert.equal(storedEntries(zip([{ name: "/etc/evil.py", data: bytes("x") }])), null, "an absolute name");
  assert.equal(storedEntries(bytes("not a zip at all, just text")), null, "no end record");
  assert.equal(storedEntries(new Uint8Array()), null, "nothing");
  const cut = zip([{ name: "a.pyc", data: bytes("0123456789") }]);
  const broken = cut.slice();
  new DataView(broken.buffer).setUint32(30 + 5 + 10 + 42, 1000, true); // the local header's offset points past the end
  assert.equal(storedEntries(broken), null, "a damaged directory");
});

test("the files are written under the folder given, each folder made once", () => {
  const calls = [];
  const FS = { mkdirTree: (dir) => calls.push(["mkdir", dir]), writeFile: (path, data) => calls.push([path, data]) };
  const entries = storedEntries(
    zip([
      { name: "pkg/a.pyc", data: bytes("a") },
      { name: "pkg/b.pyc", data: bytes("b") },
      { name: "top.pyc", data: bytes("t") },
    ]),
  );
  writeEntries(FS, "/lib/site", entries);
  assert.deepEqual(
    calls.map(([what, data]) => [what, data instanceof Uint8Array ? new TextDecoder().decode(data) : data]),
    [
      ["mkdir", "/lib/site/pkg"],
      ["/lib/site/pkg/a.pyc", "a"],
      ["/lib/site/pkg/b.pyc", "b"],
      ["mkdir", "/lib/site"],
      ["/lib/site/top.pyc", "t"],
    ],
  );
});
