"""Command line (CPython): ``python -m smpls validate FILE... [--json]``, ``schema``, ``docx DRAFT -o OUT``,
``json FILE.docx [-o DRAFT.json]`` (a Word 申请书 back to a JSON draft). ``validate`` reads .docx files too.

Exit status of ``validate``: 0 when no file has a 错误 (提示 may remain), 1 when any has a 错误,
2 when any file cannot be read as a draft (missing, not JSON, not a draft object, a newer version).
"""

from __future__ import annotations

import argparse
import json
import sys
from collections.abc import Sequence
from datetime import date
from pathlib import Path
from typing import TextIO

from smpls import draft
from smpls.problems import ADVICE, ERROR, Problem

EXIT_OK, EXIT_ERRORS, EXIT_UNREADABLE = 0, 1, 2


def _read(path: str, today: date | None = None) -> draft.ValidationResult:
    try:
        data = sys.stdin.buffer.read() if path == "-" else Path(path).read_bytes()
    except OSError as exc:
        reason = "文件不存在" if isinstance(exc, FileNotFoundError) else (exc.strerror or "无法打开")
        problem = Problem("unreadable", ERROR, "", f"无法读取文件：{reason}。")
        return draft.ValidationResult(None, (problem,))
    if _is_docx(path, data):
        return _read_docx(data, today)[0]
    return draft.load(data, today=today)


def _is_docx(path: str, data: bytes) -> bool:
    return path.lower().endswith(".docx") or data.startswith(b"PK\x03\x04")


def _read_docx(data: bytes, today: date | None = None) -> tuple[draft.ValidationResult, list[str], list[str]]:
    """A Word 申请书 checked, with the reader's notes on what it could not place and what changed in Word."""
    from smpls.docx.reader import DocxError, read_docx

    try:
        result = read_docx(data)
    except DocxError as exc:
        return draft.ValidationResult(None, (Problem(exc.code, ERROR, "", str(exc)),)), [], []
    return draft.validate(result.draft, today=today), list(result.unplaced), list(result.changed)


def _print_result(name: str, result: draft.ValidationResult, out: TextIO) -> None:
    n = result.counts()
    if result.application is None:
        head = "无法读取"
    elif not result.problems:
        head = "没有问题"
    else:
        head = f"{n[ERROR]} 个错误，{n[ADVICE]} 个提示"
    print(f"{name}：{head}", file=out)
    for p in result.problems:
        where = p.path or "（整个文件）"
        print(f"  {p.level}  {where}  [{p.code}]  {p.message}（依据：{p.basis}）", file=out)


def cmd_validate(args: argparse.Namespace) -> int:
    status = EXIT_OK
    reports = []
    for name in args.files:
        result = _read(name, args.today)
        if result.application is None:
            status = EXIT_UNREADABLE
        elif result.errors and status == EXIT_OK:
            status = EXIT_ERRORS
        if args.json:
            reports.append({"file": name, "readable": result.application is not None, **result.to_dict()})
        else:
            _print_result(name, result, sys.stdout)
    if args.json:
        json.dump(reports, sys.stdout, ensure_ascii=False, indent=2)
        sys.stdout.write("\n")
    return status


def cmd_schema(args: argparse.Namespace) -> int:
    from smpls.schema import schema_text

    sys.stdout.write(schema_text())
    return EXIT_OK


def cmd_docx(args: argparse.Namespace) -> int:
    result = _read(args.draft)
    if result.application is None:
        _print_result(args.draft, result, sys.stderr)
        return EXIT_UNREADABLE
    try:
        from smpls import docx as docx_module

        build_docx = docx_module.build_docx
        docx_filename = docx_module.docx_filename
    except (ImportError, AttributeError):
        print("DOCX 导出模块（smpls.docx）尚未安装或不完整，无法生成 Word 文件。", file=sys.stderr)
        return EXIT_UNREADABLE
    data = build_docx(result.application)
    out = Path(args.output) if args.output else Path(docx_filename(result.application))
    out.write_bytes(data)
    print(f"已写入 {out}（{len(data)} 字节）。", file=sys.stderr)
    if result.errors:
        print(f"注意：这份草稿还有 {len(result.errors)} 个错误，申请书尚不完整。", file=sys.stderr)
    return EXIT_OK


def cmd_json(args: argparse.Namespace) -> int:
    try:
        data = sys.stdin.buffer.read() if args.file == "-" else Path(args.file).read_bytes()
    except OSError as exc:
        print(f"{args.file}：无法读取文件：{exc.strerror or '无法打开'}。", file=sys.stderr)
        return EXIT_UNREADABLE
    result, unplaced, changed = _read_docx(data) if _is_docx(args.file, data) else (draft.load(data), [], [])
    if result.application is None:
        _print_result(args.file, result, sys.stderr)
        return EXIT_UNREADABLE
    text = draft.dump(result.application)
    if args.output:
        Path(args.output).write_text(text, encoding="utf-8")
        print(f"已写入 {args.output}。", file=sys.stderr)
    else:
        sys.stdout.write(text)
    if changed:
        print(f"自下载以来在 Word 中修改过的栏目（{len(changed)} 处）：{'、'.join(changed)}", file=sys.stderr)
    print(f"没有读取的内容（{len(unplaced)} 处）" + ("：" if unplaced else "。"), file=sys.stderr)
    for note in unplaced:
        print(f"  {note}", file=sys.stderr)
    return EXIT_OK


def _date(text: str) -> date:
    try:
        return date.fromisoformat(text)
    except ValueError:
        raise argparse.ArgumentTypeError(f"日期应写成 YYYY-MM-DD，例如 2021-12-10，而不是“{text}”") from None


def build_parser() -> argparse.ArgumentParser:
    parser = argparse.ArgumentParser(
        prog="smpls", description="社会管理和公共服务综合标准化试点申请书：校验、JSON Schema、DOCX"
    )
    sub = parser.add_subparsers(dest="command", required=True)
    p = sub.add_parser("validate", help="校验草稿 JSON 文件")
    p.add_argument("files", nargs="+", metavar="FILE", help="草稿文件（JSON 或 Word .docx）；- 表示标准输入")
    p.add_argument("--json", action="store_true", help="以 JSON 输出结果")
    p.add_argument("--today", type=_date, metavar="YYYY-MM-DD", help="按这一天判断日期规则（默认今天）")
    p.set_defaults(func=cmd_validate)
    p = sub.add_parser("schema", help="输出草稿的 JSON Schema")
    p.set_defaults(func=cmd_schema)
    p = sub.add_parser("docx", help="把草稿导出为 Word 申请书")
    p.add_argument("draft", metavar="DRAFT.json")
    p.add_argument("-o", "--output", metavar="OUT.docx", help="输出文件（默认按试点名称命名）")
    p.set_defaults(func=cmd_docx)
    p = sub.add_parser("json", help="把 Word 申请书（.docx）读回为 JSON 草稿，并列出没有读取的内容")
    p.add_argument("file", metavar="FILE.docx", help="Word 申请书；- 表示标准输入")
    p.add_argument("-o", "--output", metavar="OUT.json", help="输出文件（默认写到标准输出）")
    p.set_defaults(func=cmd_json)
    return parser


def main(argv: Sequence[str] | None = None) -> int:
    for stream in (sys.stdout, sys.stderr):
        reconfigure = getattr(stream, "reconfigure", None)
        if reconfigure is not None:
            reconfigure(encoding="utf-8", errors="replace")
    args = build_parser().parse_args(argv)
    status: int = args.func(args)
    return status
