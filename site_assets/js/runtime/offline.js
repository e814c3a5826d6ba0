// Offline use: registers the site's service worker (sw.js at the site root, written by
// site_assets/hooks/offline.py) on every page, once the page has loaded. Listed in mkdocs.yml extra_javascript.
//
// On pages that run the Python checker (the form, the self-check), registration waits until the checker is ready
// (or has failed): installing the service worker stores the site's pages (about 4 MB), which on a first visit
// competed with the checker's own download and start (see dev/notes.md, 性能). Then this asks the service worker to
// keep the runtime too (pyodide/), so the checker also works offline later. Reading pages never fetch it.
//
// data-module="runtime/offline" on an element (the privacy page) shows whether this browser keeps a copy of the site.
const ROOT = new URL("../../../", import.meta.url);
const supported = "serviceWorker" in navigator && window.isSecureContext;
const USES_CHECKER = '[data-module~="runtime/checker"]';

function register() {
  return navigator.serviceWorker
    .register(new URL("sw.js", ROOT), { scope: ROOT.pathname, updateViaCache: "none" })
    .catch((err) => {
      console.warn("离线功能未能启用（service worker 注册失败）", err);
      return null;
    });
}

const usesChecker = !!document.querySelector(USES_CHECKER);

function loaded() {
  return new Promise((resolve) => {
    if (document.readyState === "complete") resolve();
    else window.addEventListener("load", () => resolve(), { once: true });
  });
}

// Resolves once the page's checker is ready or has failed (the page's own checker: one per page).
async function checkerSettled() {
  const { startChecker } = await import("./checker.js");
  await new Promise((resolve) => {
    const stop = startChecker().onStatus((s) => {
      if (s.state !== "ready" && s.state !== "failed") return;
      queueMicrotask(() => stop && stop());
      resolve();
    });
  });
}

const registration = supported
  ? loaded()
      .then(() => (usesChecker ? checkerSettled() : null))
      .then(register)
  : Promise.resolve(null);

// Resolves with {ok, version} once the service worker holds the runtime.
function keepRuntime() {
  return navigator.serviceWorker.ready.then(
    (reg) =>
      new Promise((resolve) => {
        const channel = new MessageChannel();
        channel.port1.onmessage = (event) => resolve(event.data);
        reg.active.postMessage({ type: "cache-runtime" }, [channel.port2]);
      }),
  );
}

if (supported && usesChecker) {
  registration.then(async (reg) => {
    if (!reg) return;
    const { startChecker } = await import("./checker.js"); // the page's own checker (one per page)
    const stop = startChecker().onStatus((s) => {
      if (s.state !== "ready") return;
      queueMicrotask(() => stop && stop());
      keepRuntime().then((res) => {
        if (!res || !res.ok) console.warn("检查程序未能保存供离线使用", res && res.error);
      });
    });
  });
}

async function saved() {
  try {
    const keys = (await caches.keys()).filter((k) => k.startsWith("smpls-"));
    if (keys.length !== 1) return null;
    const cache = await caches.open(keys[0]);
    const runtime = !!(await cache.match(new URL("pyodide/pyodide.asm.wasm", ROOT).href));
    return { version: keys[0].slice("smpls-".length), runtime };
  } catch {
    return null;
  }
}

// Whether this page may use Cache Storage at all (a browser blocking site data, some private windows: no).
async function cacheUsable() {
  try {
    await caches.keys();
    return true;
  } catch {
    return false;
  }
}

export async function init(element) {
  const say = (text, state) => {
    element.textContent = text;
    element.dataset.state = state;
  };
  if (!supported) {
    say("这个浏览器不能离线使用本站（不支持 Service Worker，或本站不是通过 https 打开的）。联网时各项功能照常可用。", "unsupported");
    return;
  }
  if (!(await cacheUsable())) {
    say(
      "这个浏览器不允许本站使用缓存存储（Cache Storage），所以不能保存离线副本，检查程序也没有启动快照。" +
        "联网时各项功能照常可用：检查程序每次打开页面时重新下载和启动，会慢一些。",
      "no-cache",
    );
    return;
  }
  say("正在把本站保存到这个浏览器，以便断网时使用……", "saving");
  const show = async (reg) => {
    if (!reg) {
      say("离线功能没能启用。联网时各项功能照常可用。", "failed");
      return;
    }
    if (reg.active && !reg.installing && !reg.waiting) {
      const copy = await saved();
      if (copy && copy.runtime) {
        say(`本站的页面和检查程序已保存在这个浏览器中（版本 ${copy.version}），断网后也能打开和使用。`, "saved");
        return;
      }
      if (copy) {
        say(
          `本站的页面已保存在这个浏览器中（版本 ${copy.version}），断网后也能阅读。` +
            "打开一次“填写申请书”或“自查申报条件”页，检查程序（约 30 MB）也会保存，之后断网也能检查。",
          "pages",
        );
        return;
      }
    }
    const worker = reg.installing || reg.waiting;
    if (worker) {
      worker.addEventListener("statechange", () => show(reg));
      if (worker.state === "redundant") say("保存离线副本没有成功，下次打开本站时会再试。", "failed");
    }
  };
  registration.then(show);
}
