import { test } from "node:test";
import assert from "node:assert/strict";
import { pack, unpack } from "../../site_assets/js/runtime/snapshot.js";

function memory(length, fill) {
  const bytes = new Uint8Array(length);
  for (const [at, value] of fill) bytes[at] = value;
  return bytes;
}

test("a snapshot comes back byte for byte, its zero pages left out of what is stored", () => {
  const bytes = memory(10 * 4096 + 123, [[5, 1], [3 * 4096 + 4095, 2], [10 * 4096 + 122, 3]]); // last page partial
  const stored = pack(bytes);
  assert.ok(stored.length < 4 * 4096, `stored ${stored.length} bytes for 3 pages that are not zero`);
  assert.deepEqual(unpack(stored), bytes);
  assert.deepEqual(unpack(pack(new Uint8Array(4096 * 3))), new Uint8Array(4096 * 3));
  const busy = new Uint8Array(3 * 4096 + 1).map((_, i) => (i * 7 + 1) & 255);
  assert.deepEqual(unpack(pack(busy)), busy);
});

test("a snapshot is unpacked into memory made beforehand, of its size only", () => {
  const bytes = memory(3 * 4096, [[5, 1], [2 * 4096 + 3, 2]]);
  const out = new Uint8Array(bytes.length);
  assert.equal(unpack(pack(bytes), out), out);
  assert.deepEqual(out, bytes);
  assert.throws(() => unpack(pack(bytes), new Uint8Array(bytes.length + 1)), /not of the size/);
});

test("what is not a stored snapshot is refused, not started", () => {
  const stored = pack(memory(3 * 4096, [[1, 9], [2 * 4096, 9]]));
  assert.throws(() => unpack(new Uint8Array(8)), /not a stored snapshot/);
  assert.throws(() => unpack(new TextEncoder().encode("garbage that is long enough")), /not a stored snapshot/);
  assert.throws(() => unpack(stored.subarray(0, stored.length - 1)), /cut short/);
  const longer = new Uint8Array(stored.length + 1);
  longer.set(stored);
  assert.throws(() => unpack(longer), /left over/);
});
