// The form's fields, rows and levels as the build wrote them (the page config from site_assets/hooks/form.py,
// derived from smpls.fields). Pure: no DOM. Everything about a path (its element id, its label, its row) is
// answered here from the config, never re-encoded elsewhere in JavaScript.
import { isObj, text } from "../lib/util.js";
import { fill } from "./text.js";

export class FormModel {
  /** @param {object} config the parsed #smpls-form-config */
  constructor(config) {
    this.config = config;
    this.fields = config.fields;
    this.sections = config.sections;
    this.levels = config.levels;
    this.words = config.words; // the page's own words, per component (site_assets/templates/form/words.toml)
    this.rows = config.rows; // {kind: {list, title, label, max, min}}
    this.kinds = Object.keys(this.rows);
    this.singles = this.fields.filter((f) => !f.repeat);
    this.rowFields = Object.fromEntries(this.kinds.map((k) => [k, this.fields.filter((f) => f.repeat === k)]));
    this.byPath = new Map(this.fields.map((f) => [f.path, f]));
  }

  /** Element id of a field (its first radio for a choice), a row or a section's message slot. */
  fieldId(path) {
    const { prefix, sep } = this.config.fieldId;
    return prefix + String(path).split(".").join(sep);
  }

  /** The id of a part of the page by the config's id scheme: ("section", "basic") -> "sec-basic". */
  idOf(which, key = "") {
    return fill(this.config.ids[which], { key });
  }

  /** Whether a value is a month as a draft stores it ("2022-03"). */
  isStoredMonth(value) {
    return new RegExp(this.config.yearMonth.stored).test(String(value));
  }

  /** A stored month as people write it ("2022-03" -> "2022年3月"); anything else as it is. */
  showMonth(value) {
    const v = String(value);
    return this.isStoredMonth(v) ? fill(this.config.yearMonth.display, { year: v.slice(0, 4), month: Number(v.slice(5, 7)) }) : v;
  }

  /** "第 2 阶段" for (schedule, 1). */
  rowLabel(kind, index) {
    return this.rows[kind].label.replace("{n}", String(index + 1));
  }

  /** Concrete path of a row cell: ("schedule", 2, "start") -> "schedule.2.start". */
  rowPath(kind, index, name) {
    return `${this.rows[kind].list}.${index}${name ? "." + name : ""}`;
  }

  /** The row kind and index of a concrete path, or null: "opinions.participants.1.name" -> {kind, index: 1}. */
  rowOf(path) {
    for (const kind of this.kinds) {
      const prefix = this.rows[kind].list + ".";
      if (!String(path).startsWith(prefix)) continue;
      const index = Number(String(path).slice(prefix.length).split(".")[0]);
      if (Number.isInteger(index)) return { kind, index };
    }
    return null;
  }

  /** The field spec of a concrete path (row indexes become "*"), or undefined. */
  specOf(path) {
    const generic = String(path)
      .split(".")
      .map((p) => (/^\d+$/.test(p) ? "*" : p))
      .join(".");
    return this.byPath.get(generic);
  }

  sectionTitle(key) {
    const sec = this.sections.find((s) => s.key === key);
    return sec ? sec.short : "";
  }

  /** What a person calls the place of a problem: "第 2 阶段 · 时间（起）", "电子邮箱", "参加单位", "四、…". */
  labelFor(path) {
    const p = String(path || "");
    const spec = this.specOf(p);
    const row = this.rowOf(p);
    const rowName = row ? this.rowLabel(row.kind, row.index) : "";
    if (spec) return rowName ? `${rowName} · ${spec.label}` : spec.label;
    if (rowName) return rowName;
    for (const kind of this.kinds) if (p === this.rows[kind].list && !this.sectionTitle(p)) return this.rows[kind].title;
    return this.sectionTitle(p.split(".")[0]) || "申请书";
  }

  /** The rows of one kind in a draft (an array, possibly empty). */
  rowsIn(draft, kind) {
    let node = draft;
    for (const part of this.rows[kind].list.split(".")) node = isObj(node) ? node[part] : undefined;
    return Array.isArray(node) ? node : [];
  }

  /** [path, value] for every field of the draft, rows expanded, in paper order. */
  *values(draft) {
    const d = isObj(draft) ? draft : {};
    for (const f of this.fields) {
      if (f.repeat) {
        const rows = this.rowsIn(d, f.repeat);
        for (let i = 0; i < rows.length; i++) {
          yield [this.rowPath(f.repeat, i, f.name), isObj(rows[i]) ? rows[i][f.name] : undefined, f];
        }
      } else {
        yield [f.path, isObj(d[f.section]) ? d[f.section][f.name] : undefined, f];
      }
    }
  }

  /** Paths of the required fields left empty (rows expanded): what the counts call 未填. */
  unfilled(draft) {
    const out = [];
    for (const [path, value, f] of this.values(draft)) if (f.required && text(value).trim() === "") out.push(path);
    return out;
  }

  /** A message when a list is longer than the form allows (it would freeze the page), else "". */
  tooManyRows(draft) {
    for (const kind of this.kinds) {
      const n = this.rowsIn(draft, kind).length;
      const { max, title } = this.rows[kind];
      // the page's guard against files that would freeze it, not a rule of the notice (it sets no number)
      if (n > max) return fill(this.config.messages.tooManyRows, { n, title, max });
    }
    return "";
  }
}
