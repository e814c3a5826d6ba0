import { test } from "node:test";
import assert from "node:assert/strict";
import { join } from "node:path";
import { readablePart, recoverDraft } from "../../site_assets/js/lib/draft-recover.js";
import { changedPaths } from "../../site_assets/js/form/draft.js";
import { FormModel } from "../../site_assets/js/form/model.js";
import { readFileSync } from "node:fs";
import { ROOT, config } from "./config.mjs";

const COMPLETE = JSON.parse(readFileSync(join(ROOT, "examples", "complete.json"), "utf-8"));
const STORED = JSON.stringify({ savedAt: "2026-11-20T08:00:00Z", draft: COMPLETE });

test("a whole text is read as it is", () => {
  assert.deepEqual(readablePart(STORED), JSON.parse(STORED));
  assert.deepEqual(recoverDraft(STORED), { savedAt: "2026-11-20T08:00:00Z", draft: COMPLETE, whole: true });
});

test("a text cut anywhere gives back the values written before the cut, and nothing half-written", () => {
  for (let end = 1; end < STORED.length; end += 7) {
    const cut = STORED.slice(0, end);
    const got = readablePart(cut);
    assert.notEqual(got, undefined, `nothing read from a cut at ${end}`);
    // every string read whole is a string of the original, at the same place
    const walk = (part, whole, where) => {
      if (Array.isArray(part)) part.forEach((v, i) => walk(v, whole[i], `${where}.${i}`));
      else if (part && typeof part === "object") for (const k of Object.keys(part)) walk(part[k], whole[k], `${where}.${k}`);
      else assert.equal(part, whole, `cut at ${end}: ${where}`);
    };
    walk(got, JSON.parse(STORED), "");
  }
});

test("a draft cut at 60 % keeps the cover and most of the fields", () => {
  const cut = STORED.slice(0, Math.floor(STORED.length * 0.6));
  const got = recoverDraft(cut);
  assert.equal(got.whole, false);
  assert.equal(got.savedAt, "2026-11-20T08:00:00Z");
  assert.deepEqual(got.draft.cover, COMPLETE.cover);
  assert.deepEqual(got.draft.basic, COMPLETE.basic);
});

test("a value cut inside a string or a number is left out, not kept half", () => {
  assert.deepEqual(readablePart('{"a": "whole", "b": "hal'), { a: "whole" });
  assert.deepEqual(readablePart('{"a": [1, 2, 3'), { a: [1, 2] });
  assert.deepEqual(readablePart('{"a": {"b": 1}, "c"'), { a: { b: 1 } });
  assert.deepEqual(readablePart('{"a": "x\\"y", "b": tr'), { a: 'x"y' });
  assert.deepEqual(readablePart('{"a": 1} trailing'), { a: 1 });
  assert.deepEqual(readablePart('{"a": 1, "b": x, "c": 2}'), { a: 1 });
});

test("text with no draft in it gives nothing", () => {
  for (const bad of ["", "not json", "]", '"a string"', "12", '{"savedAt": "2026-11-20T08:00:00Z"', "[1, 2"]) {
    assert.equal(recoverDraft(bad), null, bad);
  }
  assert.deepEqual(recoverDraft('{"cover": {"pilot_name": "x"'), { savedAt: "", draft: { cover: { pilot_name: "x" } }, whole: false });
});

test("changedPaths names the fields whose shown text differs", () => {
  const model = new FormModel(config);
  const other = structuredClone(COMPLETE);
  other.cover.pilot_name = "乙市政务服务综合标准化试点";
  other.schedule[0].content = "别的内容";
  assert.deepEqual(changedPaths(model, COMPLETE, other).sort(), ["cover.pilot_name", "schedule.0.content"].sort());
  assert.deepEqual(changedPaths(model, COMPLETE, structuredClone(COMPLETE)), []);
});
