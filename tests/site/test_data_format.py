"""The 数据格式 page: tables derived from the model and the published JSON Schema and examples."""

from __future__ import annotations

import json
from pathlib import Path

from playwright.sync_api import Page, expect

from smpls.fields import iter_fields
from smpls.problems import CODES, ERROR, PUBLISHED
from smpls.schema import json_schema

ROOT = Path(__file__).resolve().parents[2]


def test_field_and_code_tables_list_every_field_and_code(page: Page, site_url: str) -> None:
    page.goto(site_url + "data-format/")
    tables = page.locator("table.smpls-data-table")
    expect(tables).to_have_count(3)
    fields_text = tables.nth(0).inner_text()
    for spec in iter_fields():
        assert spec.path in fields_text and spec.meta.label in fields_text, spec.path
    codes_text = tables.nth(2).inner_text()
    for code, info in CODES.items():
        assert code in codes_text and info.description in codes_text, code
    accident = tables.nth(2).locator("tr", has=page.locator("code", has_text="accident"))
    expect(accident.get_by_role("link", name="通知二（四）")).to_have_attribute("href", "../notice/#n-2-4")


def _follow(page: Page, link_name: str) -> object:
    page.get_by_role("link", name=link_name, exact=True).click()
    page.wait_for_load_state()
    return json.loads(page.locator("body").inner_text())


def test_schema_and_examples_links_serve_the_generated_files(page: Page, site_url: str) -> None:
    page.goto(site_url + "data-format/")
    assert _follow(page, "JSON Schema") == json_schema()
    page.go_back()
    complete = json.loads((ROOT / "examples" / "complete.json").read_text(encoding="utf-8"))
    assert _follow(page, "完整的申请书") == complete


def test_every_error_is_listed_with_its_real_basis(page: Page, site_url: str) -> None:
    page.goto(site_url + "data-format/")
    errors = page.locator("table.smpls-data-table").nth(1)
    for code, info in CODES.items():
        basis = info.bases.get(ERROR)
        if basis is None or basis.kind == "format":
            continue
        row = errors.locator("tr", has=page.locator("code", has_text=code)).first
        if basis.kind == "standard":
            for label in basis.label.split("、"):
                published = PUBLISHED[label]
                expect(row).to_contain_text(f"{published.kind}，{published.publisher}")
        else:
            expect(row.get_by_role("link", name=basis.label)).to_be_visible()
    text = page.locator("article").inner_text()
    assert "电话号码编号规则" not in text and "邮政编码 6 位" not in text  # no invented standard
    # RFC 5322 is an IETF RFC, wherever the e-mail's code is listed (its form is a 提示 now, issue 19)
    email_rows = page.locator("table.smpls-data-table tr").filter(
        has=page.locator("code").get_by_text("email", exact=True)
    )
    assert email_rows.count() >= 1
    for i in range(email_rows.count()):
        expect(email_rows.nth(i)).not_to_contain_text("国家标准")
