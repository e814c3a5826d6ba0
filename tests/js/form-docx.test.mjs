import { test } from "node:test";
import assert from "node:assert/strict";
import { looksLikeWord, sniffWord as sniff } from "../../site_assets/js/form/word-sniff.js";
import { config } from "./config.mjs";

const MAX = config.limits.wordBytes; // smpls.limits.WORD_BYTES
const UNCHANGED = config.messages.draftFile.unchanged;
const sniffWord = (name, head, size, max) => sniff(name, head, size, max, config.messages.word, UNCHANGED);
const bytes = (...b) => new Uint8Array(b);

test("Word, PDF and WPS files go to the Word reader; JSON does not", () => {
  assert.equal(looksLikeWord({ name: "申请书.docx", type: "" }), true);
  assert.equal(looksLikeWord({ name: "x.DOC", type: "" }), true);
  assert.equal(looksLikeWord({ name: "x.pdf", type: "application/pdf" }), true);
  assert.equal(looksLikeWord({ name: "x", type: "application/vnd.openxmlformats-officedocument.wordprocessingml.document" }), true);
  assert.equal(looksLikeWord({ name: "draft.json", type: "application/json" }), false);
});

test("a zip passes; old .doc, PDF and other bytes get a Chinese message that the draft is unchanged", () => {
  assert.deepEqual(sniffWord("a.docx", bytes(0x50, 0x4b, 3, 4), 100, MAX), { ok: true });
  const doc = sniffWord("a.docx", bytes(0xd0, 0xcf, 0x11, 0xe0, 0xa1, 0xb1, 0x1a, 0xe1), 100, MAX);
  assert.match(doc.message, /旧版 Word（\.doc）或 WPS.*另存为.*当前内容没有改变/);
  assert.match(sniffWord("a.docx", bytes(0x25, 0x50, 0x44, 0x46), 100, MAX).message, /PDF/);
  assert.match(sniffWord("a.docx", bytes(0x7b, 0x22), 100, MAX).message, /不是 Word 文档（\.docx）/);
  assert.match(sniffWord("a.docx", bytes(), 0, MAX).message, /文件是空的/);
  assert.match(sniffWord("a.docx", bytes(0x50, 0x4b, 3, 4), MAX + 1, MAX).message, /太大.*最大可读取 10 MB/);
  for (const head of [bytes(0xd0, 0xcf, 0x11, 0xe0, 0xa1, 0xb1, 0x1a, 0xe1), bytes(), bytes(0x7b)]) {
    const { message } = sniffWord("甲.docx", head, head.length, MAX);
    assert.ok(message.startsWith("“甲.docx”：") && message.endsWith(UNCHANGED), message);
  }
});
