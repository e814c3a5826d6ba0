"""The self-check page (docs/self-check.md) in Chromium, as a user: answering, the verdict, carrying, printing.

Every question, answer, reason and prefill target comes from smpls.eligibility (QUESTIONS, CONDITIONS and
evaluate() run here on CPython): the page must show exactly what the same Python function says in the browser.
"""

from __future__ import annotations

import json
import re
import subprocess
from pathlib import Path
from typing import Any
from urllib.parse import urljoin
from urllib.request import urlopen

import pytest
from conftest import SiteGuard
from helpers import SCREENSHOTS, axe_violations, format_violations, screenshot
from playwright.sync_api import Locator, Page, expect

from smpls.eligibility import CONDITIONS, INFO, MET, NOT_MET, QUESTIONS, UNKNOWN, UNSURE, Question, evaluate
from smpls.fields import field_by_path
from smpls.notice import CLAUSES, status_note

READY_TIMEOUT = 120_000  # ms; the Python checker loads in a worker (slower when the machine is busy)
STORAGE_KEY = "smpls-self-check"
DRAFT_KEY = "smpls-draft"
ASKED = [q for q in QUESTIONS if q.kind != "text"]
#: the questions that decide the verdict (the focus area is asked for information only)
DECIDING = [q for q in ASKED if not next(c for c in CONDITIONS if c.id == q.condition).informational]
TEXTS = [q for q in QUESTIONS if q.kind == "text"]


def status_of(answers: dict[str, str], condition: str) -> str:
    return next(r.status for r in evaluate(answers).reasons if r.condition == condition)


def met_answer(q: Question) -> str:
    """The answer that meets q's condition (q.good, or for a choice without one, the first option that does)."""
    if q.good:
        return q.good
    return q.options[0]  # an informational question: any answer leaves the verdict as it is


ALL_MET: dict[str, str] = {q.id: met_answer(q) for q in ASKED}
# (question, the answer that fails its condition) for every question that can fail a condition
FAILING: list[tuple[Question, str]] = [
    (q, o) for q in ASKED for o in q.options if o != UNSURE and status_of({**ALL_MET, q.id: o}, q.condition) == NOT_MET
]
# (question, an answer that leaves its condition open)
OPEN: list[tuple[Question, str]] = [
    (q, next(o for o in q.options if status_of({**ALL_MET, q.id: o}, q.condition) == UNKNOWN)) for q in DECIDING
]


def test_the_data_drives_every_case() -> None:
    assert evaluate(ALL_MET).overall == MET
    failing_conditions = {q.condition for q, _ in FAILING}
    # every condition of 通知二 can fail on its own; the focus area of 通知一 never changes the verdict
    assert failing_conditions == {c.id for c in CONDITIONS if c.clause.startswith("通知二")}
    assert len(OPEN) == len(DECIDING) == len(ASKED) - 1


# ---------------------------------------------------------------- helpers


def page_url(site_url: str, site_dir: Path, name: str) -> str:
    return site_url + (f"{name}.html" if (site_dir / f"{name}.html").is_file() else f"{name}/")


def open_check(page: Page, site_url: str, site_dir: Path, *, ready: bool = True) -> None:
    page.goto(page_url(site_url, site_dir, "self-check"))
    page.wait_for_selector(".smpls-sc--js")
    if ready:
        page.wait_for_selector('.smpls-sc-status[data-state="ready"]', timeout=READY_TIMEOUT)


def group(page: Page, q: Question) -> Locator:
    return page.get_by_role("group", name=q.text, exact=True)


def answer(page: Page, q: Question, value: str) -> None:
    if q.kind == "text":
        page.get_by_label(q.text).fill(value)
    else:
        group(page, q).get_by_label(value, exact=True).check()


def answer_all(page: Page, answers: dict[str, str]) -> None:
    for q in QUESTIONS:
        if q.id in answers:
            answer(page, q, answers[q.id])


REQUIRED = [q for q in QUESTIONS if q.required]


def shown_word(answers: dict[str, str]) -> str:
    """What the page shows for the verdict: no verdict before any answer, how many are left while none fails."""
    n, total = sum(1 for q in REQUIRED if answers.get(q.id)), len(REQUIRED)
    if not n:
        return f"还没有回答（0/{total}）"
    overall = evaluate(answers).overall
    return f"还没有答完（{n}/{total}）" if overall == UNKNOWN and n < total else overall


def expect_verdict(page: Page, answers: dict[str, str]) -> None:
    """The page shows what smpls.eligibility.evaluate says for these answers: overall, status and reason."""
    verdict = evaluate(answers)
    answered = any(answers.get(q.id) for q in REQUIRED)
    result = page.locator("[data-result]")
    expect(page.locator("[data-verdict]")).to_have_text(shown_word(answers), timeout=READY_TIMEOUT)
    expect(result).to_have_attribute("data-overall", verdict.overall if answered else "")
    expect(page.locator("[data-bar-verdict]")).to_have_text(shown_word(answers))
    for r in verdict.reasons:
        row = result.locator(f'[data-reason="{r.condition}"]')
        status = r.status if answered or r.status == INFO else ""
        expect(row).to_have_attribute("data-status", status)
        expect(row.locator("[data-tag]")).to_have_text(status or "未回答")
        expect(row.locator("[data-text]")).to_have_text(r.reason)
        expect(row).to_contain_text(r.clause)
        expect(row.locator(f'a[href$="#{r.anchor}"]')).to_have_count(1)


def stored_draft(page: Page) -> Any:
    text = page.evaluate(f"() => localStorage.getItem('{DRAFT_KEY}')")
    return json.loads(text)["draft"] if text else None


def wait_saved(page: Page, needle: str) -> None:
    page.wait_for_function(
        "([key, needle]) => (localStorage.getItem(key) || '').includes(needle)", arg=[STORAGE_KEY, needle]
    )


# ---------------------------------------------------------------- the page before and without Python


def test_questions_are_in_the_html_from_the_data(new_context: Any, site_url: str, site_dir: Path) -> None:
    """Without JavaScript the page still shows every condition, clause, question, hint and answer choice."""
    page = new_context(java_script_enabled=False).new_page()
    page.goto(page_url(site_url, site_dir, "self-check"))
    for c in CONDITIONS:
        section = page.locator(f"#sc-cond-{c.id}")
        expect(section.get_by_role("heading", level=2)).to_contain_text(c.clause)
        expect(section.get_by_role("heading", level=2)).to_contain_text(c.title)
        expect(section.locator("blockquote")).to_have_text(c.text)
        link = section.get_by_role("link", name=f"阅读对{c.clause}的解释")
        expect(link).to_have_attribute("href", re.compile(f"#{re.escape(c.anchor)}$"))
        # the quoted clause names its source and links to it on the notice page
        source = section.locator(".smpls-quote figcaption a")
        expect(source).to_have_text(c.clause)
        expect(source).to_have_attribute("href", re.compile(re.escape(c.notice_href.removeprefix("notice")) + "$"))
    # the conditions of 通知二 come first; what is asked for information only comes after them
    order = page.locator(".smpls-sc-cond").evaluate_all("els => els.map(e => e.dataset.condition)")
    assert order == [c.id for c in sorted(CONDITIONS, key=lambda c: c.informational)]
    # next to the verdict: the batch has closed (static text from smpls.notice), and what the page is still for
    closed = page.locator("#sc-result [data-closed]")
    expect(closed).to_have_text(status_note())
    expect(closed).to_be_visible()
    for q in ASKED:
        g = group(page, q)
        expect(g).to_have_count(1)
        for option in q.options:
            expect(g.get_by_label(option, exact=True)).to_be_visible()
        if q.hint:
            expect(g).to_contain_text(q.hint)
    for q in TEXTS:
        box = page.get_by_label(q.text)
        expect(box).to_be_visible()
        expect(box).not_to_have_attribute("maxlength", re.compile(".*"))  # nothing stops typing (issue 19)
    # the "explanation" links lead to an element with that id on the guidance page
    base = page_url(site_url, site_dir, "self-check")
    for c in CONDITIONS:
        href = page.locator(f"#sc-cond-{c.id} .smpls-sc-guide a").get_attribute("href")
        assert href
        target, _, anchor = urljoin(base, href).partition("#")
        assert anchor == c.anchor
        with urlopen(target) as resp:
            assert f'id="{anchor}"' in resp.read().decode("utf-8"), f"{target} has no #{anchor}"


@pytest.mark.allow_failed_requests(r"/pyodide/")
@pytest.mark.allow_console_errors(
    r"pyodide|Pyodide|wasm|WebAssembly|worker|Worker", why="the runtime is made to fail (404): Pyodide logs it"
)
def test_no_verdict_is_made_up_when_python_fails(page: Page, site_url: str, site_dir: Path) -> None:
    page.route(re.compile(r".*/pyodide/.*"), lambda route: route.fulfill(status=404, body="missing"))
    open_check(page, site_url, site_dir, ready=False)
    answer_all(page, ALL_MET)
    status = page.locator(".smpls-sc-status")
    expect(status).to_have_attribute("data-state", "failed", timeout=READY_TIMEOUT)
    expect(status).to_contain_text("无法给出结论")
    expect(page.locator("[data-result]")).to_have_attribute("data-overall", "")
    expect(page.locator("[data-verdict]")).to_have_text("未得出")
    for c in CONDITIONS:
        expect(page.locator(f'[data-reason="{c.id}"]')).to_have_attribute("data-status", "")
    for word in (MET, NOT_MET, UNKNOWN):
        expect(page.locator(".smpls-sc-reasons [data-tag]", has_text=word)).to_have_count(0)
    # the answers are still kept
    wait_saved(page, next(iter(ALL_MET.values())))


# ---------------------------------------------------------------- the verdict from Python


def test_all_conditions_met(page: Page, site_url: str, site_dir: Path) -> None:
    open_check(page, site_url, site_dir)
    expect_verdict(page, {})  # nothing answered yet: no verdict, "还没有回答（0/8）" (Python says 需进一步确认)
    expect(page.locator("[data-verdict]")).to_have_text(f"还没有回答（0/{len(REQUIRED)}）")
    assert evaluate({}).overall == UNKNOWN
    expect(page.locator("[data-next]")).to_be_hidden()
    answer_all(page, ALL_MET)
    expect_verdict(page, ALL_MET)
    # after 符合: the next steps, the notice's words quoted (保证单位, 业务指导单位, 管理单位, 一式4份)
    steps = page.locator("[data-next]")
    expect(steps).to_be_visible()
    for words in ("保证单位", "业务指导单位", "填写申请书", "一式4份"):
        expect(steps).to_contain_text(words)
    for quoted in steps.locator("q").all_inner_texts():
        assert any(quoted in c.text for c in CLAUSES), quoted
    for r in evaluate(ALL_MET).reasons:
        assert r.status in (MET, INFO)
        expect(page.locator(f'[data-reason="{r.condition}"]')).to_have_attribute("data-status", r.status)


@pytest.mark.parametrize("condition", sorted({q.condition for q, _ in FAILING}))
def test_each_condition_failing_alone(page: Page, site_url: str, site_dir: Path, condition: str) -> None:
    open_check(page, site_url, site_dir)
    answer_all(page, ALL_MET)
    expect_verdict(page, ALL_MET)
    for q, bad in [(q, o) for q, o in FAILING if q.condition == condition]:
        answers = {**ALL_MET, q.id: bad}
        answer(page, q, bad)
        expect_verdict(page, answers)
        assert evaluate(answers).overall == NOT_MET
        row = page.locator(f'[data-reason="{condition}"]')
        expect(row).to_have_attribute("data-status", NOT_MET)
        expect(row).to_contain_text(q.text)  # the reason names the answer that fails
        for other in CONDITIONS:
            if other.id != condition:
                expect(page.locator(f'[data-reason="{other.id}"]')).to_have_attribute(
                    "data-status", status_of(answers, other.id)
                )
        answer(page, q, ALL_MET[q.id])
        expect_verdict(page, ALL_MET)


INFORMATIONAL = [q for q in ASKED if q not in DECIDING]


def test_the_focus_area_never_lowers_the_verdict(page: Page, site_url: str, site_dir: Path) -> None:
    """Every answer to an informational question (or none) leaves 符合 as it is, in Python and on the page."""
    assert INFORMATIONAL, "the data has no informational question"
    deciding = {q.id: ALL_MET[q.id] for q in DECIDING}
    open_check(page, site_url, site_dir)
    answer_all(page, deciding)
    expect_verdict(page, deciding)
    for q in INFORMATIONAL:
        for option in q.options:
            answers = {**deciding, q.id: option}
            assert evaluate(answers).overall == MET
            answer(page, q, option)
            expect_verdict(page, answers)
            row = page.locator(f'[data-reason="{q.condition}"]')
            expect(row).to_have_attribute("data-status", INFO)


def test_unknown_answers_need_confirmation(page: Page, site_url: str, site_dir: Path) -> None:
    open_check(page, site_url, site_dir)
    answer_all(page, ALL_MET)
    for q, open_answer in OPEN:
        answers = {**ALL_MET, q.id: open_answer}
        answer(page, q, open_answer)
        expect_verdict(page, answers)
        assert evaluate(answers).overall == UNKNOWN
        expect(page.locator(f'[data-reason="{q.condition}"]')).to_have_attribute("data-status", UNKNOWN)
        answer(page, q, ALL_MET[q.id])
    expect_verdict(page, ALL_MET)


def test_what_fails_or_is_open_comes_first_and_is_named(page: Page, site_url: str, site_dir: Path) -> None:
    failing, bad = FAILING[-1]  # the last condition of 通知二: listed last on the paper
    open_q, unsure = OPEN[0]
    answers = {**ALL_MET, failing.id: bad, open_q.id: unsure}
    open_check(page, site_url, site_dir)
    answer_all(page, answers)
    expect_verdict(page, answers)
    rows = page.locator(".smpls-sc-reasons > li")
    expect(rows.nth(0)).to_have_attribute("data-reason", failing.condition)
    expect(rows.nth(1)).to_have_attribute("data-reason", open_q.condition)
    cond = next(c for c in CONDITIONS if c.id == failing.condition)
    expect(page.locator("[data-overall-text]")).to_contain_text(f"{cond.clause}（{cond.title}）不符合")
    expect(page.locator("[data-next]")).to_be_hidden()


def test_accident_question_explains_and_names_whom_to_ask(page: Page, site_url: str, site_dir: Path) -> None:
    q = next(q for q in QUESTIONS if q.id == "accident")
    open_check(page, site_url, site_dir, ready=False)
    box = group(page, q)
    expect(box).to_contain_text("“重大”")
    expect(box).to_contain_text("标准化行政主管部门")
    expect(box.get_by_role("link", name="联系方式")).to_have_attribute("href", re.compile(r"contacts"))
    # the options in the 申请书's own order (basic.major_accident), then 不确定
    spec = field_by_path("basic.major_accident")
    assert spec is not None
    labels = box.locator("label").all_inner_texts()
    assert labels == [*spec.meta.choices, UNSURE]


def test_edit_link_of_a_reason_goes_to_the_question(page: Page, site_url: str, site_dir: Path) -> None:
    q, bad = FAILING[-1]
    open_check(page, site_url, site_dir)
    answer_all(page, {**ALL_MET, q.id: bad})
    expect_verdict(page, {**ALL_MET, q.id: bad})
    page.locator(f'[data-reason="{q.condition}"] [data-edit]').click()
    expect(group(page, q).get_by_label(bad, exact=True)).to_be_focused()


# ---------------------------------------------------------------- saving


def test_answers_are_restored_after_reload(page: Page, site_url: str, site_dir: Path) -> None:
    answers = {**ALL_MET, OPEN[0][0].id: OPEN[0][1]}
    for q in TEXTS:
        answers[q.id] = "标准化工作领导小组办公室"
    open_check(page, site_url, site_dir)
    answer_all(page, answers)
    expect_verdict(page, answers)
    wait_saved(page, "标准化工作领导小组办公室")
    page.reload()
    page.wait_for_selector(".smpls-sc--js")
    expect(page.locator('[data-note="restored"]')).to_contain_text("已恢复")
    for q in ASKED:
        expect(group(page, q).get_by_label(answers[q.id], exact=True)).to_be_checked()
    for q in TEXTS:
        expect(page.get_by_label(q.text)).to_have_value(answers[q.id])
    expect_verdict(page, answers)
    # 清空回答 removes them, here and after a reload
    page.get_by_role("button", name="清空回答").click()
    expect_verdict(page, {})
    page.reload()
    page.wait_for_selector(".smpls-sc--js")
    for q in ASKED:
        expect(group(page, q).locator("input:checked")).to_have_count(0)


# ---------------------------------------------------------------- carrying answers into the form


def carried(answers: dict[str, str]) -> dict[str, str]:
    prefill = evaluate(answers).prefill
    assert prefill, "nothing to carry: the test data has no Prefill"
    return prefill


def expect_form_shows(page: Page, values: dict[str, str]) -> None:
    page.wait_for_selector(".smpls-form--js")
    # let the form's checker finish loading, so that leaving the page cuts no request off
    page.wait_for_selector('.smpls-status:not([data-state="loading"])', timeout=READY_TIMEOUT)
    for path, value in values.items():
        assert field_by_path(path) is not None
        expect(page.locator(f'[name="{path}"]')).to_have_value(value)  # 是/否 too: a text box with a list


def answers_with_text(text: str) -> dict[str, str]:
    return {**ALL_MET, **{q.id: text for q in TEXTS}}


def test_start_carries_answers_into_an_empty_draft(page: Page, site_url: str, site_dir: Path) -> None:
    answers = answers_with_text("标准化工作领导小组")
    values = carried(answers)
    open_check(page, site_url, site_dir)
    answer_all(page, answers)
    expect_verdict(page, answers)
    page.get_by_role("link", name="开始填写申请书").click()
    page.wait_for_url(re.compile(r"/apply(/|\.html)"))
    expect_form_shows(page, values)
    draft = stored_draft(page)
    for path, value in values.items():
        section, name = path.split(".")
        assert draft[section][name] == value


def fill_form(page: Page, site_url: str, site_dir: Path, values: dict[str, str]) -> None:
    """Type into the 申请书 form like a person, and wait until it is saved."""
    page.goto(page_url(site_url, site_dir, "apply"))
    page.wait_for_selector(".smpls-form--js")
    for path, value in values.items():
        assert field_by_path(path) is not None
        page.locator(f'[name="{path}"]').fill(value)  # 是/否 too: a text box with a list
    page.wait_for_function(
        "([key, v]) => (localStorage.getItem(key) || '').includes(v)", arg=[DRAFT_KEY, list(values.values())[-1]]
    )
    page.wait_for_selector('.smpls-status:not([data-state="loading"])', timeout=READY_TIMEOUT)


def different(path: str, value: str) -> str:
    """A value for the form field at ``path`` that differs from ``value`` (another choice, or other text)."""
    spec = field_by_path(path)
    assert spec is not None
    if spec.meta.choices:
        return next(c for c in spec.meta.choices if c != value)
    return "标准化办公室"


def test_start_asks_before_replacing_what_the_form_has(page: Page, site_url: str, site_dir: Path) -> None:
    answers = answers_with_text("标准化工作领导小组")
    values = carried(answers)
    typed = {path: different(path, v) for path, v in values.items()}
    fill_form(page, site_url, site_dir, {"cover.pilot_name": "临湖市政务服务综合标准化试点", **typed})

    open_check(page, site_url, site_dir)
    answer_all(page, answers)
    expect_verdict(page, answers)
    start = page.get_by_role("link", name="开始填写申请书")
    start.click()
    dialog = page.get_by_role("dialog", name="申请书草稿中已有不同的内容")
    expect(dialog).to_be_visible()
    for path, value in values.items():
        spec = field_by_path(path)
        assert spec is not None
        box = dialog.get_by_role("group", name=spec.meta.label)
        expect(box.get_by_role("radio", name=f"保留申请书中的“{typed[path]}”")).to_be_checked()
        expect(box.get_by_role("radio", name=f"改为自查回答“{value}”")).not_to_be_checked()
    assert not axe_violations(page), format_violations(axe_violations(page))

    # Escape closes the dialog like 取消
    page.keyboard.press("Escape")
    expect(dialog).to_be_hidden()
    expect(page.locator('[data-note="carry"]')).to_contain_text("没有任何改动")
    start.click()
    expect(dialog).to_be_visible()
    # cancel: nothing in the draft changes and we stay here
    dialog.get_by_role("button", name="取消").click()
    expect(dialog).to_be_hidden()
    expect(page.locator('[data-note="carry"]')).to_contain_text("没有任何改动")
    assert re.search(r"/self-check(/|\.html)", page.url)
    draft = stored_draft(page)
    for path, value in typed.items():
        section, name = path.split(".")
        assert draft[section][name] == value
    expect(start).to_be_focused()

    # confirm with the default choice: the user's typing is kept
    start.click()
    expect(dialog).to_be_visible()
    dialog.get_by_role("button", name=re.compile("按所选内容填入")).click()
    page.wait_for_url(re.compile(r"/apply(/|\.html)"))
    expect_form_shows(page, {"cover.pilot_name": "临湖市政务服务综合标准化试点", **typed})

    # back, and take the self-check's answer for the first field only
    first = next(iter(values))
    open_check(page, site_url, site_dir)
    start.click()
    expect(dialog).to_be_visible()
    spec = field_by_path(first)
    assert spec is not None
    dialog.get_by_role("group", name=spec.meta.label).get_by_role("radio", name=re.compile("改为自查回答")).check()
    dialog.get_by_role("button", name=re.compile("按所选内容填入")).click()
    page.wait_for_url(re.compile(r"/apply(/|\.html)"))
    expect_form_shows(page, {"cover.pilot_name": "临湖市政务服务综合标准化试点", **typed, first: values[first]})


def test_start_without_conflict_does_not_ask(page: Page, site_url: str, site_dir: Path) -> None:
    """A draft that already holds the same values is left as it is, and other fields are untouched."""
    answers = answers_with_text("标准化工作领导小组")
    values = carried(answers)
    fill_form(page, site_url, site_dir, {"cover.pilot_name": "临湖市政务服务综合标准化试点", **values})
    open_check(page, site_url, site_dir)
    answer_all(page, answers)
    page.get_by_role("link", name="开始填写申请书").click()
    page.wait_for_url(re.compile(r"/apply(/|\.html)"))
    expect_form_shows(page, {"cover.pilot_name": "临湖市政务服务综合标准化试点", **values})


# ---------------------------------------------------------------- print, accessibility, looks


def test_print_shows_questions_answers_and_verdict(page: Page, site_url: str, site_dir: Path) -> None:
    answers = {**ALL_MET, FAILING[0][0].id: FAILING[0][1]}
    open_check(page, site_url, site_dir)
    answer_all(page, answers)
    expect_verdict(page, answers)
    page.evaluate("() => window.dispatchEvent(new Event('beforeprint'))")
    page.emulate_media(media="print")
    expect(page.locator(".md-header")).to_be_hidden()
    expect(page.locator(".md-sidebar--primary")).to_be_hidden()
    expect(page.get_by_role("link", name="开始填写申请书")).to_be_hidden()
    expect(page.locator("[data-printtime]")).to_be_visible()
    for q in ASKED:  # only the chosen answer is printed
        expect(group(page, q).locator(".smpls-radio:visible")).to_have_count(1)
        expect(group(page, q).locator(".smpls-radio:visible")).to_contain_text(answers[q.id])
    screenshot(page, "self-check-print", full_page=True)
    pdf = SCREENSHOTS / "self-check-print.pdf"  # kept for a look, next to the screenshots
    page.pdf(path=str(pdf), format="A4")
    text = subprocess.run(["pdftotext", "-layout", str(pdf), "-"], capture_output=True, text=True, check=True).stdout
    flat = re.sub(r"\s+", "", text)
    verdict = evaluate(answers)
    assert f"结论：{verdict.overall}" in flat
    for q in ASKED:
        assert re.sub(r"\s+", "", q.text) in flat
    for r in verdict.reasons:
        assert re.sub(r"\s+", "", r.reason)[:20] in flat
    assert "开始填写申请书" not in flat.replace("点“开始填写申请书”", "")
    assert "正在准备检查程序" not in flat and "检查程序已就绪" not in flat


def test_axe_on_the_self_check_page(page: Page, site_url: str, site_dir: Path) -> None:
    open_check(page, site_url, site_dir)
    violations = axe_violations(page)
    assert not violations, format_violations(violations)
    answer_all(page, {**ALL_MET, FAILING[0][0].id: FAILING[0][1], OPEN[-1][0].id: OPEN[-1][1]})
    expect(page.locator("[data-result]")).to_have_attribute("data-overall", NOT_MET, timeout=READY_TIMEOUT)
    violations = axe_violations(page)
    assert not violations, format_violations(violations)


@pytest.mark.parametrize("width", [390, 1280])
def test_screenshots(new_context: Any, site_url: str, site_dir: Path, site_guard: SiteGuard, width: int) -> None:
    context = new_context(viewport={"width": width, "height": 900})
    page = context.new_page()
    open_check(page, site_url, site_dir)
    screenshot(page, f"self-check-top-{width}", full_page=False)
    q, bad = FAILING[-1]
    answer_all(page, {**ALL_MET, q.id: bad})
    expect(page.locator("[data-result]")).to_have_attribute("data-overall", NOT_MET, timeout=READY_TIMEOUT)
    group(page, QUESTIONS[0]).scroll_into_view_if_needed()
    screenshot(page, f"self-check-questions-{width}", full_page=False)
    page.locator("#sc-result").scroll_into_view_if_needed()
    screenshot(page, f"self-check-result-{width}", full_page=False)
    overflow = page.evaluate("() => document.documentElement.scrollWidth - document.documentElement.clientWidth")
    assert overflow <= 0, f"the page scrolls sideways by {overflow}px at {width}px"
    # the ask-first dialog, with a draft that differs
    values = evaluate({**ALL_MET, **{t.id: "标准化工作领导小组" for t in TEXTS}}).prefill
    page.evaluate(
        "([key, draft]) => localStorage.setItem(key, JSON.stringify({savedAt: new Date().toISOString(), draft}))",
        [DRAFT_KEY, {"basic": {p.split(".")[1]: different(p, v) for p, v in values.items()}}],
    )
    for t in TEXTS:
        answer(page, t, "标准化工作领导小组")
    page.get_by_role("link", name="开始填写申请书").click()
    expect(page.get_by_role("dialog", name="申请书草稿中已有不同的内容")).to_be_visible()
    screenshot(page, f"self-check-dialog-{width}", full_page=False)


def test_the_forms_no_store_choice_is_respected(page: Page, site_url: str, site_dir: Path) -> None:
    """With 不在这台电脑上保存草稿 chosen on the form page, answers are not stored and nothing is written to a draft."""
    open_check(page, site_url, site_dir)
    page.evaluate("() => localStorage.setItem('smpls-no-store', '1')")
    page.reload()
    page.wait_for_selector('.smpls-sc-status[data-state="ready"]', timeout=READY_TIMEOUT)
    expect(page.locator("[data-saved]")).to_contain_text("不保存在这台电脑上")
    answers = answers_with_text("标准化工作领导小组")
    answer_all(page, answers)
    expect_verdict(page, answers)
    page.get_by_role("link", name="开始填写申请书").click()
    note = page.locator('[data-note="carry"]')
    expect(note).to_contain_text("无法自动带入")
    for path, value in carried(answers).items():
        spec = field_by_path(path)
        assert spec is not None
        expect(note).to_contain_text(f"“{spec.meta.label}”：{value}")
    assert re.search(r"/self-check(/|\.html)", page.url)
    assert page.evaluate(f"() => localStorage.getItem('{STORAGE_KEY}')") is None
    assert stored_draft(page) is None
