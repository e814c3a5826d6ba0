// readDraftFile (site_assets/js/form/draft-file.js), the pure check of a file chosen or dropped on the form page, with
// File objects made in Node: every broken and every hostile file. What the page then does with the result (the
// note, the draft kept, undo, the row limit, a prototype not polluted) is tested in Chromium once
// (tests/site/test_form_import.py, tests/site/test_hostile.py::test_hostile_files_in_the_page).
//
// Run: node --test tests/js/

import { test } from "node:test";
import assert from "node:assert/strict";
import { readFileSync } from "node:fs";

import { readDraftFile } from "../../site_assets/js/form/draft-file.js";
import { config } from "./config.mjs";

// The named example gives the current schema version and the sections, as the page's config does.
const COMPLETE = JSON.parse(readFileSync(new URL("../../examples/complete.json", import.meta.url), "utf8"));
const SCHEMA_VERSION = COMPLETE.schema_version;
const SECTION_KEYS = Object.keys(COMPLETE).filter((k) => k !== "schema_version");
const MAX_BYTES = config.limits.draftBytes; // the page's limit (smpls.limits.DRAFT_BYTES)
const OPTS = { maxBytes: MAX_BYTES, schemaVersion: SCHEMA_VERSION, sectionKeys: SECTION_KEYS, messages: config.messages.draftFile };
const UNCHANGED = "当前内容没有改变";
const CJK = /[\u4e00-\u9fff]/;

const enc = (text) => new TextEncoder().encode(text);
const json = (value) => enc(JSON.stringify(value, null, 2));
const file = (name, bytes, type = "application/json") => new File([bytes], name, { type });
const read = (name, bytes, type) => readDraftFile(file(name, bytes, type), OPTS);

async function refused(name, bytes, type, words) {
  const res = await read(name, bytes, type);
  assert.equal(res.ok, false, `${name} should be refused`);
  assert.deepEqual(Object.keys(res).sort(), ["message", "ok"]);
  assert.ok(res.message.includes(words), `${res.message} should say ${words}`);
  assert.ok(res.message.includes(UNCHANGED), res.message);
  assert.ok(res.message.includes(`“${name}”`), `the message names the file: ${res.message}`);
  return res.message;
}

async function accepted(name, bytes, type) {
  const res = await read(name, bytes, type);
  assert.equal(res.ok, true, res.message);
  assert.deepEqual(Object.keys(res).sort(), ["draft", "note", "ok", "version"]);
  return res;
}

// ------------------------------------------------------------------ good files

test("a draft saved by the page is read as it is", async () => {
  const res = await accepted("complete.json", json(COMPLETE));
  assert.deepEqual(res.draft, COMPLETE);
  assert.equal(res.version, SCHEMA_VERSION);
  assert.equal(res.note, "");
});

test("the file's type may be empty or text/plain, and the name need not end in .json if the type is JSON", async () => {
  await accepted("草稿.json", json(COMPLETE), "");
  await accepted("草稿.JSON", json(COMPLETE), "text/plain");
  await accepted("草稿", json(COMPLETE), "application/json");
});

test("an older version is handed on with its number, for the page to migrate", async () => {
  const res = await accepted("旧版.json", json({ schema_version: 0, pilot: { name: "x" } }));
  assert.equal(res.version, 0);
  const text = await accepted("文本版本.json", enc('{"schema_version": " 1 ", "cover": {}}'));
  assert.equal(text.version, 1);
});

test("a file without a version but with a known part is read as the current version, with a note", async () => {
  const res = await accepted("无版本.json", json({ cover: { pilot_name: "临湖" } }));
  assert.equal(res.version, SCHEMA_VERSION);
  assert.ok(res.note.includes("没有版本号"), res.note);
});

// ------------------------------------------------------------------ broken files (were test_broken_files_leave_the_draft_untouched)

const BROKEN = [
  ["malformed", "坏了.json", enc('{"schema_version": 1, "cover": {"x": "y",'), "application/json", "JSON 格式有错"],
  [
    "oversized",
    "太大.json",
    enc(`{"schema_version": 1, "cover": {"pilot_name": "${"x".repeat(MAX_BYTES + 10)}"}}`),
    "application/json",
    "不能超过 2 MB",
  ],
  ["wrong type", "照片.png", new Uint8Array([0x89, 0x50, 0x4e, 0x47, 13, 10, 26, 10, 0, 0, 0, 13]), "image/png", "不是 JSON 文件"],
  ["binary named json", "草稿.json", new Uint8Array([0x50, 0x4b, 3, 4, 0, 0, 8, 0]), "application/json", "无法按 UTF-8 读取"],
  ["newer version", "新版.json", json({ ...COMPLETE, schema_version: SCHEMA_VERSION + 1 }), "application/json", "较新版本"],
  ["not an object", "数组.json", enc("[1, 2, 3]"), "application/json", "不是申请书草稿"],
  ["bad version", "版本.json", json({ ...COMPLETE, schema_version: "一" }), "application/json", "版本号"],
  ["empty", "空.json", new Uint8Array(), "application/json", "空文件"],
  ["unrelated json", "别的.json", enc('{"name": "package", "version": "1.0"}'), "application/json", "不像是本页"],
];

for (const [kind, name, bytes, type, words] of BROKEN) {
  test(`broken file refused with a Chinese message: ${kind}`, async () => {
    await refused(name, bytes, type, words);
  });
}

test("a JSON error names the line", async () => {
  const message = await refused("三行.json", enc('{\n  "schema_version": 1,\n  "cover": {,}\n}'), "application/json", "格式有错");
  assert.ok(message.includes("第 3 行附近"), message);
});

test("the size limit is the one given, said in MB", async () => {
  const message = await refused("大.json", new Uint8Array(3 * 1024 * 1024 + 5), "application/json", "太大");
  assert.ok(message.includes("（3.00 MB）") && message.includes("不能超过 2 MB"), message);
  const small = await readDraftFile(file("小.json", json(COMPLETE)), { ...OPTS, maxBytes: 100 });
  assert.equal(small.ok, false);
  assert.ok(small.message.includes("KB") && small.message.includes(UNCHANGED), small.message);
});

// ------------------------------------------------------------------ hostile files (were test_hostile_json_files)

const bytesOf = (...parts) => new Uint8Array(parts.flatMap((p) => [...p]));
const utf16 = (text) => bytesOf([0xff, 0xfe], ...[...text].map((ch) => [ch.charCodeAt(0) & 0xff, ch.charCodeAt(0) >> 8]));
const deep = (levels) => `{"schema_version": 1, "cover": {"pilot_name": ${"[".repeat(levels)}${"]".repeat(levels)}}}`;

// [case, bytes, expected]: "imported", "any" (either, but never a throw) or a word of the refusal.
const HOSTILE = [
  // "临湖" in GBK is C1 D9 BA FE
  ["non-UTF-8 (GBK)", bytesOf(enc('{"schema_version": 1, "cover": {"pilot_name": "'), [0xc1, 0xd9, 0xba, 0xfe], enc('"}}')), "UTF-8"],
  ["BOM", enc(`\ufeff${JSON.stringify({ schema_version: 1, cover: { pilot_name: "带BOM" } })}`), "imported"],
  ["UTF-16 with BOM", utf16('{"schema_version": 1}'), "UTF-8"],
  ["truncated JSON", enc('{"schema_version": 1, "cover": {"pilot_name": "临'), "格式有错"],
  ["cut inside a character", bytesOf(enc('{"schema_version": 1, "cover": {"pilot_name": "'), [0xe4, 0xb8]), "UTF-8"],
  ["broken JSON", enc('{"schema_version": 1, "cover": {"pilot_name": "a",,}}'), "格式有错"],
  ["top-level array", enc("[1, 2, 3]"), "不是申请书草稿"],
  ["top-level string", enc('"<img src=x onerror=__xss(1)>"'), "不是申请书草稿"],
  ["null", enc("null"), "不是申请书草稿"],
  ["empty file", new Uint8Array(), "空文件"],
  ["NUL bytes", enc('{"schema_version": 1}\u0000\u0000'), "UTF-8"],
  ["newer version", enc('{"schema_version": 999, "cover": {}}'), "较新版本"],
  ["version as text", enc('{"schema_version": "<b>1</b>", "cover": {}}'), "版本号"],
  ["no known part", enc('{"hello": "world"}'), "没有申请书的任何部分"],
  [
    "__proto__ keys",
    enc(
      '{"schema_version": 1, "__proto__": {"polluted": "yes"}, "constructor": {"prototype": {"polluted": "yes"}},' +
        ' "cover": {"__proto__": {"polluted": "yes"}, "pilot_name": "原型"},' +
        ' "schedule": [{"__proto__": {"polluted": "yes"}, "content": "x"}]}',
    ),
    "imported",
  ],
  ["deep nesting (20,000 levels)", enc(deep(20_000)), "any"],
  [
    "wrong types",
    json({
      schema_version: 1,
      cover: { pilot_name: 12345, period_start: true, undertaking_unit: null },
      basic: ["not", "an", "object"],
      schedule: { 0: { content: "x" } },
      opinions: "text",
      goals: { text: { nested: [1, 2] } },
      funding: { directions: [1.5e308, -0] },
    }),
    "imported",
  ],
  // read here; the page then refuses it for its row limit ("最多"), tested in the browser
  ["huge array in a list (200,000 rows)", enc(`{"schema_version": 1, "schedule": [${Array(200_000).fill("{}").join(",")}]}`), "imported"],
  [
    "huge unknown array",
    enc(`{"schema_version": 1, "cover": {"pilot_name": "大数组"}, "extra": [${Array(300_000).fill("0").join(",")}]}`),
    "imported",
  ],
  ["over 2 MB", enc(`{"schema_version": 1, "cover": {"pilot_name": "${"a".repeat(2_200_000)}"}}`), "太大"],
];

for (const [kind, bytes, expected] of HOSTILE) {
  test(`hostile file: ${kind}`, async () => {
    const name = `${kind}.json`;
    if (expected === "imported") {
      await accepted(name, bytes);
    } else if (expected === "any") {
      const res = await read(name, bytes);
      if (!res.ok) assert.ok(CJK.test(res.message) && res.message.includes(UNCHANGED), res.message);
    } else {
      await refused(name, bytes, "application/json", expected);
    }
    // nothing leaked into the prototypes
    assert.equal({}.polluted, undefined);
    assert.equal(Object.prototype.polluted, undefined);
  });
}

test("hostile files: what is read is exactly what the file holds", async () => {
  const bom = await accepted("bom.json", HOSTILE.find(([k]) => k === "BOM")[1]);
  assert.equal(bom.draft.cover.pilot_name, "带BOM");
  const proto = await accepted("proto.json", HOSTILE.find(([k]) => k === "__proto__ keys")[1]);
  // JSON.parse makes "__proto__" an own key holding plain data: the draft's prototype is Object.prototype
  assert.equal(Object.getPrototypeOf(proto.draft), Object.prototype);
  assert.ok(Object.prototype.hasOwnProperty.call(proto.draft, "__proto__"));
  assert.equal(proto.draft.polluted, undefined);
  assert.equal(proto.draft.cover.pilot_name, "原型");
  const rows = await accepted("rows.json", HOSTILE.find(([k]) => k.startsWith("huge array in a list"))[1]);
  assert.equal(rows.draft.schedule.length, 200_000);
});

test("the name in a message is the file's own, shown as text by the page", async () => {
  const name = "<img src=x onerror=__xss('name')>.json";
  const message = await refused(name, enc("[]"), "application/json", "不是申请书草稿");
  assert.ok(message.startsWith(`“${name}”`), message);
});
