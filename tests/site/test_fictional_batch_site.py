"""The site built for the FICTIONAL batch of tests/fictional_batch/not_a_real_notice.py (not a real notice):
``SMPLS_NOTICE`` is the only switch, and the pages show its number, its open call and its changed label.

One build (about as long as the usual one), read as files and then in the browser: the Python in the page uses
the same batch (the lock names its module, worker.js selects it). The real site's build is untouched by it.
The checks of smpls itself with this batch: tests/unit/test_fictional_batch.py.
"""

from __future__ import annotations

import base64
import io
import json
import os
import subprocess
import sys
import zipfile
from pathlib import Path

import pytest
from built_html import article, html_pages, page_file, parse
from conftest import SiteGuard
from helpers import open_form
from playwright.sync_api import Page
from static_server import serve

ROOT = Path(__file__).resolve().parents[2]
FOLDER = ROOT / "tests" / "fictional_batch"

sys.path.insert(0, str(FOLDER))
import not_a_real_notice as fictional  # noqa: E402

sys.path.remove(str(FOLDER))


@pytest.fixture(scope="module")
def site(tmp_path_factory: pytest.TempPathFactory) -> Path:
    site = tmp_path_factory.mktemp("fictional") / "site"
    env = {
        **os.environ,
        "SMPLS_NOTICE": "not_a_real_notice",
        "PYTHONPATH": os.pathsep.join(filter(None, [str(FOLDER), os.environ.get("PYTHONPATH")])),
        "SMPLS_BROTLI_QUALITY": "5",
    }
    subprocess.run(
        [sys.executable, "-m", "mkdocs", "build", "--strict", "--quiet", "-d", str(site)],
        cwd=ROOT,
        env=env,
        check=True,
        timeout=900,
    )
    return site


def test_the_site_built_for_a_fictional_batch_shows_it(site: Path) -> None:
    facts = fictional.NOTICE.facts
    number, deadline = facts.doc_number, "2099年1月15日"

    # every page: the call is open (derived from the deadline and the day of the build), in a static banner
    for path in html_pages(site):
        banner = parse(path).find_all(lambda n: n.attrs.get("id") == "smpls-closed")
        assert banner, path
        text = banner[0].squashed()
        assert facts.batch in text and number in text, path
        assert "尚未截止" in text and "已于" not in text, path

    # the notice page: the fictional head, preamble, clause 一 and deadline; its description from the facts
    notice = parse(page_file(site, "notice/"))
    body = article(notice).squashed()
    assert number in body and facts.title in body
    assert "31号" not in body
    assert f"征集{facts.batch}社会管理和公共服务综合标准化试点项目" in body
    assert "重点围绕养老服务、社区治理、数字政务等领域开展" in body and f"于{deadline}前" in body
    description = notice.find_all(lambda n: n.tag == "meta" and n.attrs.get("name") == "description")
    assert description[0].attrs["content"] == f"{facts.title}（{number}）全文及附件申请书。"

    # the home page's key facts: the number, and the deadline 尚未截止 (not 已截止)
    home = article(parse(page_file(site, ""))).squashed()
    assert number in home
    assert f"{deadline}前（尚未截止）" in home, "the deadline's state is not derived from the notice"
    assert "已截止" not in home

    # the form: the changed label on its field, and in the page config the scripts read
    path, label = fictional.CHANGED_LABEL
    form = parse(page_file(site, "apply/"))
    labels = form.find_all(lambda n: n.tag == "label" and n.attrs.get("for") == "f-" + path.replace(".", "-"))
    assert [n.squashed().rstrip("*") for n in labels] == [label]
    assert f'"label": "{label}"' in page_file(site, "apply/").read_text(encoding="utf-8")

    # the self-check offers the fictional focus areas
    self_check = article(parse(page_file(site, "self-check/"))).squashed()
    assert all(area in self_check for area in fictional.FOCUS_AREAS) and "公共资源交易" not in self_check


def test_the_browsers_python_uses_the_same_batch(site: Path, page: Page, site_guard: SiteGuard) -> None:
    """The lock ships the batch's module in a wheel our wheel depends on and names it in the environment the worker
    sets; the checker in the page then writes the Word file with the batch's own label (the real one: 单位名称)."""
    lock = json.loads((site / "pyodide" / "pyodide-lock.json").read_text(encoding="utf-8"))
    assert lock["smpls"]["env"] == {"SMPLS_NOTICE": "not_a_real_notice"}
    assert "smpls-notice" in lock["packages"]["smpls"]["depends"]
    with zipfile.ZipFile(site / "pyodide" / lock["packages"]["smpls-notice"]["file_name"]) as z:
        assert z.namelist() == ["not_a_real_notice.py"]

    label = fictional.CHANGED_LABEL[1]
    draft = json.loads((ROOT / "examples" / "complete.json").read_text(encoding="utf-8"))
    with serve(site) as (url, _):
        site_guard.origin = url.rstrip("/")  # this site's server, not the real site's
        open_form(page, url, site, ready=True)
        encoded = page.evaluate(
            """async (draft) => {
                const { startChecker } = await import(new URL("../assets/smpls/runtime/checker.js", location.href));
                const { bytes } = await startChecker().call("docx", draft);
                let text = "";
                for (const b of new Uint8Array(bytes)) text += String.fromCharCode(b);
                return btoa(text);
            }""",
            draft,
        )
    with zipfile.ZipFile(io.BytesIO(base64.b64decode(encoded))) as docx:
        body = docx.read("word/document.xml").decode("utf-8")
    assert label in body
