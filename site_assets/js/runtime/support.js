// Whether this browser can run the checker at all, and the one message that says it cannot: checked by the page
// before it starts the worker (checker.js) and by the worker before it loads Python (worker.js).
//   supported()   true when WebAssembly and module workers exist (in a worker: WebAssembly)

export const UNSUPPORTED =
  "这个浏览器版本太旧（不支持 WebAssembly 或 Web Worker），检查程序无法运行。检查和下载 Word 需要新版 Chrome、Edge、Firefox、Safari，或国产浏览器的“极速模式”。";

export function supported() {
  const inWorker = typeof WorkerGlobalScope !== "undefined" && self instanceof WorkerGlobalScope;
  return (
    typeof WebAssembly === "object" &&
    typeof WebAssembly.instantiate === "function" &&
    (inWorker || typeof Worker === "function")
  );
}
