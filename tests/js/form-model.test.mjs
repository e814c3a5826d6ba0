import { test } from "node:test";
import assert from "node:assert/strict";
import { readFileSync } from "node:fs";
import { join } from "node:path";
import { config, ROOT } from "./config.mjs";
import { FormModel } from "../../site_assets/js/form/model.js";
import { hasContent, joinDraft, splitDraft, splitRow, writtenPaths } from "../../site_assets/js/form/draft.js";

const model = new FormModel(config);
const example = (name) => JSON.parse(readFileSync(join(ROOT, "examples", `${name}.json`), "utf-8"));

test("ids, row labels and labels come from the config", () => {
  assert.equal(model.fieldId("basic.org_code"), "f-basic-org_code");
  assert.equal(model.fieldId("opinions.participants.2.name"), "f-opinions-participants-2-name");
  assert.equal(model.rowLabel("schedule", 1), "第 2 阶段");
  assert.equal(model.rowLabel("participants", 0), "第 1 个参加单位");
  const email = config.fields.find((f) => f.path === "basic.email");
  assert.equal(model.labelFor("basic.email"), email.label);
  const start = config.fields.find((f) => f.path === "schedule.*.start");
  assert.equal(model.labelFor("schedule.2.start"), `第 3 阶段 · ${start.label}`);
  assert.equal(model.labelFor("opinions.participants.0"), "第 1 个参加单位");
  assert.equal(model.labelFor("opinions.participants"), "参加单位");
  assert.equal(model.labelFor("goals"), config.sections.find((s) => s.key === "goals").short);
  assert.equal(model.labelFor(""), "申请书");
  assert.deepEqual(model.rowOf("opinions.participants.3.name"), { kind: "participants", index: 3 });
  assert.equal(model.rowOf("basic.email"), null);
});

test("a draft split into boxes and joined again is the same draft, unknown keys included", () => {
  const draft = example("complete");
  draft.extra_top = { kept: true };
  draft.basic.unknown_key = "x";
  draft.schedule[0].note = "kept with its row";
  const { base, singles, rows } = splitDraft(model, draft);
  const back = joinDraft(model, base, singles, rows);
  assert.deepEqual(back, draft);
});

test("a row that is not an object is kept aside, not dropped", () => {
  assert.deepEqual(splitRow(model, "participants", "not an object"), { cells: {}, extra: { _imported: "not an object" } });
  assert.deepEqual(splitRow(model, "schedule", { start: "2022-01", note: 1 }), { cells: { start: "2022-01" }, extra: { note: 1 } });
});

test("an empty draft gets the minimum rows, and every box empty", () => {
  const { singles, rows } = splitDraft(model, {});
  assert.equal(rows.schedule.length, 1);
  assert.equal(rows.participants.length, 0);
  assert.ok([...singles.values()].every((v) => v === ""));
  const draft = joinDraft(model, {}, singles, rows);
  assert.equal(draft.schema_version, config.schemaVersion);
  assert.equal(hasContent(model, draft), false);
  assert.equal(writtenPaths(model, draft).size, 0);
});

test("unfilled counts every empty required field, rows expanded", () => {
  const required = config.fields.filter((f) => f.required);
  const perRow = required.filter((f) => f.repeat === "schedule").length;
  const singles = required.filter((f) => !f.repeat).length;
  assert.equal(model.unfilled({ schedule: [{}] }).length, singles + perRow);
  assert.equal(model.unfilled({ schedule: [{}, {}] }).length, singles + 2 * perRow);
  assert.deepEqual(model.unfilled(example("complete")), []);
  const one = example("complete");
  one.basic.email = "  ";
  assert.deepEqual(model.unfilled(one), ["basic.email"]);
});

test("too many rows is refused with the row's name and the limit", () => {
  const max = config.rows.schedule.max;
  assert.equal(model.tooManyRows(example("complete")), "");
  const msg = model.tooManyRows({ schedule: Array.from({ length: max + 1 }, () => ({})) });
  assert.match(msg, new RegExp(`${max + 1} 个阶段.*最多 ${max} 个`));
});
