import { test } from "node:test";
import assert from "node:assert/strict";
import { counts, isShown, remapRowPaths, sectionState, startedSections, targetPath } from "../../site_assets/js/form/problems.js";

const levels = { error: "错误", hint: "提示" };
const required = (path) => ({ path, code: "required", level: "错误" });
const bad = (path, level = "错误") => ({ path, code: "postcode_invalid", level });
const state = (over = {}) => ({ showAll: false, touched: new Set(), editing: new Set(), written: new Set(), ...over });

test("an untouched empty form shows no 错误: only how much is left", () => {
  const problems = [required("basic.email"), required("basic.phone"), { path: "schedule", code: "schedule_stage_missing", level: "提示" }];
  const empty = ["basic.email", "basic.phone", "cover.pilot_name"];
  assert.deepEqual(counts(problems, state(), empty, levels), { errors: 0, hints: 0, unfilled: 3 });
});

test("required problems count once the field was left, or after 检查全部 in a part begun; never twice", () => {
  const problems = [required("basic.email"), required("basic.phone"), required("goals.text")];
  const empty = ["basic.email", "basic.phone", "goals.text"];
  const left = counts(problems, state({ touched: new Set(["basic.email"]) }), empty, levels);
  assert.deepEqual(left, { errors: 1, hints: 0, unfilled: 2 }); // the email is an 错误, not also 未填
  const all = counts(problems, state({ showAll: true, written: new Set(["basic.unit_name"]) }), empty, levels);
  assert.deepEqual(all, { errors: 2, hints: 0, unfilled: 1 }); // 三 (goals) is not begun: not listed
});

test("检查全部 lists only the parts begun: written, typed in or left", () => {
  const problems = [required("cover.pilot_name"), required("goals.text"), required("opinions.participants.0.name")];
  const shown = (over) => problems.filter((p) => isShown(p, state({ showAll: true, ...over }))).map((p) => p.path);
  assert.deepEqual(shown({}), []); // nothing begun: nothing to list (the task list says 未开始)
  assert.deepEqual(shown({ written: new Set(["cover.period_start"]) }), ["cover.pilot_name"]);
  assert.deepEqual(shown({ touched: new Set(["goals.text"]) }), ["goals.text"]);
  assert.deepEqual(shown({ editing: new Set(["opinions.management_unit"]) }), ["opinions.participants.0.name"]);
  // a problem about the whole 申请书 (no part) is listed
  assert.equal(isShown({ path: "", code: "x", level: "错误" }, state({ showAll: true })), true);
  const started = startedSections(state({ written: new Set(["schedule.0.start"]), touched: new Set(["basic.email"]) }));
  assert.deepEqual([...started].sort(), ["basic", "schedule"]);
});

test("advice about the schedule waits for something written in it", () => {
  const stage = { path: "schedule", code: "schedule_stage_missing", level: "提示" };
  const tooLong = { path: "goals.text", code: "too_long", level: "提示" };
  assert.equal(isShown(stage, state({ showAll: true, touched: new Set(["schedule.0.start"]) })), false);
  assert.equal(isShown(stage, state({ showAll: true, written: new Set(["schedule.0.content"]) })), true);
  assert.equal(isShown(stage, state({ written: new Set(["schedule.0.content"]) })), true);
  // while typing, advice waits until the field is left (or 检查全部)
  assert.equal(isShown(tooLong, state({ written: new Set(["goals.text"]), editing: new Set(["goals.text"]) })), false);
  assert.equal(isShown(tooLong, state({ showAll: true, written: new Set(["goals.text"]), editing: new Set(["goals.text"]) })), true);
});

test("a part's state in the task list", () => {
  const problems = [required("basic.email"), bad("cover.pilot_name")];
  const base = { started: new Set(["basic", "cover"]), result: { problems }, problems, shown: [problems[1]], levels };
  assert.equal(sectionState("goals", base), "未开始");
  assert.equal(sectionState("basic", { ...base, result: null }), "填写中");
  assert.equal(sectionState("basic", base), "填写中"); // its 错误 is not shown yet
  assert.equal(sectionState("cover", base), "有问题");
  assert.equal(sectionState("cover", { ...base, problems: [], shown: [] }), "已完成");
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
