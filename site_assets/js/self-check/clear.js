// 清空回答 (data-module="self-check/clear"): tells the other components ("clear").

export class SelfCheckClear {
  static moduleName = "self-check/clear";

  constructor(button, { store }) {
    button.addEventListener("click", () => store.emit("clear"));
  }
}
