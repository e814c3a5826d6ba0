// The page's handle on the Python checker, which runs in a module worker (worker.js) from this site's files.
//
//   import { startChecker } from "./checker.js";
//   const checker = startChecker();            // starts the worker at once; later calls return the same one
//   checker.onStatus((s) => …);                // {state: "loading"|"ready"|"failed", message: "中文说明", detail?}
//     while loading: phase (prepare, download, install, start; worker.js), done/total, and restarting (a new
//     worker after the last one died); failed: crashed when the worker died too often (not a download)
//   const result = await checker.call("validate", draft);   // parsed JSON {problems, counts}
//   const { bytes, filename } = await checker.call("docx", draft);  // bytes: ArrayBuffer
//
// call() waits for "ready"; it rejects with an Error whose message is Chinese when the checker failed.
// The page never needs the checker to let the user type: it only adds checking and the DOCX download.

import { UNSUPPORTED, supported } from "./support.js";

let instance = null;

// Performance marks (smpls:checker-start, smpls:checker-ready, smpls:checker-failed) for bench/run.py.
function mark(name) {
  try {
    performance.mark(name);
  } catch {
    // marks are only for measuring
  }
}

// A call that gets no answer within this time means the worker died (ms; the checker is idle otherwise).
const CALL_TIMEOUT_MS = { default: 20000, docx: 120000 };
const MAX_RESTARTS = 3;

// The worker that the page's first lines started (site_assets/overrides/main.html), with the events it sent since:
// taken once, by the first start of the checker.
function takeEarlyWorker() {
  const early = typeof window === "object" ? window.smplsWorker : null;
  if (early) window.smplsWorker = null;
  return early || null;
}

export function startChecker() {
  if (instance) return instance;
  if (!(typeof window === "object" && window.smplsWorker)) mark("smpls:checker-start"); // else marked by the page
  const listeners = new Set();
  const pending = new Map();
  let nextId = 1;
  let current = { state: "loading", message: "正在准备检查程序…", phase: "prepare" };

  function emit(next) {
    current = next;
    if (next.state === "ready" || next.state === "failed") mark(`smpls:checker-${next.state}`);
    if (next.state === "failed") {
      for (const { reject, timer } of pending.values()) {
        clearTimeout(timer);
        reject(new Error(next.message));
      }
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

  // The worker can die after it was ready (a crash, the browser reclaiming memory, an uncaught error): an
  // error event, or a call that gets no answer within CALL_TIMEOUT_MS. Then the pending calls are rejected with a
  // Chinese message, and a new worker is started (status "loading" again), at most MAX_RESTARTS times.
  let worker = null;
  let restarts = 0;

  function arm(entry) {
    if (entry.timer || current.state !== "ready") return;
    const ms = CALL_TIMEOUT_MS[entry.name] || CALL_TIMEOUT_MS.default;
    entry.timer = setTimeout(() => died(`${entry.name}: no answer within ${ms} ms`), ms);
  }

  function died(detail) {
    const dead = worker;
    worker = null;
    try {
      if (dead) dead.terminate();
    } catch {
      // already gone
    }
    const err = new Error("检查程序意外停止，这次检查没有完成。您填写的内容没有受影响。");
    for (const entry of pending.values()) {
      clearTimeout(entry.timer);
      entry.reject(err);
    }
    pending.clear();
    if (restarts >= MAX_RESTARTS) {
      emit({ state: "failed", message: "检查程序多次意外停止，检查暂不可用。请刷新页面重试。", detail, crashed: true });
      return;
    }
    restarts += 1;
    emit({ state: "loading", message: "检查程序意外停止，正在重新启动…", detail, phase: "prepare", restarting: true });
    spawn();
  }

  function spawn() {
    let w;
    const early = takeEarlyWorker();
    try {
      w = early ? early.worker : new Worker(new URL("./worker.js", import.meta.url), { type: "module", name: "smpls-checker" });
    } catch (err) {
      emit({ state: "failed", message: UNSUPPORTED, detail: String(err) });
      return;
    }
    worker = w;
    w.onmessage = (event) => {
      if (w !== worker) return;
      const msg = event.data || {};
      if (msg.type === "status") {
        const { type, ...status } = msg;
        emit(restarts && status.state === "loading" ? { ...status, restarting: true } : status);
        if (status.state === "ready") for (const entry of pending.values()) arm(entry);
      } else if (msg.type === "result") {
        const entry = pending.get(msg.id);
        if (!entry) return;
        pending.delete(msg.id);
        clearTimeout(entry.timer);
        if (msg.ok) entry.resolve(msg.value);
        else entry.reject(Object.assign(new Error(msg.error), { detail: msg.detail }));
      }
    };
    w.onerror = (event) => {
      event.preventDefault();
      if (w !== worker) return;
      if (current.state === "ready") {
        died(event.message || "error event");
        return;
      }
      emit({ state: "failed", message: "检查程序无法启动，检查暂不可用。请刷新页面重试。", detail: event.message || "" });
    };
    if (early) for (const event of early.events) (event.type === "error" ? w.onerror : w.onmessage)(event);
  }

  if (!supported()) {
    current = { state: "failed", message: UNSUPPORTED };
    takeEarlyWorker()?.worker.terminate();
  } else {
    spawn();
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
        const entry = { resolve, reject, name, timer: 0 };
        pending.set(id, entry);
        worker.postMessage({ type: "call", id, name, payload });
        arm(entry);
      });
    },
  };
  return instance;
}

// data-module="checker" on any element: start the checker as soon as main.js runs, in parallel with the page's
// other modules (e.g. the form page: data-module="checker form"), so Python loads while the page sets up.
export function init() {
  startChecker();
}
