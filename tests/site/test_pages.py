"""Every page of the built site, in Chromium: clean load, accessibility, phone width; the notice text; print.

The form and self-check pages start the Python checker; their own tests load them once it is ready and run axe
and the 390 px check there (test_form: test_axe_on_the_form_page, test_screenshots[390]; test_self_check:
test_axe_on_the_self_check_page, test_screenshots[390]), so they are not loaded again here.
Pictures of every page are taken by ``make screenshots`` (test_screenshots_of_every_page)."""

from __future__ import annotations

import re
from collections.abc import Callable
from pathlib import Path

import pytest
from conftest import SiteGuard
from helpers import axe_violations, format_violations, screenshot, sideways_overflow
from playwright.sync_api import BrowserContext, Page, expect

ROOT = Path(__file__).resolve().parents[2]
DOCS = ROOT / "docs"
NOTICE_TXT = ROOT / "tests" / "unit" / "golden" / "notice-source.txt"  # the notice as published


def _url_path(md: Path) -> str:
    rel = md.relative_to(DOCS).with_suffix("").as_posix()
    if rel == "index":
        return ""
    if rel.endswith("/index"):
        return rel[: -len("index")]
    return rel + "/"


ALL_PAGES = sorted(_url_path(p) for p in DOCS.rglob("*.md"))
# Pages that start the Python checker, checked by their own tests (see above).
CHECKER_PAGES = ["apply/", "self-check/"]
PAGES = [p for p in ALL_PAGES if p not in CHECKER_PAGES]
# Pages that only read: the notice and the guidance. They must not load the Python runtime.
READING_PAGES = ["", "notice/", "conditions/", "roles/", "process/", "areas/", "faq/", "contacts/"]


def _slug(path: str) -> str:
    return path.strip("/").replace("/", "-") or "home"


def _open(page: Page, url: str) -> None:
    page.goto(url, wait_until="networkidle")


def _phone(new_context: Callable[..., BrowserContext]) -> Page:
    context = new_context(viewport={"width": 390, "height": 844}, device_scale_factor=2, is_mobile=True)
    return context.new_page()


@pytest.mark.parametrize("path", PAGES)
def test_page_loads_cleanly_and_has_no_serious_axe_violation(
    page: Page, site_url: str, site_guard: SiteGuard, path: str
) -> None:
    """No console error, no failed or off-site request (the guard), an h1, and axe finds nothing serious."""
    page.set_viewport_size({"width": 1280, "height": 900})
    _open(page, site_url + path)
    expect(page.locator("article h1").first).to_be_visible()
    violations = axe_violations(page)
    assert violations == [], format_violations(violations)


@pytest.mark.parametrize("path", PAGES)
def test_page_at_390px(new_context: Callable[..., BrowserContext], site_url: str, path: str) -> None:
    """Phone width: nothing overflows the page sideways (wide tables scroll inside their own box)."""
    page = _phone(new_context)
    _open(page, site_url + path)
    overflow = sideways_overflow(page)
    assert overflow <= 0, f"page is {overflow}px wider than a 390px screen"


@pytest.mark.screenshots
def test_screenshots_of_every_page(page: Page, new_context: Callable[..., BrowserContext], site_url: str) -> None:
    """build/screenshots/<page>-desktop.png and <page>-390.png of every page, and the printed notice."""
    page.set_viewport_size({"width": 1280, "height": 900})
    phone = _phone(new_context)
    for path in ALL_PAGES:
        _open(page, site_url + path)
        screenshot(page, f"{_slug(path)}-desktop")
        _open(phone, site_url + path)
        screenshot(phone, f"{_slug(path)}-390")
    _open(page, site_url + "notice/")
    page.emulate_media(media="print")
    screenshot(page, "notice-print")


@pytest.mark.parametrize("path", READING_PAGES)
@pytest.mark.service_workers
def test_reading_pages_load_no_python_runtime(page: Page, site_url: str, site_guard: SiteGuard, path: str) -> None:
    _open(page, site_url + path)
    assert site_guard.requests, "the guard saw no request"
    runtime = [u for u in site_guard.requests if "/pyodide/" in u or u.endswith(".wasm")]
    by_sw = [u for u in runtime if u in site_guard.service_worker_requests]
    assert runtime == [], (
        f"a reading page loaded the Python runtime ({len(by_sw)} of {len(runtime)} requests by the service worker)"
    )


# --- the notice ----------------------------------------------------------------------------------------------


def notice_sentences() -> list[str]:
    """The seed notice cut into sentences (at 。；！？ and line ends), whitespace removed, markup-free."""
    text = NOTICE_TXT.read_text(encoding="utf-8")
    text = re.sub(r"<(https?://[^>]+)>", r"\1", text)  # the seed writes the system's address as <url>
    # The seed breaks one word across a page boundary ("主管部\n\n门"): whitespace is removed below anyway.
    sentences = []
    for line in text.splitlines():
        for part in re.split(r"(?<=[。；！？])", line):
            part = re.sub(r"\s+", "", part)
            if re.search(r"\w", part):  # skip rules such as "--" that only draw a blank box
                sentences.append(part)
    return sentences


def _squash(text: str) -> str:
    return re.sub(r"\s+", "", text)


def test_seed_has_sentences() -> None:
    sentences = notice_sentences()
    assert len(sentences) > 80
    clause_4 = (
        "（四）三年内未发生重大服务质量、安全、环境保护等事故，"
        "未受到相关部门的通报、行政处分及被媒体曝光造成严重社会影响。"
    )
    assert clause_4 in sentences


def test_every_sentence_of_the_notice_is_on_the_notice_page(page: Page, site_url: str) -> None:
    _open(page, site_url + "notice/")
    article = _squash(page.locator("article").inner_text())
    missing = [s for s in notice_sentences() if s not in article]
    assert missing == [], "sentences of the published notice missing from the notice page:\n" + "\n".join(missing)


def test_notice_has_real_headings_and_form_tables(page: Page, site_url: str) -> None:
    _open(page, site_url + "notice/")
    h2 = [_squash(t) for t in page.locator("article h2").all_inner_texts()]
    for heading in ["一、总体要求", "二、试点单位的基本条件", "三、试点的推荐和申报步骤", "四、其他事项"]:
        assert heading in h2
    assert "社会管理和公共服务综合标准化试点申请书" in h2
    h3 = [_squash(t) for t in page.locator("article h3").all_inner_texts()]
    assert "填写说明" in h3
    for prefix in ["一、承担单位基本信息", "二、", "三、", "四、", "五、经费保障情况", "六、"]:
        assert any(h.startswith(prefix) for h in h3), prefix
    attachment = page.locator("section.smpls-attachment")
    assert attachment.locator("table").count() == 6
    labels = [_squash(t) for t in attachment.locator("table").first.locator("th").all_inner_texts()]
    for label in ["单位名称", "组织机构代码", "法人注册地址", "业务范围", "标准化工作自我评价"]:
        assert label in labels
    schedule_headers = _squash(attachment.locator("table").nth(3).locator("thead").inner_text())
    assert schedule_headers == "时间阶段工作内容负责单位及参与单位"


def test_printed_notice_has_no_navigation_chrome(page: Page, site_url: str) -> None:
    page.set_viewport_size({"width": 1280, "height": 900})
    _open(page, site_url + "notice/")
    chrome = [".md-header", ".md-sidebar--primary", ".md-sidebar--secondary", ".md-footer", ".md-search"]
    assert page.locator(".md-header").is_visible()  # on screen the chrome is there
    page.emulate_media(media="print")
    for selector in chrome:
        for el in page.locator(selector).all():
            expect(el).to_be_hidden()
    expect(page.locator("h1#notice")).to_be_visible()
    expect(page.locator("h2#attachment")).to_be_visible()
    expect(page.locator(".smpls-screen-only")).to_be_hidden()


# --- home ------------------------------------------------------------------------------------------------------


def test_home_shows_key_facts_and_three_journeys(page: Page, site_url: str) -> None:
    _open(page, site_url)
    text = _squash(page.locator("article").inner_text())
    for fact in ["国标委发〔2021〕31号", "2021年11月4日", "2021年12月20日", "http://smpls.cnis.ac.cn/"]:
        assert fact in text
    journeys = page.locator(".smpls-journeys a")
    assert journeys.all_inner_texts() == ["阅读通知", "自查申报条件", "填写申请书"]
    hrefs = [journeys.nth(i).get_attribute("href") for i in range(3)]
    assert hrefs == ["notice/", "self-check/", "apply/"]


# --- guidance ------------------------------------------------------------------------------------------------


def test_conditions_have_stable_anchors(page: Page, site_url: str) -> None:
    _open(page, site_url + "conditions/")
    for n in range(1, 5):
        heading = page.locator(f"h2#condition-{n}")
        expect(heading).to_have_count(1)
    expect(page.locator("#condition-4 + .smpls-quote blockquote")).to_contain_text("三年内未发生重大服务质量")


def test_roles_page_names_all_five_roles(page: Page, site_url: str) -> None:
    _open(page, site_url + "roles/")
    for anchor, name in [
        ("lead-unit", "承担单位"),
        ("participating-units", "参加单位"),
        ("guarantor", "保证单位"),
        ("guidance-unit", "业务指导单位"),
        ("management-unit", "管理单位"),
    ]:
        expect(page.locator(f"h2#{anchor}")).to_have_text(name)


def test_paper_copies_are_explained(page: Page, site_url: str) -> None:
    _open(page, site_url + "process/")
    table = _squash(page.locator("h2#paper-copies").locator("xpath=following::table[1]").inner_text())
    for keeper in ["试点承担单位", "业务指导单位", "试点管理单位", "部级联席办公室"]:
        assert "1份" + keeper in table
