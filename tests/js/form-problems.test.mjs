import { test } from "node:test";
import assert from "node:assert/strict";
import { counts, isShown, remapRowPaths, targetPath } from "../../site_assets/js/form-problems.js";

const levels = { error: "错误", hint: "提示" };
const required = (path) => ({ path, code: "required", level: "错误" });
const bad = (path, level = "错误") => ({ path, code: "postcode_invalid", level });
const state = (over = {}) => ({ showAll: false, touched: new Set(), editing: new Set(), written: new Set(), ...over });

test("an untouched empty form shows no 错误: only how much is left", () => {
  const problems = [required("basic.email"), required("basic.phone"), { path: "schedule", code: "schedule_stage_missing", level: "提示" }];
  assert.deepEqual(counts(problems, state(), 33, levels), { errors: 0, hints: 0, unfilled: 33 });
});

test("required problems count once the field was left, or after 检查全部", () => {
  const problems = [required("basic.email"), required("basic.phone")];
  assert.equal(counts(problems, state({ touched: new Set(["basic.email"]) }), 2, levels).errors, 1);
  assert.equal(counts(problems, state({ showAll: true }), 2, levels).errors, 2);
});

test("problems in what was written show, except while the user is still typing there", () => {
  const p = bad("basic.postcode");
  assert.equal(isShown(p, state({ written: new Set(["basic.postcode"]) })), true); // restored or imported
  assert.equal(isShown(p, state({ written: new Set(["basic.postcode"]), editing: new Set(["basic.postcode"]) })), false);
  assert.equal(isShown(p, state()), false); // nothing written there
  // a problem about a row or list shows when something in it was written
  assert.equal(isShown(bad("schedule.0"), state({ written: new Set(["schedule.0.start"]) })), true);
  assert.equal(isShown(bad("schedule.1"), state({ written: new Set(["schedule.0.start"]) })), false);
});

test("leaving any field of a row shows the row's problems", () => {
  assert.equal(isShown(bad("schedule"), state({ touched: new Set(["schedule.0.content"]) })), true);
  assert.equal(isShown(bad("schedule.0.end"), state({ touched: new Set(["schedule.0"]) })), true);
  assert.equal(isShown(bad("schedule.1.end"), state({ touched: new Set(["schedule.0.end"]) })), false);
});

test("a problem goes to the nearest slot that exists", () => {
  const slots = new Set(["schedule", "schedule.0", "basic.email"]);
  assert.equal(targetPath("schedule.0.start", (p) => slots.has(p)), "schedule.0");
  assert.equal(targetPath("basic.email", (p) => slots.has(p)), "basic.email");
  assert.equal(targetPath("nowhere.x", (p) => slots.has(p)), "");
  assert.equal(targetPath("", (p) => slots.has(p)), "");
});

test("row paths follow a move and drop with a removed row", () => {
  const paths = new Set(["schedule.0.start", "schedule.2.end", "basic.email", "schedule.1"]);
  const removed1 = remapRowPaths(paths, "schedule", (k) => (k === 1 ? null : k > 1 ? k - 1 : k));
  assert.deepEqual([...removed1].sort(), ["basic.email", "schedule.0.start", "schedule.1.end"]);
  const swapped = remapRowPaths(new Set(["schedule.0.start"]), "schedule", (k) => (k === 0 ? 1 : k === 1 ? 0 : k));
  assert.deepEqual([...swapped], ["schedule.1.start"]);
});
