import { test } from "node:test";
import assert from "node:assert/strict";
import { config } from "./config.mjs";
import { draftFileName, safeName } from "../../site_assets/js/form-names.js";

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
