// Telling a Word file from the rest before it goes to the checker. Pure: bytes in, a verdict out, no DOM.
// A .docx is a zip (it starts with "PK\x03\x04"); an old binary .doc or a .wps is an OLE file (D0 CF 11 E0);
// a PDF starts with "%PDF". The checker (smpls.docx, read_docx) checks the inside again.

const OLE = [0xd0, 0xcf, 0x11, 0xe0, 0xa1, 0xb1, 0x1a, 0xe1];
const ZIP = [0x50, 0x4b, 0x03, 0x04];
const PDF = [0x25, 0x50, 0x44, 0x46];

const startsWith = (bytes, sig) => sig.every((b, i) => bytes[i] === b);

/** Whether a file is meant as a Word file (by name or type): such files go to sniffWord, not to the JSON reader. */
export function looksLikeWord(file) {
  return /\.(docx|doc|wps|docm|dotx|pdf)$/i.test(file.name || "") || /wordprocessingml|msword|application\/pdf/.test(file.type || "");
}

/**
 * @param {string} name the file's name (for the messages)
 * @param {Uint8Array} bytes its first bytes (8 are enough) and size
 * @param {number} size
 * @param {number} maxBytes
 * @returns {{ok: true} | {ok: false, message: string}}
 */
export function sniffWord(name, bytes, size, maxBytes) {
  const keep = "当前内容没有改变。";
  const mb = (n) => `${Math.round((n / 1024 / 1024) * 100) / 100} MB`;
  if (size === 0) return { ok: false, message: `“${name}”是空文件。${keep}` };
  if (size > maxBytes) return { ok: false, message: `“${name}”太大（${mb(size)}）：导入的文件不能超过 ${mb(maxBytes)}。${keep}` };
  if (startsWith(bytes, OLE)) {
    return {
      ok: false,
      message: `“${name}”是旧版 Word（.doc）或 WPS 格式，本页只能读取 .docx。请在 Word、WPS 或 LibreOffice 中“另存为” .docx 后再导入。${keep}`,
    };
  }
  if (startsWith(bytes, PDF)) {
    return { ok: false, message: `“${name}”其实是 PDF 文件，无法读回申请书的内容。请导入本页下载的 Word（.docx）或 JSON 文件。${keep}` };
  }
  if (!startsWith(bytes, ZIP)) {
    return { ok: false, message: `“${name}”不是 Word（.docx）文件（文件内容与扩展名不符）。请导入本页下载的 Word 或 JSON 文件。${keep}` };
  }
  return { ok: true };
}
