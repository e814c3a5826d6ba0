import { test } from "node:test";
import assert from "node:assert/strict";
import { config, pythonJson } from "./config.mjs";
import { draftFileName, draftUnit, safeName } from "../../site_assets/js/form/names.js";

const rule = config.fileName;

test("direction marks and characters Windows refuses are replaced, as in docx_filename", () => {
  assert.equal(safeName("临湖\u202Egpj.exe", rule), "临湖_gpj.exe");
  for (const ch of ["\u200e", "\u200f", "\u202a", "\u2066", "\u2069", "/", "\\", ":", "*", "?", '"', "<", ">", "|", "\u0007"]) {
    assert.equal(safeName(`a${ch}b`, rule), "a_b", JSON.stringify(ch));
  }
  assert.equal(safeName("a\ud800b", rule), "a_b"); // a lone surrogate
  assert.equal(safeName("😀 ok", rule), "😀 ok"); // a pair is one character, kept
  assert.equal(safeName("  ._x  y._ ", rule), "x y");
  assert.equal(safeName("", rule), "");
});

test("long names are cut to the byte limit at a character boundary", () => {
  const name = safeName("标".repeat(200), rule);
  assert.ok(new TextEncoder().encode(name).length <= rule.maxBytes);
  assert.equal(name, "标".repeat(Math.floor(rule.maxBytes / 3)));
  // 100,000 characters (a hostile unit name) are cut at once, not one character at a time
  assert.equal(safeName("长".repeat(100_000), rule), "长".repeat(Math.floor(rule.maxBytes / 3)));
});

test("the JSON draft's name", () => {
  assert.equal(draftFileName("临湖市\u202E政务服务管理局", "2026-11-20", rule), `${rule.draft}-临湖市_政务服务管理局-2026-11-20.json`);
  assert.equal(draftFileName("", "2026-11-20", rule), `${rule.draft}-2026-11-20.json`);
  assert.equal(draftFileName("///", "2026-11-20", rule), `${rule.draft}-2026-11-20.json`);
});

test("safeName gives what smpls.docx.safe_name gives, name for name", () => {
  const names = [
    "临湖市政务服务综合标准化试点", "临湖\u202Egpj.exe", "  ._x  y._ ", "a\ufeffb", "a\u3000\u3000b", "a\u0085b",
    "a\tb\nc", "CON", "a/b\\c:d*e?f\"g<h>i|j", "\u2066x\u2069", "😀 ok", "标".repeat(200), "a".repeat(199) + "标",
    ". . .", "x.", "", "名称\u00a0\u2003末尾 . ",
  ];
  const script = "import json, sys; from smpls.docx import safe_name; print(json.dumps([safe_name(n) for n in json.load(sys.stdin)]))";
  const expected = pythonJson(script, names);
  assert.deepEqual(names.map((n) => safeName(n, rule)), expected);
});

test("the JSON draft is named as smpls.docx.draft_filename names it, draft for draft", () => {
  const [first, second] = rule.unitFrom.map((p) => p.split("."));
  const put = (path, value) => ({ [path[0]]: { [path[1]]: value } });
  const drafts = [
    {}, put(first, "临湖市政务服务管理局"), put(second, "临湖/市"), { ...put(first, ""), ...put(second, "保底单位") },
    { ...put(first, "甲"), ...put(second, "乙") }, put(first, "长".repeat(100)), put(first, "  "), put(second, "a\u202eb"),
  ];
  const script =
    "import json, sys; from smpls.docx import draft_filename; print(json.dumps([draft_filename(d, '2026-11-20') for d in json.load(sys.stdin)]))";
  const expected = pythonJson(script, drafts);
  assert.deepEqual(drafts.map((d) => draftFileName(draftUnit(d, rule).trim(), "2026-11-20", rule)), expected);
});
