// Whether this browser can run the checker at all, and the one message that says it cannot: checked by the page
// before it starts the worker (checker.js) and by the worker before it loads Python (worker.js).
//   supported()   true when WebAssembly and module workers exist (in a worker: WebAssembly)

export const UNSUPPORTED =
  "这个浏览器不支持 WebAssembly 或 Web Worker（版本较旧，或已被禁用），不能运行检查程序。您仍可填写、自动保存和下载草稿文件；检查和生成 Word 请换用较新的 Chrome、Edge、Firefox 或 Safari。";

export function supported() {
  const inWorker = typeof WorkerGlobalScope !== "undefined" && self instanceof WorkerGlobalScope;
  return (
    typeof WebAssembly === "object" &&
    typeof WebAssembly.instantiate === "function" &&
    (inWorker || typeof Worker === "function")
  );
}
