"""smpls.codes: the shared helpers and a junk-input test over every code module."""

from __future__ import annotations

import pytest

from smpls import codes
from smpls.codes import email_address, orgcode, phone, postcode, uscc

MODULES = [uscc, orgcode, phone, postcode, email_address]
JUNK = ["", " ", "€", "⑱", "3²", "１", "\x00", "\ud800", "𠀀", "😀", "-" * 10, "9" * 10_000, "中" * 100_000, "X" * 18]


@pytest.mark.parametrize("module", MODULES, ids=lambda m: m.__name__.rsplit(".", 1)[-1])
@pytest.mark.parametrize("junk", JUNK, ids=range(len(JUNK)))
def test_junk_is_rejected_with_a_chinese_message(module: object, junk: str) -> None:
    assert module.is_valid(junk) is False  # type: ignore[attr-defined]
    with pytest.raises(codes.CodeError) as info:
        module.validate(junk)  # type: ignore[attr-defined]
    message = str(info.value)
    assert message and any("\u4e00" <= c <= "\u9fff" for c in message)
    assert len(message) < 200  # never echoes a huge input


@pytest.mark.parametrize("module", MODULES, ids=lambda m: m.__name__.rsplit(".", 1)[-1])
@pytest.mark.parametrize("junk", [None, 123, b"100088", ["100088"]], ids=["None", "int", "bytes", "list"])
def test_non_text_is_rejected(module: object, junk: object) -> None:
    assert module.is_valid(junk) is False  # type: ignore[attr-defined]
    with pytest.raises(codes.CodeError, match="应填写文字"):
        module.validate(junk)  # type: ignore[attr-defined]


@pytest.mark.parametrize("module", MODULES, ids=lambda m: m.__name__.rsplit(".", 1)[-1])
def test_same_shape_as_python_stdnum(module: object) -> None:
    for name in ("compact", "validate", "is_valid", "format"):
        assert callable(getattr(module, name))


def test_to_ascii_changes_only_full_width_forms() -> None:
    assert codes.to_ascii("０１０－８２２６１００６") == "010-82261006"
    assert codes.to_ascii("ＡＢ　c") == "AB c"
    assert codes.to_ascii("3²⑱") == "3²⑱"


def test_is_ascii_digits_refuses_other_digits() -> None:
    assert codes.is_ascii_digits("0123")
    for text in ("", "3²", "⑱", "١٢٣", "１２"):
        assert not codes.is_ascii_digits(text)


def test_codes_import_does_not_import_stdnum() -> None:
    import sys

    for name in [m for m in sys.modules if m == "stdnum" or m.startswith("stdnum.")]:
        del sys.modules[name]
    import importlib

    importlib.reload(uscc)
    assert "stdnum.cn.uscc" not in sys.modules
    assert uscc.is_valid("91110000600037341L")
    assert "stdnum.cn.uscc" in sys.modules
