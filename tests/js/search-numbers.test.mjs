// site_assets/search/numbers.js: the other spelling of a number word and the cutting of queries into index words
// (the built worker with the real index is tested by tests/site/test_search_recall.py).
import { test } from "node:test";
import assert from "node:assert/strict";
import { createRequire } from "node:module";

const require = createRequire(import.meta.url);
const { chineseValue, chineseNumeral, otherSpellings, segmentQuery } = require("../../site_assets/search/numbers.js");

test("Chinese numerals read and written", () => {
  const pairs = [[0, "〇"], [4, "四"], [10, "十"], [12, "十二"], [20, "二十"], [31, "三十一"], [105, "一百零五"],
    [1000, "一千"], [2000, "二千"], [6000, "六千"], [10010, "一万零一十"]];
  for (const [n, cn] of pairs) {
    assert.equal(chineseNumeral(n), cn);
    assert.equal(chineseValue(cn), n);
  }
  assert.equal(chineseValue("二〇二一"), 2021);
  assert.equal(chineseValue("两"), 2);
  assert.equal(chineseValue("式"), null);
});

test("a number word and its other spelling", () => {
  assert.deepEqual(otherSpellings("12月"), ["十二月"]);
  assert.deepEqual(otherSpellings("20日"), ["二十日"]);
  assert.deepEqual(otherSpellings("31号"), ["三十一号"]);
  assert.deepEqual(otherSpellings("4份"), ["四份"]);
  assert.deepEqual(otherSpellings("2021年"), ["二〇二一年", "二零二一年"]);
  assert.deepEqual(otherSpellings("四份"), ["4份"]);
  assert.deepEqual(otherSpellings("八批"), ["8批"]);
  assert.deepEqual(otherSpellings("二〇二一年"), ["2021年"]);
  assert.deepEqual(otherSpellings("两个"), ["2个"]);
  for (const word of ["一式", "统一", "十分", "82261006", "第", "12"]) assert.deepEqual(otherSpellings(word), [], word);
});

test("a query is cut into index words, numbers with their unit required", () => {
  const known = (w) => ["一式", "营商", "环境", "第", "八批", "统一", "年度", "一", "式"].includes(w);
  assert.equal(segmentQuery("12月20日", known), "+12月 +20日");
  assert.equal(segmentQuery("2021年12月20日", known), "+2021年 +12月 +20日");
  assert.equal(segmentQuery("十二月二十日", known), "+十二月 +二十日");
  assert.equal(segmentQuery("一式4份", known), "一式 +4份");
  assert.equal(segmentQuery("一式四份", known), "一式 +四份");
  assert.equal(segmentQuery("第八批", known), "第 +八批");
  assert.equal(segmentQuery("第八批", (w) => ["第", "第八", "批"].includes(w)), "第 +八批");
  assert.equal(segmentQuery("近三年", known), "近 +三年");
  assert.equal(segmentQuery("第3条", known), "第 +3条");
  assert.equal(segmentQuery("营商环境", known), "营商 环境");
  assert.equal(segmentQuery("统一年度", known), "统一 年度");
  assert.equal(segmentQuery("国标委发〔2021〕31号", known), "国 标 委 发 〔2021〕 +31号");
  assert.equal(segmentQuery("010-82261006", known), "010-82261006");
  assert.equal(segmentQuery("-12月 营商", known), "-12月 营商");
  assert.equal(segmentQuery("  ", known), "");
});
