// The page's handle on the Python checker, which runs in a module worker (worker.js) from this site's files.
//
//   import { startChecker } from "./checker.js";
//   const checker = startChecker();            // starts the worker at once; later calls return the same one
//   checker.onStatus((s) => …);                // {state: "loading"|"ready"|"failed", message: "中文说明", detail?}
//   const result = await checker.call("validate", draft);   // parsed JSON {problems, counts}
//   const { bytes, filename } = await checker.call("docx", draft);  // bytes: ArrayBuffer
//
// call() waits for "ready"; it rejects with an Error whose message is Chinese when the checker failed.
// The page never needs the checker to let the user type: it only adds checking and the DOCX download.

let instance = null;

// Performance marks (smpls:checker-start, smpls:checker-ready, smpls:checker-failed) for bench/run.py.
function mark(name) {
  try {
    performance.mark(name);
  } catch {
    // marks are only for measuring
  }
}

const UNSUPPORTED = "此浏览器不支持在页面中运行校验程序（需要 WebAssembly 和 Web Worker）。您仍可填写、自动保存和下载 JSON。";

export function startChecker() {
  if (instance) return instance;
  mark("smpls:checker-start");
  const listeners = new Set();
  const pending = new Map();
  let nextId = 1;
  let current = { state: "loading", message: "正在准备校验程序…" };

  function emit(next) {
    current = next;
    if (next.state === "ready" || next.state === "failed") mark(`smpls:checker-${next.state}`);
    if (next.state === "failed") {
      for (const { reject } of pending.values()) reject(new Error(next.message));
      pending.clear();
    }
    for (const cb of listeners) {
      try {
        cb(current);
      } catch (err) {
        console.error(err);
      }
    }
  }

  let worker = null;
  if (typeof Worker !== "function" || typeof WebAssembly !== "object") {
    current = { state: "failed", message: UNSUPPORTED };
  } else {
    try {
      worker = new Worker(new URL("./worker.js", import.meta.url), { type: "module", name: "smpls-checker" });
    } catch (err) {
      current = { state: "failed", message: UNSUPPORTED, detail: String(err) };
    }
  }

  if (worker) {
    worker.onmessage = (event) => {
      const msg = event.data || {};
      if (msg.type === "status") {
        const { type, ...status } = msg;
        emit(status);
      } else if (msg.type === "result") {
        const entry = pending.get(msg.id);
        if (!entry) return;
        pending.delete(msg.id);
        if (msg.ok) entry.resolve(msg.value);
        else entry.reject(Object.assign(new Error(msg.error), { detail: msg.detail }));
      }
    };
    worker.onerror = (event) => {
      event.preventDefault();
      emit({ state: "failed", message: "校验程序无法启动，校验暂不可用。请刷新页面重试。", detail: event.message || "" });
    };
  }

  instance = {
    get status() {
      return current;
    },
    onStatus(cb) {
      listeners.add(cb);
      cb(current);
      return () => listeners.delete(cb);
    },
    call(name, payload) {
      if (current.state === "failed" || !worker) return Promise.reject(new Error(current.message));
      const id = nextId++;
      return new Promise((resolve, reject) => {
        pending.set(id, { resolve, reject });
        worker.postMessage({ type: "call", id, name, payload });
      });
    },
  };
  return instance;
}

// data-module="checker" on any element: start the checker as soon as main.js runs, in parallel with the page's
// other modules (e.g. the form page: data-module="form checker"), so Python loads while the page sets up.
// With a data-checker-status attribute, the element also shows the checker's status text.
export function init(element) {
  const checker = startChecker();
  if (!element.hasAttribute("data-checker-status")) return;
  checker.onStatus((s) => {
    element.dataset.state = s.state;
    element.textContent = s.message;
  });
}
