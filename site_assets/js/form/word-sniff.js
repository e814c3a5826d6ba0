// Telling a Word file from the rest before it goes to the checker. Pure: bytes in, a verdict out, no DOM.
// A .docx is a zip (it starts with "PK\x03\x04"); an old binary .doc or a .wps is an OLE file (D0 CF 11 E0);
// a PDF starts with "%PDF". The signatures and the messages are smpls.docx.container's (the page config's
// messages.word). The checker (smpls.docx, read_docx) checks the inside again.
import { fill } from "./text.js";

const startsWith = (bytes, sig) => sig.every((b, i) => bytes[i] === b);

/** Whether a file is meant as a Word file (by name or type): such files go to sniffWord, not to the JSON reader. */
export function looksLikeWord(file) {
  return /\.(docx|doc|wps|docm|dotx|pdf)$/i.test(file.name || "") || /wordprocessingml|msword|application\/pdf/.test(file.type || "");
}

/**
 * @param {string} name the file's name (for the messages)
 * @param {Uint8Array} bytes its first bytes (8 are enough)
 * @param {number} size
 * @param {number} maxBytes
 * @param {{zip: number[], heads: Object<string, number[]>, notDocx: Object<string, string>, tooLarge: string}} words
 *   the page config's messages.word: smpls.docx.container's signatures and messages
 * @param {string} unchanged what every refusal ends with
 * @returns {{ok: true} | {ok: false, message: string}}
 */
export function sniffWord(name, bytes, size, maxBytes, words, unchanged) {
  const refuse = (message) => ({ ok: false, message: `“${name}”：${message}${unchanged}` });
  const mb = (n) => `${Math.round((n / 1024 / 1024) * 100) / 100} MB`;
  if (size === 0) return refuse(words.notDocx.empty);
  if (size > maxBytes) return refuse(fill(words.tooLarge, { size: mb(size), max: mb(maxBytes) }));
  if (startsWith(bytes, words.zip)) return { ok: true };
  const kind = Object.keys(words.heads).find((k) => startsWith(bytes, words.heads[k]));
  return refuse(words.notDocx[kind || "other"]);
}
