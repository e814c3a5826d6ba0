// The site's service worker, written to the site root as sw.js by site_assets/hooks/offline.py (which fills in
// VERSION, FILES and RUNTIME) and registered by assets/smpls/runtime/offline.js on every page.
//
// One cache per version of the site, named "smpls-<VERSION>" (VERSION is a hash of all built files).
// - install: stores the pages, scripts and styles (FILES). The Python runtime (RUNTIME: pyodide/, ~23 MB) is
//   added too when the previous version's cache had it, so an update keeps the site usable offline.
// - message {type: "cache-runtime"}: stores the runtime. Pages that use the checker send it once the checker is
//   ready, so a person who only reads never downloads the runtime, and one who used the form has it offline.
// - activate: deletes the caches of earlier versions, so a new version of the site replaces the old cleanly.
// - fetch: answers requests for those files from the cache first (the same version throughout, and it works
//   offline), except the runtime while the browser is online (below); anything else goes to the network. An unknown
//   page while offline gets a short Chinese notice. Nothing is sent anywhere: the files come from this site.
//
// Compiled code (measured with Chromium tracing, dev/notes.md 性能): a response from this cache gets its own code cache,
// so the first visit served from here compiled pyodide.asm.wasm once more (the first visit compiled the network's
// copy, whose code cache belongs to the HTTP cache), 1.3 times the page alone. Passing the network's response
// through this worker was tried: Chromium then never used a code cache; starting a second checker in the
// background to fill this cache's code cache was tried: it shares the page's compiled module and writes nothing.
// So while the browser is online the runtime is not answered from here at all (see fetch).
"use strict";

const VERSION = "__SMPLS_VERSION__";
const FILES = __SMPLS_FILES__; // relative to the site root
const RUNTIME = __SMPLS_RUNTIME__;
const PREFIX = "smpls-";
const CACHE = PREFIX + VERSION;
const ROOT = new URL("./", self.location.href);
const CORE_URLS = FILES.map((f) => new URL(f, ROOT).href);
const RUNTIME_URLS = RUNTIME.map((f) => new URL(f, ROOT).href);
const CORE = new Set(CORE_URLS);
const RUNTIME_SET = new Set(RUNTIME_URLS);

// "apply/index.html" and "apply/" are the same page; query and fragment do not matter to static files.
function cacheKey(requestUrl) {
  const url = new URL(requestUrl);
  url.hash = "";
  url.search = "";
  if (url.pathname.endsWith("/index.html")) url.pathname = url.pathname.slice(0, -"index.html".length);
  return url.href;
}

// "no-cache": revalidate with the server (a file the page has just downloaded costs a 304, not a copy), so a
// stale HTTP cache can never put an older file into this version's cache.
const fresh = (url) => new Request(url, { cache: "no-cache" });

async function hadRuntime() {
  for (const key of await caches.keys()) {
    if (!key.startsWith(PREFIX) || key === CACHE) continue;
    const old = await caches.open(key);
    if (RUNTIME_URLS.length && (await old.match(RUNTIME_URLS[0]))) return true;
  }
  return false;
}

let runtimeJob = null;
function cacheRuntime() {
  runtimeJob ||= (async () => {
    const cache = await caches.open(CACHE);
    const missing = [];
    for (const url of RUNTIME_URLS) if (!(await cache.match(url))) missing.push(fresh(url));
    await cache.addAll(missing);
  })().catch((err) => {
    runtimeJob = null; // try again next time
    throw err;
  });
  return runtimeJob;
}

self.addEventListener("install", (event) => {
  event.waitUntil(
    (async () => {
      const cache = await caches.open(CACHE);
      await cache.addAll(CORE_URLS.map(fresh));
      if (await hadRuntime()) await cacheRuntime();
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

self.addEventListener("message", (event) => {
  const data = event.data || {};
  if (data.type !== "cache-runtime") return;
  const port = event.ports && event.ports[0];
  event.waitUntil(
    cacheRuntime().then(
      () => port && port.postMessage({ ok: true, version: VERSION }),
      (err) => port && port.postMessage({ ok: false, error: String(err) }),
    ),
  );
});

const OFFLINE_PAGE = `<!doctype html><html lang="zh-CN"><head><meta charset="utf-8">
<meta name="viewport" content="width=device-width,initial-scale=1"><link rel="icon" href="data:,"><title>暂时无法打开这个页面</title></head>
<body><main><h1>暂时无法打开这个页面</h1>
<p>您的电脑现在没有联网，而这个页面还没有保存在这个浏览器中。</p>
<p>联网后再打开它；也可以回到<a href="${ROOT.href}">首页</a>，已保存的页面（通知、自查、申请书）断网也能使用。</p>
</main></body></html>`;

async function respond(request, key, isRuntime) {
  const cache = await caches.open(CACHE);
  const hit = await cache.match(key);
  if (hit) return hit;
  try {
    const response = await fetch(request);
    if (isRuntime && response.ok && response.type === "basic" && request.method === "GET") {
      const copy = response.clone();
      cache.put(key, copy).catch(() => {});
    }
    return response;
  } catch (err) {
    if (request.mode === "navigate") {
      return new Response(OFFLINE_PAGE, { status: 503, headers: { "Content-Type": "text/html; charset=utf-8" } });
    }
    throw err;
  }
}

// The stored runtime under another name, asked for by worker.js when the network fails although the browser
// says it is online (a host that cannot be reached, a captive portal): "offline-copy/pyodide/x" is "pyodide/x".
const OFFLINE_COPY = new URL("offline-copy/", ROOT).href;

async function fromCopy(key) {
  const hit = await (await caches.open(CACHE)).match(key);
  return hit || new Response("", { status: 404, statusText: "not in the offline copy" });
}

self.addEventListener("fetch", (event) => {
  const request = event.request;
  if (request.method !== "GET" || !request.url.startsWith(ROOT.href)) return;
  if (request.url.startsWith(OFFLINE_COPY)) {
    event.respondWith(fromCopy(cacheKey(ROOT.href + request.url.slice(OFFLINE_COPY.length))));
    return;
  }
  const key = cacheKey(request.url);
  const isRuntime = RUNTIME_SET.has(key);
  if (!CORE.has(key) && !isRuntime && request.mode !== "navigate") return; // not ours: the browser fetches it
  // The runtime while online: left to the browser and its HTTP cache, which keeps the compiled WebAssembly of
  // the last visit (a response from this cache is compiled once more the first time it is used: dev/notes.md 性能).
  // Offline, or when the network fails (worker.js then asks for offline-copy/), it comes from this cache.
  if (isRuntime && self.navigator.onLine) return;
  event.respondWith(respond(request, key, isRuntime));
});
