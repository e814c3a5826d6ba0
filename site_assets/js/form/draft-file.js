// Reading a draft file chosen or dropped by the user. Pure checks, no side effects: the caller replaces the
// current draft only when this returns {ok: true}. Messages are Chinese, say what is wrong and what to do.

const JSON_TYPES = new Set(["application/json", "text/json", "text/plain", ""]);

function size(bytes) {
  const mb = bytes / 1024 / 1024;
  if (Number.isInteger(mb)) return `${mb} MB`;
  return bytes >= 1024 * 1024 ? `${mb.toFixed(2)} MB` : `${Math.ceil(bytes / 1024)} KB`;
}

function fail(message) {
  return { ok: false, message };
}

/**
 * @param {File} file
 * @param {{maxBytes: number, schemaVersion: number, sectionKeys: string[]}} opts
 * @returns {Promise<{ok: true, draft: object, version: number, note: string} | {ok: false, message: string}>}
 */
export async function readDraftFile(file, { maxBytes, schemaVersion, sectionKeys }) {
  const name = file.name || "文件";
  const looksJson = /\.json$/i.test(name) || file.type === "application/json";
  if (!looksJson || !JSON_TYPES.has(file.type)) {
    return fail(`“${name}”不是 JSON 文件。请选择本页“下载草稿文件”保存的、以 .json 结尾的草稿文件。当前内容没有改变。`);
  }
  if (file.size > maxBytes) {
    return fail(
      `“${name}”太大（${size(file.size)}）：草稿文件不能超过 ${size(maxBytes)}。请确认选的是本页下载的 JSON 草稿。当前内容没有改变。`,
    );
  }
  if (file.size === 0) return fail(`“${name}”是空文件，里面没有草稿。当前内容没有改变。`);
  let text;
  try {
    const bytes = new Uint8Array(await file.arrayBuffer());
    if (bytes.includes(0)) throw new Error("binary");
    text = new TextDecoder("utf-8", { fatal: true }).decode(bytes);
  } catch {
    return fail(`“${name}”不是文本格式的 JSON 文件（无法按 UTF-8 读取）。请选择本页“下载草稿文件”保存的文件。当前内容没有改变。`);
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
      place = `（第 ${upto.split("\n").length} 行附近）`;
    }
    return fail(`“${name}”的 JSON 格式有错${place}，无法读取。文件可能不完整或被改动过。当前内容没有改变。`);
  }
  if (!data || typeof data !== "object" || Array.isArray(data)) {
    return fail(`“${name}”里不是申请书草稿（不是本站保存的草稿文件）。请选择本页“下载草稿文件”保存的文件。当前内容没有改变。`);
  }
  const known = sectionKeys.filter((k) => Object.prototype.hasOwnProperty.call(data, k));
  const hasVersion = Object.prototype.hasOwnProperty.call(data, "schema_version");
  if (!hasVersion && known.length === 0) {
    return fail(`“${name}”里没有申请书的任何部分，不像是本页保存的草稿。当前内容没有改变。`);
  }
  let version = schemaVersion;
  let note = "";
  if (hasVersion) {
    version = data.schema_version;
    if (typeof version === "string" && /^\s*\d+\s*$/.test(version)) version = Number(version);
    if (!Number.isInteger(version) || version < 0) {
      return fail(`“${name}”的版本号无效，不是本站保存的草稿文件。请选择本页“下载草稿文件”保存的文件。当前内容没有改变。`);
    }
    if (version > schemaVersion) {
      return fail(
        `“${name}”是较新版本的本网站保存的（草稿版本 ${version}），这个页面只能读取到版本 ${schemaVersion}。请刷新页面或使用最新版本的网站再导入。当前内容没有改变。`,
      );
    }
  } else {
    note = "文件里没有版本号，已按当前版本读取。";
  }
  return { ok: true, draft: data, version, note };
}
