// Reading a draft file chosen or dropped by the user. Pure checks, no side effects: the caller replaces the
// current draft only when this returns {ok: true}. The messages are smpls.draft.FILE_MESSAGES (the page config's
// messages.draftFile): Chinese, they say what is wrong and what to do.
import { fill } from "./text.js";

const JSON_TYPES = new Set(["application/json", "text/json", "text/plain", ""]);

function size(bytes) {
  const mb = bytes / 1024 / 1024;
  if (Number.isInteger(mb)) return `${mb} MB`;
  return bytes >= 1024 * 1024 ? `${mb.toFixed(2)} MB` : `${Math.ceil(bytes / 1024)} KB`;
}


/**
 * @param {File} file
 * @param {{maxBytes: number, schemaVersion: number, sectionKeys: string[], messages: Object<string, string>}} opts
 * @returns {Promise<{ok: true, draft: object, version: number, note: string} | {ok: false, message: string}>}
 */
export async function readDraftFile(file, { maxBytes, schemaVersion, sectionKeys, messages }) {
  const name = file.name || messages.unnamed;
  const fail = (key, vars = {}) => ({ ok: false, message: fill(messages[key], { name, ...vars }) + messages.unchanged });
  const looksJson = /\.json$/i.test(name) || file.type === "application/json";
  if (!looksJson || !JSON_TYPES.has(file.type)) {
    return fail("notJson");
  }
  if (file.size > maxBytes) {
    return fail("tooLarge", { size: size(file.size), max: size(maxBytes) });
  }
  if (file.size === 0) return fail("empty");
  let text;
  try {
    const bytes = new Uint8Array(await file.arrayBuffer());
    if (bytes.includes(0)) throw new Error("binary");
    text = new TextDecoder("utf-8", { fatal: true }).decode(bytes);
  } catch {
    return fail("notText");
  }
  if (text.charCodeAt(0) === 0xfeff) text = text.slice(1); // a BOM added by some editors
  let data;
  try {
    data = JSON.parse(text);
  } catch (err) {
    const where = /position (\d+)/.exec(String(err && err.message));
    let place = "";
    if (where) {
      const upto = text.slice(0, Number(where[1]));
      place = fill(messages.placeLine, { line: upto.split("\n").length });
    }
    return fail("badJson", { place });
  }
  if (!data || typeof data !== "object" || Array.isArray(data)) {
    return fail("notObject");
  }
  const known = sectionKeys.filter((k) => Object.prototype.hasOwnProperty.call(data, k));
  const hasVersion = Object.prototype.hasOwnProperty.call(data, "schema_version");
  if (!hasVersion && known.length === 0) {
    return fail("noParts");
  }
  let version = schemaVersion;
  let note = "";
  if (hasVersion) {
    version = data.schema_version;
    if (typeof version === "string" && /^\s*\d+\s*$/.test(version)) version = Number(version);
    if (!Number.isInteger(version) || version < 0) {
      return fail("badVersion");
    }
    if (version > schemaVersion) {
      return fail("newer", { version, current: schemaVersion });
    }
  } else {
    note = messages.noVersion;
  }
  return { ok: true, draft: data, version, note };
}
