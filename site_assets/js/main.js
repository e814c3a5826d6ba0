// Entry module on every page: each element with data-module="folder/name …" gets ./folder/name.js (the module's
// path under assets/smpls/, without .js), imported once per name (the browser caches modules). A module that
// exports `init(element)` is started with the element; a page's components export classes that its page
// module wires itself (form/form.js, self-check/self-check.js, rollup/rollup.js), so their import here only fetches
// them early. Pages without such elements load
// nothing more. Folders: lib/ (shared pieces), runtime/ (the checker, Python, the offline copy), one per page.
for (const el of document.querySelectorAll("[data-module]")) {
  for (const name of el.dataset.module.split(/\s+/).filter(Boolean)) {
    if (!/^[a-z][a-z0-9-]*\/[a-z][a-z0-9-]*$/.test(name)) continue;
    import(`./${name}.js`)
      .then((mod) => mod.init && mod.init(el))
      .catch((err) => console.error(`模块 ${name} 加载失败`, err));
  }
}
