"""smpls.limits: one table of file limits, and the readers read theirs from it."""

from __future__ import annotations

import pytest

from smpls import draft, limits
from smpls.docx import container


def test_the_readers_take_their_limits_from_the_table() -> None:
    assert draft.MAX_BYTES == limits.DRAFT_BYTES
    assert container.MAX_FILE_BYTES == limits.WORD_BYTES
    assert (container.MAX_PART_BYTES, container.MAX_TOTAL_BYTES) == (limits.WORD_PART_BYTES, limits.WORD_TOTAL_BYTES)
    assert limits.largest() == max(limits.DRAFT_BYTES, limits.WORD_BYTES)


@pytest.mark.parametrize(
    ("name", "head", "limit"),
    [
        ("申请书.docx", b"", limits.WORD_BYTES),
        ("旧版.DOC", b"", limits.WORD_BYTES),
        ("表格.wps", b"", limits.WORD_BYTES),
        ("改了名字.json", b"PK\x03\x04", limits.WORD_BYTES),  # a .docx by its first bytes
        ("改了名字.json", bytes.fromhex("d0cf11e0a1b11ae1"), limits.WORD_BYTES),  # an old .doc by its first bytes
        ("草稿.json", b"{", limits.DRAFT_BYTES),
        ("无扩展名", b"", limits.DRAFT_BYTES),
    ],
)
def test_each_file_gets_the_limit_of_the_reader_that_reads_it(name: str, head: bytes, limit: int) -> None:
    assert limits.limit_for(name, head) == limit


def test_messages_name_the_limit_from_the_table() -> None:
    assert "最大可读取 10 MB" in limits.too_large("a.docx", 11 * limits.MB)
    assert "最大可读取 2 MB" in limits.too_large("a.json", 3 * limits.MB) and "3.0 MB" in limits.too_large(
        "a.json", 3 * limits.MB
    )
    problem = draft.parse(b" " * (limits.DRAFT_BYTES + 1))[1]
    assert problem is not None and f"最大可读取 {limits.mb(limits.DRAFT_BYTES)}" in problem.message


def test_page_config_carries_every_limit() -> None:
    config = limits.page_config()
    assert config == {
        "draftBytes": limits.DRAFT_BYTES,
        "wordBytes": limits.WORD_BYTES,
        "largestBytes": limits.largest(),
        "summaryFiles": limits.SUMMARY_FILES,
    }


def test_doctests() -> None:
    import doctest

    result = doctest.testmod(limits)
    assert result.attempted > 0 and result.failed == 0
