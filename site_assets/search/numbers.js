// Numbers and dates in the site search (issue 22). site_assets/hooks/search.py puts this file in front of
// mkdocs-material's own search worker (same worker, same UI; only a new file name). It does two things:
//
// 1. Index: a number with its unit (12月, 20日, 2021年, 31号, 4份, 3条, 八批, 四份) is one word in the index
//    (search.py joins it at build time) and gets its other spelling as a second word at the same place:
//    12月 and 十二月, 4份 and 四份, 2021年 and 二〇二一年. So either spelling in a query finds the text as written,
//    and the theme highlights the text as written.
// 2. Query: before the theme reads a query, it is cut into the index's words (the longest known words, numbers
//    with their unit as one word), e.g. 2021年12月20日 -> "2021年 12月 20日", 一式四份 -> "一式 四份". The theme's
//    own cutting of Chinese text (which never tries a run's last character and so loses it) is turned off
//    by answering "not a word" to it; lunr itself reads the index by key, never asks "is it a word".
(function (scope) {
  "use strict";

  const CN_DIGITS = "〇一二三四五六七八九";
  const CN_NUMERALS = "〇零一二两三四五六七八九十百千万";
  // measure words and date units that follow a number in the notice and the guidance (not 分: 十分 is "very")
  const UNITS = "年月日号时份条款项章节个家类批次位名人岁天周页张本册件届期级倍字元";
  const NUMBER_WORD = new RegExp(`^(\\d+|[${CN_NUMERALS}]+)([${UNITS}])$`);
  const NUMBER_AT = new RegExp(`^(?:\\d+|[${CN_NUMERALS}]+)[${UNITS}]`);
  const DIGITS_AT = /^\d+/;
  const HAN = /[\u3007\u4e00-\u9fff]/;

  /** The value of a Chinese numeral (二十, 三十一, 一百零五, 二〇二一), or null if it is not one. */
  function chineseValue(text) {
    if (/^[〇零一二三四五六七八九]{2,}$/.test(text)) {
      return Number([...text].map((c) => (c === "零" ? 0 : CN_DIGITS.indexOf(c))).join(""));
    }
    const digit = (c) => (c === "两" ? 2 : c === "零" ? 0 : CN_DIGITS.indexOf(c));
    const power = { 十: 10, 百: 100, 千: 1000, 万: 10000 };
    let total = 0;
    let section = 0;
    let number = -1;
    for (const c of text) {
      if (c in power) {
        const p = power[c];
        if (p === 10000) {
          total = (section + Math.max(number, 0)) * p;
          section = 0;
        } else {
          section += (number < 0 ? 1 : number) * p;
        }
        number = -1;
      } else {
        const d = digit(c);
        if (d < 0) return null;
        number = d;
      }
    }
    return total + section + Math.max(number, 0);
  }

  /** A number in Chinese numerals as written in running text: 12 -> 十二, 31 -> 三十一, 105 -> 一百零五. */
  function chineseNumeral(n) {
    if (n === 0) return "〇";
    if (n >= 100000) return null;
    const names = ["", "十", "百", "千", "万"];
    const digits = String(n).split("").map(Number);
    let out = "";
    let zero = false;
    digits.forEach((d, i) => {
      const place = digits.length - 1 - i;
      if (d === 0) {
        zero = out !== "";
        return;
      }
      if (zero) out += "零";
      zero = false;
      out += (d === 1 && place === 1 && out === "" ? "" : CN_DIGITS[d]) + names[place];
    });
    return out;
  }

  /** The other spellings of a number word: 12月 -> [十二月], 四份 -> [4份], 2021年 -> [二〇二一年, 二零二一年]. */
  function otherSpellings(word) {
    const m = NUMBER_WORD.exec(word);
    if (!m) return [];
    const [, number, unit] = m;
    if (/^\d+$/.test(number)) {
      const n = Number(number);
      const out = [];
      if (unit === "年" && number.length === 4) {
        const each = [...number].map((c) => CN_DIGITS[Number(c)]).join("");
        out.push(each + unit, each.replaceAll("〇", "零") + unit);
      } else if (!number.startsWith("0") || number === "0") {
        const cn = chineseNumeral(n);
        if (cn) out.push(cn + unit);
      }
      return out;
    }
    const value = chineseValue(number);
    return value === null ? [] : [`${value}${unit}`];
  }

  /** Cut a run of Chinese characters and digits into index words: fewest pieces, known words first. */
  function cut(run, known) {
    const n = run.length;
    const best = new Array(n + 1).fill(null);
    best[n] = { cost: 0, pieces: [] };
    for (let i = n - 1; i >= 0; i--) {
      const options = [];
      const rest = run.slice(i);
      const number = NUMBER_AT.exec(rest);
      if (number) options.push([number[0].length, 0.9]); // 第|八批 before 第八|批
      const digits = DIGITS_AT.exec(rest);
      if (digits) options.push([digits[0].length, 1]);
      for (let j = n; j > i + 1; j--) if (known(run.slice(i, j))) options.push([j - i, 1]);
      options.push([1, known(run[i]) ? 1 : 2]);
      for (const [length, cost] of options) {
        const next = best[i + length];
        if (!next) continue;
        const total = cost + next.cost;
        if (!best[i] || total < best[i].cost) best[i] = { cost: total, pieces: [run.slice(i, i + length), ...next.pieces] };
      }
    }
    return best[0].pieces;
  }

  /** The query with its Chinese and digit runs cut into index words, separated by spaces. A number word must be
   *  in the results (lunr's "+"): 2021年11月4日 finds the pages with that date, not every page with 2021年. A "+" or
   *  "-" typed before a run applies to each of its words. */
  function segmentQuery(query, known) {
    return query
      .split(/(\s+)/)
      .map((part) => {
        if (!HAN.test(part)) return part;
        const sign = /^[+-]/.test(part) ? part[0] : "";
        const rest = sign ? part.slice(1) : part;
        const words = (run) => cut(run, known).map((w) => (sign ? sign + w : NUMBER_WORD.test(w) ? `+${w}` : w));
        return rest.replace(/[\u3007\u4e00-\u9fff\d]+/g, (run) => (HAN.test(run) ? ` ${words(run).join(" ")} ` : run));
      })
      .join("")
      .replace(/\s+/g, " ")
      .trim();
  }

  const api = { chineseValue, chineseNumeral, otherSpellings, cut, segmentQuery };
  if (typeof module !== "undefined" && module.exports) module.exports = api;
  if (typeof scope.addEventListener !== "function") return;

  // ---- inside the theme's search worker ----
  let words = null; // the index's own word list (the inverted index)
  const known = (word) => words !== null && word in words;

  function patchLunr(lunr) {
    if (lunr.smplsNumbers) return;
    lunr.smplsNumbers = api;
    const addSpellings = (token) => {
      const others = otherSpellings(token.toString());
      return others.length ? [token, ...others.map((word) => token.clone(() => word))] : token;
    };
    lunr.Pipeline.registerFunction(addSpellings, "smplsNumbers");
    const add = lunr.Builder.prototype.add;
    lunr.Builder.prototype.add = function (doc, attributes) {
      if (!this.pipeline._stack.includes(addSpellings)) this.pipeline.add(addSpellings);
      return add.call(this, doc, attributes);
    };
    const build = lunr.Builder.prototype.build;
    lunr.Builder.prototype.build = function () {
      const index = build.call(this);
      words = index.invertedIndex;
      // the theme's query cutting asks `word in index`: "no" keeps each piece cut here whole
      index.invertedIndex = new Proxy(words, { has: () => false });
      return index;
    };
  }

  // Registered before the theme's own listener (this file comes first), so it sees each message first.
  scope.addEventListener("message", (event) => {
    const message = event.data;
    if (!message || typeof message !== "object") return;
    if (message.type === 0 && scope.lunr) patchLunr(scope.lunr); // SETUP: the theme builds its index next
    if (message.type === 2 && typeof message.data === "string" && words !== null) {
      message.data = segmentQuery(message.data, known); // QUERY
    }
  });
})(typeof self !== "undefined" ? self : globalThis);
