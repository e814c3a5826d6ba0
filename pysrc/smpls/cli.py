"""Command line (CPython): ``python -m smpls validate FILE... [--json]``, ``schema``, ``docx DRAFT -o OUT``,
``json FILE.docx [-o DRAFT.json]`` (a Word 申请书 back to a JSON draft). ``validate`` reads .docx files too.
``summary FILES_OR_FOLDERS... -o 推荐项目清单.xlsx|.docx|.csv [--problems 问题清单.docx|.csv]`` (exit status as
``validate``; the Word list leaves out applications with 错误 unless ``--with-errors``).

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
from typing import Any, TextIO

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


def _summary_files(paths: Sequence[str]) -> list[tuple[str, Path]]:
    """The files named, and those in the folders named (recursively, sorted by path inside the folder as the
    page sorts a dropped folder): *.json and the Word files of :data:`smpls.summary.SUFFIXES`."""
    from smpls.summary import SUFFIXES

    suffixes = set(SUFFIXES)
    out: list[tuple[str, Path]] = []
    for name in paths:
        path = Path(name)
        if path.is_dir():
            found = [p for p in path.rglob("*") if p.is_file() and p.suffix.lower() in suffixes]
            out += sorted(((p.relative_to(path).as_posix(), p) for p in found), key=lambda item: item[0])
        else:
            out.append((path.name, path))
    return out


def _read_limited(path: Path) -> tuple[bytes, int]:
    """The file's first bytes, no more than any reader takes (:func:`smpls.limits.largest` plus one), and its size."""
    from smpls import limits

    with path.open("rb") as stream:
        data = stream.read(limits.largest() + 1)
        return data, max(len(data), path.stat().st_size)


def _write_summary(args: argparse.Namespace, entries: list[Any]) -> None:
    from smpls import summary_export
    from smpls.summary import left_out_message

    out = Path(args.output)
    kind = out.suffix.lower().lstrip(".")
    if kind == "xlsx":
        data = summary_export.to_xlsx(entries, region=args.region, member=args.member)
    elif kind == "docx":
        data = summary_export.to_docx(
            entries,
            region=args.region,
            member=args.member,
            office=args.office,
            day=args.date,
            with_errors=args.with_errors,
        )
        if not args.with_errors and (note := left_out_message(entries)):
            print(f"注意：{note}", file=sys.stderr)
    else:
        data = summary_export.to_csv(entries)
    out.write_bytes(data)
    print(f"已写入 {out}（{len(data)} 字节）。", file=sys.stderr)


def _write_problems(args: argparse.Namespace, entries: list[Any]) -> None:
    from smpls import summary_export

    out = Path(args.problems)
    if out.suffix.lower() == ".docx":
        data = summary_export.problems_docx(entries, region=args.region, member=args.member)
    else:
        data = summary_export.problems_csv(entries)
    out.write_bytes(data)
    print(f"已写入问题清单 {out}（{len(data)} 字节）。", file=sys.stderr)


def cmd_summary(args: argparse.Namespace) -> int:
    from smpls.summary import (
        MAX_FILES,
        Entry,
        check_file,
        duplicates,
        outside_region,
        same_file_message,
        table,
        too_many_message,
    )

    files = _summary_files(args.paths)
    if len(files) > MAX_FILES:
        print(too_many_message(len(files), MAX_FILES), file=sys.stderr)
        files = files[:MAX_FILES]
    entries: list[Entry] = []
    seen: dict[str, str] = {}
    for name, path in files:
        try:
            data, size = _read_limited(path)
        except OSError as exc:
            reason = "文件不存在" if isinstance(exc, FileNotFoundError) else (exc.strerror or "无法打开")
            entries.append(Entry(name, "", False, reason=f"无法读取文件：{reason}。"))
            continue
        entry = check_file(name, data, today=args.today, size=size)
        if entry.hash in seen:
            print(f"注意：{same_file_message(name, seen[entry.hash])}", file=sys.stderr)
            continue
        seen[entry.hash] = name
        entries.append(entry)
    heading, rows = table(entries)
    print("\t".join(heading))
    for row in rows:
        print("\t".join(str(v) for v in row))
    for entry in entries:
        if not entry.readable:
            print(f"无法读取：{entry.file}：{entry.reason}", file=sys.stderr)
    for dup in duplicates(entries):
        print(f"注意：{dup.message}", file=sys.stderr)
    if not args.member:
        for outside in outside_region(entries, args.region):
            print(f"{ADVICE}：{outside.message}（依据：{outside.basis}）", file=sys.stderr)
    status = EXIT_OK
    if any(not e.readable for e in entries) or not files:
        status = EXIT_UNREADABLE
    elif any(e.counts.get(ERROR, 0) for e in entries):
        status = EXIT_ERRORS
    if args.output:
        _write_summary(args, entries)
    if args.problems:
        _write_problems(args, entries)
    return status


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
    p = sub.add_parser("summary", help="汇总多份草稿，生成推荐项目清单（.xlsx、.docx 或 .csv）")
    p.add_argument("paths", nargs="+", metavar="FILE_OR_FOLDER", help="草稿文件，或包含草稿的文件夹")
    p.add_argument("-o", "--output", metavar="推荐项目清单.xlsx", help="输出文件，按扩展名：.xlsx、.docx 或 .csv")
    p.add_argument(
        "--region", default="", metavar="省（区、市）", help="清单标题中的省（区、市），默认“××省（区、市）”"
    )
    p.add_argument(
        "--member",
        default="",
        metavar="成员单位名称",
        help="联席会议成员单位报送时填本单位名称：清单标题用这个名称（不再写省（区、市）），也不核对注册地",
    )
    p.add_argument("--office", default="", metavar="报送单位", help="DOCX 的报送单位名称（默认留空手写）")
    p.add_argument(
        "--with-errors",
        action="store_true",
        help="Word 清单也列入有错误的申请书（试点名称后注“有错误”）；默认不列入，并写明不列入的份数",
    )
    p.add_argument(
        "--problems",
        metavar="问题清单.docx",
        help="另写一份问题清单（每份申请书的错误和提示及其依据，可发回申请单位），按扩展名：.docx 或 .csv",
    )
    p.add_argument("--date", type=_date, metavar="YYYY-MM-DD", help="DOCX 落款日期（默认留空手写）")
    p.add_argument("--today", type=_date, metavar="YYYY-MM-DD", help="按这一天判断日期规则（默认今天）")
    p.set_defaults(func=cmd_summary)
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
