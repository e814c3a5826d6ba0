// The list's title (data-module="rollup/title"): the member's name, or the 省（区、市）, or the placeholder, then
// the rest of smpls.summary_export's title.

export class RollupTitle {
  static moduleName = "rollup/title";

  constructor(heading, { config, store }) {
    const draw = () => {
      const { member, region } = store.state.meta;
      heading.textContent = ((member || "").trim() || (region || "").trim() || config.placeholderRegion) + config.titleRest;
    };
    store.on("change:meta", draw);
    draw();
  }
}
