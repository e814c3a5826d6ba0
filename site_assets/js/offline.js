// Offline use: registers the site's service worker (sw.js at the site root, written by
// site_assets/hooks/offline.py) on every page, once the page has loaded. Listed in mkdocs.yml extra_javascript.
//
// data-module="offline" on an element (the privacy page) shows whether this browser keeps a copy of the site.
const ROOT = new URL("../../", import.meta.url);
const supported = "serviceWorker" in navigator && window.isSecureContext;

function register() {
  return navigator.serviceWorker
    .register(new URL("sw.js", ROOT), { scope: ROOT.pathname, updateViaCache: "none" })
    .catch((err) => {
      console.warn("离线功能未能启用（service worker 注册失败）", err);
      return null;
    });
}

export const registration = supported
  ? new Promise((resolve) => {
      if (document.readyState === "complete") resolve(register());
      else window.addEventListener("load", () => resolve(register()), { once: true });
    })
  : Promise.resolve(null);

async function savedVersion() {
  try {
    const keys = await caches.keys();
    const key = keys.find((k) => k.startsWith("smpls-"));
    return key ? key.slice("smpls-".length) : "";
  } catch {
    return "";
  }
}

export function init(element) {
  const say = (text, state) => {
    element.textContent = text;
    element.dataset.state = state;
  };
  if (!supported) {
    say("这个浏览器不能离线使用本站（不支持 Service Worker，或本站不是通过 https 打开的）。联网时各项功能照常可用。", "unsupported");
    return;
  }
  say("正在把本站保存到这个浏览器，以便断网时使用……", "saving");
  const show = async (reg) => {
    if (!reg) {
      say("离线功能没能启用。联网时各项功能照常可用。", "failed");
      return;
    }
    if (reg.active && !reg.installing && !reg.waiting) {
      const version = await savedVersion();
      if (version) {
        say(`本站的页面和检查程序已保存在这个浏览器中（版本 ${version}），断网后也能打开和使用。`, "saved");
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
