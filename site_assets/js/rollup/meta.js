// The list's title and signature (data-module="rollup/meta"): 省（区、市）, 联席会议成员单位, 报送单位, 落款日期,
// each box data-meta="<key>" of the store's meta, saved as it is typed.

export class RollupMeta {
  static moduleName = "rollup/meta";

  constructor(box, { store }) {
    for (const input of box.querySelectorAll("[data-meta]")) {
      const key = input.dataset.meta;
      input.value = store.state.meta[key] || "";
      input.addEventListener("input", () => {
        store.set({ meta: { ...store.state.meta, [key]: input.value } });
        store.emit("save");
      });
    }
  }
}
