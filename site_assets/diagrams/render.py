"""Draw the site's mermaid diagrams as SVG at build time, so that no page loads a diagram script.

    python site_assets/diagrams/render.py        (`make diagrams`: needs Chromium and node_modules/mermaid)

Each ```` ``` mermaid ```` block of ``docs/<page>.md`` is drawn by the pinned mermaid (npm, package.json) in
Debian's Chromium through playwright and saved as ``site_assets/diagrams/<page>.svg`` (``<page>-2.svg`` for a
second block…), which is committed. The SVG carries the sha256 of its source (``data-source-sha256``), and
site_assets/hooks/diagrams.py puts it inline in the page in place of the block, failing the build when the
source changed and the drawing was not made again. So a build needs neither Chromium nor mermaid.

The drawing is made to work under the site's strict Content-Security-Policy (no ``style-src 'unsafe-inline'``):
labels are SVG text (no HTML in foreignObject), and mermaid's ``<style>`` and ``style`` attributes are replaced
by the presentation attributes the browser computed from them (``fill``, ``stroke``, ``font-size``…).
"""

from __future__ import annotations

import hashlib
import re
from pathlib import Path

ROOT = Path(__file__).resolve().parents[2]
DOCS = ROOT / "docs"
HERE = ROOT / "site_assets" / "diagrams"
MERMAID_JS = ROOT / "node_modules" / "mermaid" / "dist" / "mermaid.min.js"
CHROMIUM = "/usr/bin/chromium"
BLOCK = re.compile(r"^``` ?mermaid\n(.*?)^```$", re.S | re.M)
FONTS = 'system-ui, -apple-system, "PingFang SC", "Microsoft YaHei", "Noto Sans CJK SC", sans-serif'

DRAW = """async ([source, id, fonts]) => {
  mermaid.initialize({ startOnLoad: false, securityLevel: "strict", theme: "default", fontFamily: fonts,
                       htmlLabels: false, flowchart: { htmlLabels: false } });
  const { svg } = await mermaid.render(id, source);
  const host = document.createElement("div");
  host.innerHTML = svg;
  document.body.append(host);
  const root = host.querySelector("svg");
  const PROPS = ["fill", "fill-opacity", "stroke", "stroke-width", "stroke-dasharray", "stroke-opacity",
    "stroke-linecap", "stroke-linejoin", "font-family", "font-size", "font-weight", "font-style", "text-anchor",
    "dominant-baseline", "opacity", "display", "visibility"];
  const NOT_INHERITED = { opacity: "1", display: "inline" };
  const computed = new Map();
  for (const el of [root, ...root.querySelectorAll("*")]) computed.set(el, getComputedStyle(el));
  for (const el of [root, ...root.querySelectorAll("*")]) {
    if (["style", "title", "desc"].includes(el.localName)) continue;
    const own = computed.get(el);
    const parent = el === root ? null : computed.get(el.parentElement);
    for (const p of PROPS) {
      const value = own.getPropertyValue(p);
      const base = p in NOT_INHERITED ? NOT_INHERITED[p] : parent && parent.getPropertyValue(p);
      if (value && value !== base && !(p === "display" && value === "block")) el.setAttribute(p, value);
    }
  }
  for (const el of root.querySelectorAll("[style]")) el.removeAttribute("style");
  for (const el of root.querySelectorAll("style")) el.remove();
  const box = root.viewBox.baseVal;
  root.removeAttribute("style");
  root.setAttribute("width", String(Math.ceil(box.width)));
  root.setAttribute("height", String(Math.ceil(box.height)));
  root.setAttribute("role", "img");
  return root.outerHTML;
}"""


def mermaid_blocks(markdown: str) -> list[str]:
    """The sources of the mermaid blocks of a page, in order, as written."""
    return [m.group(1) for m in BLOCK.finditer(markdown)]


def source_hash(source: str) -> str:
    return hashlib.sha256(source.encode("utf-8")).hexdigest()


def svg_path(page: str, n: int) -> Path:
    """The drawing of the n-th (from 1) block of docs/<page>.md."""
    return HERE / (f"{page}.svg" if n == 1 else f"{page}-{n}.svg")


def recorded_hash(svg: str) -> str | None:
    match = re.search(r'data-source-sha256="([0-9a-f]{64})"', svg)
    return match.group(1) if match else None


def draw(sources: list[tuple[str, str]]) -> list[str]:
    """(id, mermaid source) -> SVG text, in Chromium."""
    from playwright.sync_api import sync_playwright

    out = []
    with sync_playwright() as pw:
        browser = pw.chromium.launch(executable_path=CHROMIUM, args=["--no-sandbox"])
        page = browser.new_page()
        page.set_content("<!doctype html><html lang='zh-CN'><head><meta charset='utf-8'></head><body></body></html>")
        page.add_script_tag(path=str(MERMAID_JS))
        for ident, source in sources:
            svg = page.evaluate(DRAW, [source, ident, FONTS])
            svg = svg.replace("<svg ", f'<svg data-source-sha256="{source_hash(source)}" ', 1)
            out.append(svg)
        browser.close()
    return out


def main() -> None:
    missing = [p for p in (Path(CHROMIUM), MERMAID_JS) if not p.exists()]
    if missing:
        raise SystemExit(
            f"render.py: {', '.join(map(str, missing))} missing. Drawing the diagrams needs Debian's chromium "
            "(apt-get install chromium) and `npm ci`; the build itself uses the committed SVG files."
        )
    jobs = []
    for md in sorted(DOCS.rglob("*.md")):
        page = md.relative_to(DOCS).with_suffix("").as_posix().replace("/", "-")
        for n, source in enumerate(mermaid_blocks(md.read_text(encoding="utf-8")), start=1):
            jobs.append((svg_path(page, n), f"{page}-diagram-{n}", source))
    for (path, _ident, _source), svg in zip(jobs, draw([(i, s) for _p, i, s in jobs]), strict=True):
        path.write_text(svg + "\n", encoding="utf-8")
        print(f"render.py: wrote {path.relative_to(ROOT)} ({len(svg) // 1024} KB)")


if __name__ == "__main__":
    main()
