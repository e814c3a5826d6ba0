// The site's service worker, written to the site root as sw.js by site_assets/hooks/offline.py (which fills in
// VERSION and FILES) and registered by assets/smpls/offline.js on every page.
//
// - install: stores every file of this version of the site (pages, scripts, styles, the Python runtime under
//   pyodide/, its wheels and lock) in one cache named "smpls-<VERSION>", where VERSION is a hash of all built
//   files. Nothing is sent anywhere: the files come from this site and stay in this browser.
// - activate: deletes the caches of earlier versions, so a new version of the site replaces the old cleanly.
// - fetch: answers requests for those files from the cache first (the same version throughout, and it works
//   offline); anything else goes to the network. An unknown page while offline gets a short Chinese notice.
"use strict";

const VERSION = "__SMPLS_VERSION__";
const FILES = __SMPLS_FILES__; // relative to the site root
const PREFIX = "smpls-";
const CACHE = PREFIX + VERSION;
const ROOT = new URL("./", self.location.href);
const KNOWN = new Set(FILES.map((f) => new URL(f, ROOT).href));

// "apply/index.html" and "apply/" are the same page; query and fragment do not matter to static files.
function cacheKey(requestUrl) {
  const url = new URL(requestUrl);
  url.hash = "";
  url.search = "";
  if (url.pathname.endsWith("/index.html")) url.pathname = url.pathname.slice(0, -"index.html".length);
  return url.href;
}

self.addEventListener("install", (event) => {
  event.waitUntil(
    (async () => {
      const cache = await caches.open(CACHE);
      // "no-cache": revalidate with the server (a file the page has just downloaded costs a 304, not a copy),
      // so a stale HTTP cache can never put an older file into this version's cache.
      await cache.addAll([...KNOWN].map((url) => new Request(url, { cache: "no-cache" })));
      await self.skipWaiting();
    })(),
  );
});

self.addEventListener("activate", (event) => {
  event.waitUntil(
    (async () => {
      for (const key of await caches.keys()) {
        if (key.startsWith(PREFIX) && key !== CACHE) await caches.delete(key);
      }
    })(),
  );
});

const OFFLINE_PAGE = `<!doctype html><html lang="zh-CN"><head><meta charset="utf-8">
<meta name="viewport" content="width=device-width,initial-scale=1"><link rel="icon" href="data:,"><title>暂时无法打开这个页面</title></head>
<body><main><h1>暂时无法打开这个页面</h1>
<p>您的电脑现在没有联网，而这个页面还没有保存在这个浏览器中。</p>
<p>联网后再打开它；也可以回到<a href="${ROOT.href}">首页</a>，已保存的页面（通知、自查、申请书）断网也能使用。</p>
</main></body></html>`;

async function respond(request, key) {
  const cache = await caches.open(CACHE);
  const hit = await cache.match(key);
  if (hit) return hit;
  try {
    return await fetch(request);
  } catch (err) {
    if (request.mode === "navigate") {
      return new Response(OFFLINE_PAGE, { status: 503, headers: { "Content-Type": "text/html; charset=utf-8" } });
    }
    throw err;
  }
}

self.addEventListener("fetch", (event) => {
  const request = event.request;
  if (request.method !== "GET" || !request.url.startsWith(ROOT.href)) return;
  const key = cacheKey(request.url);
  if (!KNOWN.has(key) && request.mode !== "navigate") return; // not ours: the browser fetches it as usual
  event.respondWith(respond(request, key));
});
