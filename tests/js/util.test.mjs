import { test } from "node:test";
import assert from "node:assert/strict";
import { formatTime, isObj, text } from "../../site_assets/js/lib/util.js";

test("isObj, text and formatTime", () => {
  assert.equal(isObj({}), true);
  assert.equal(isObj([]), false);
  assert.equal(isObj(null), false);
  assert.equal(text(null), "");
  assert.equal(text(12), "12");
  assert.equal(text({ a: 1 }), '{"a":1}');
  assert.equal(formatTime("not a date"), "");
  assert.match(formatTime("2026-11-20T08:05:00Z"), /^2026-11-2\d \d\d:05$/);
});
