// The checker worker's request handling (worker.js): the page's calls (checker.js), answered by smpls.browser once
// Python is ready, and whether the worker is idle (for work that can wait, such as saving the snapshot).
//   in:  {type: "call", id, name, payload}         name: validate | migrate | questions | eligibility | docx
//                                                  | summary_check | summary_duplicates | summary_export | summary_warm
//                                                    | read_docx (payload: an ArrayBuffer, transferred)
//   out: {type: "result", id, ok: true, value} | {type: "result", id, ok: false, error, detail?}
//
//   listen(ready)          answer calls; ready: a Promise of {browser, pyodide} (a call gets its error if it fails)
//   whenIdle(job, quiet)   run job once no call has been running for `quiet` ms

import { LoadError, extra } from "./loader.js";

let busy = 0;
let lastCall = 0;

export function whenIdle(job, quiet = 1000) {
  const wait = () => (busy || performance.now() - lastCall < quiet ? setTimeout(wait, quiet / 2) : job());
  setTimeout(wait, quiet / 2);
}

function text(payload) {
  return JSON.stringify(payload ?? {});
}

function bytesOf(proxy) {
  let view;
  try {
    view = proxy.toJs();
  } finally {
    if (proxy.destroy) proxy.destroy();
  }
  return view.byteOffset === 0 && view.byteLength === view.buffer.byteLength ? view.buffer : view.slice().buffer;
}

// [value, transfer list] of one call.
async function call({ browser, pyodide }, name, payload) {
  switch (name) {
    // 汇总推荐项目 (rollup/): a batch of files {files: [{name, size, bytes: ArrayBuffer}], known: [{hash, file}]}
    // (bytes may be only the file's beginning: size is its real size)
    case "summary_check": {
      const files = payload.files || [];
      const meta = JSON.stringify({ names: files.map((f) => f.name), sizes: files.map((f) => f.size), known: payload.known || [] });
      return [JSON.parse(browser.summary_check(meta, files.map((f) => new Uint8Array(f.bytes))))];
    }
    case "summary_duplicates":
      return [JSON.parse(browser.summary_duplicates(text(payload)))];
    case "summary_warm":
      await extra(pyodide, "openpyxl");
      return [browser.summary_warm()];
    case "summary_export": {
      if (payload && payload.format === "xlsx") await extra(pyodide, "openpyxl");
      const bytes = bytesOf(browser.summary_export(text(payload)));
      return [{ bytes }, [bytes]];
    }
    case "validate":
      return [JSON.parse(browser.validate(text(payload)))];
    case "migrate":
      return [JSON.parse(browser.migrate(text(payload)))];
    case "questions":
      return [JSON.parse(browser.questions())];
    case "eligibility":
      return [JSON.parse(browser.eligibility(text(payload)))];
    case "docx": {
      const draft = text(payload);
      const bytes = bytesOf(browser.docx(draft));
      return [{ bytes, filename: browser.docx_filename(draft) }, [bytes]];
    }
    case "read_docx": {
      // payload: the file's bytes as a transferred ArrayBuffer (or a Uint8Array); Python never raises here
      if (!(payload instanceof ArrayBuffer || ArrayBuffer.isView(payload))) throw new Error("read_docx: bytes expected");
      return [JSON.parse(browser.read_docx(payload))];
    }
    default:
      throw new Error(`未知的调用：${name}`);
  }
}

export function listen(ready) {
  self.onmessage = async (event) => {
    const { type, id, name, payload } = event.data || {};
    if (type !== "call") return;
    busy += 1;
    try {
      const [value, transfer = []] = await call(await ready, name, payload);
      postMessage({ type: "result", id, ok: true, value }, transfer);
    } catch (err) {
      const message = err instanceof LoadError ? err.message : `检查程序出错：${name} 未能完成。`;
      postMessage({ type: "result", id, ok: false, error: message, detail: err.detail || String(err) });
    } finally {
      busy -= 1;
      lastCall = performance.now();
    }
  };
}
