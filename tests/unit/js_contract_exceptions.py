# ruff: noqa: E501 - the sentences are kept whole, to be found by searching
"""The reviewed exceptions of the contract test (test_js_contract.py): Chinese sentences still written in page
JavaScript, per file, with why. Prune an entry when its sentence moves to the page config (the test fails on an
entry that no longer matches, so the list only shrinks)."""

from __future__ import annotations

RUNTIME = (
    "the checker's own words: the worker and the offline copy run before, or without, a page's config (the worker "
    "is started from <head>, and the offline status is on every page); each stays in the one runtime file that "
    "says it, and a page shows it as the checker's message or in the 给网络管理员的说明 box"
)

#: file under site_assets/js/ -> (why, the sentences exactly as written, a template literal's ${…} parts as ${…})
EXCEPTIONS: dict[str, tuple[str, tuple[str, ...]]] = {
    "runtime/checker.js": (
        RUNTIME,
        (
            "正在准备检查程序…",
            "检查程序多次意外停止，检查暂不可用。请刷新页面重试。",
            "检查程序意外停止，正在重新启动…",
            "检查程序无法启动，检查暂不可用。请刷新页面重试。",
        ),
    ),
    "runtime/loader.js": (
        RUNTIME,
        (
            "检查程序的运行环境未能加载，检查暂不可用。请刷新页面重试，或换用新版浏览器。",
            "无法下载检查程序的文件清单，请检查网络后刷新页面。",
            "检查程序的文件清单无法下载（HTTP ${…}），请刷新页面重试。",
            "内容与清单中的 sha256 不符",
            "无法下载（网络错误）",
            "检查程序的文件 ${…} ${…}，检查暂不可用。请刷新页面重试。",
            "检查程序的文件 ${…} 无法安装，检查暂不可用。",
            "检查程序的文件 ${…} 无法下载或编译，检查暂不可用。请刷新页面重试。",
            "正在安装检查程序…",
            "正在启动检查程序…",
            "检查程序无法启动，检查暂不可用。请刷新页面重试。",
        ),
    ),
    "runtime/offline.js": (
        RUNTIME,
        (
            "这个浏览器不能离线使用本站（不支持 Service Worker，或本站不是通过 https 打开的）。联网时各项功能照常可用。",
            "这个浏览器不允许本站使用缓存存储（Cache Storage），所以不能保存离线副本，检查程序也没有启动快照。",
            "联网时各项功能照常可用：检查程序每次打开页面时重新下载和启动，会慢一些。",
            "正在把本站保存到这个浏览器，以便断网时使用……",
            "离线功能没能启用。联网时各项功能照常可用。",
            "本站的页面和检查程序已保存在这个浏览器中（版本 ${…}），断网后也能打开和使用。",
            "本站的页面已保存在这个浏览器中（版本 ${…}），断网后也能阅读。",
            "打开一次“填写申请书”或“自查申报条件”页，检查程序（约 30 MB）也会保存，之后断网也能检查。",
            "保存离线副本没有成功，下次打开本站时会再试。",
        ),
    ),
    "runtime/requests.js": (
        RUNTIME,
        ("检查程序出错：${…} 未能完成。",),
    ),
    "runtime/support.js": (
        RUNTIME,
        (
            "这个浏览器版本太旧（不支持 WebAssembly 或 Web Worker），检查程序无法运行。检查和下载 Word 需要新版 Chrome、Edge、Firefox、Safari，或国产浏览器的“极速模式”。",
        ),
    ),
    "runtime/worker.js": (
        RUNTIME,
        (
            "正在下载检查程序…",
            "正在下载检查程序（${…}/${…}）…",
            "正在安装检查程序…",
            "检查程序已就绪。",
            "检查程序未能加载。",
        ),
    ),
}
