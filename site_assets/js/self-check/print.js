// 打印自查结果 (data-module="self-check/print"): tells the other components ("beforeprint": stamp the time and
// the text answers), also when the browser's own print is used.

export class SelfCheckPrint {
  static moduleName = "self-check/print";

  constructor(button, { store }) {
    button.addEventListener("click", () => {
      store.emit("beforeprint");
      window.print();
    });
    window.addEventListener("beforeprint", () => store.emit("beforeprint"));
  }
}
