// Entry module on every page: each element with data-module="name" gets ./name.js, imported once.
// Modules export `init(element)`. Nothing else runs, so pages without such elements load nothing more.
const seen = new Set();
for (const el of document.querySelectorAll("[data-module]")) {
  for (const name of el.dataset.module.split(/\s+/).filter(Boolean)) {
    if (!/^[a-z][a-z0-9-]*$/.test(name)) continue;
    const load = import(`./${name}.js`);
    seen.add(name);
    load.then((mod) => mod.init && mod.init(el)).catch((err) => console.error(`模块 ${name} 加载失败`, err));
  }
}
