"""Reading the page JavaScript for the contract test (test_js_contract.py): the string literals of a file and its
code without comments, by a small scanner that knows comments, strings, template literals and regex literals
(enough for site_assets/js, which is plain ES modules)."""

from __future__ import annotations

import re
from dataclasses import dataclass

#: after one of these a "/" starts a regex literal, not a division
_REGEX_AFTER = set("(,=:[!&|?{};+-*%<>~^")
_KEYWORD_BEFORE = re.compile(r"\b(?:return|typeof|of|in)\s*$")
CJK = re.compile(r"[\u4e00-\u9fff]")


@dataclass(frozen=True)
class Literal:
    line: int
    text: str  #: the literal's text; a template literal's ${…} parts are written "${…}"
    before: str  #: the code just before it (to tell a console message)


def scan(src: str) -> tuple[list[Literal], str]:
    """The string literals of ``src``, and its code with comments removed and each literal replaced by ``""``."""
    found: list[Literal] = []
    code: list[str] = []
    i, n, line, last = 0, len(src), 1, ""
    while i < n:
        c = src[i]
        if src.startswith("//", i):
            j = src.find("\n", i)
            i = n if j < 0 else j
            continue
        if src.startswith("/*", i):
            j = src.find("*/", i + 2)
            j = n if j < 0 else j + 2
            line += src.count("\n", i, j)
            code.append("\n" * src.count("\n", i, j))
            i = j
            continue
        if c == "/" and (last in _REGEX_AFTER or last == "" or _KEYWORD_BEFORE.search("".join(code[-12:]))):
            j, in_class = i + 1, False
            while j < n and src[j] != "\n":
                d = src[j]
                if d == "\\":
                    j += 2
                    continue
                if d == "[":
                    in_class = True
                elif d == "]":
                    in_class = False
                elif d == "/" and not in_class:
                    break
                j += 1
            code.append(src[i : j + 1])
            i, last = j + 1, "/"
            continue
        if c in "\"'`":
            j, text = i + 1, []
            while j < n and src[j] != c:
                if src[j] == "\\":
                    text.append(src[j : j + 2])
                    j += 2
                elif c == "`" and src.startswith("${", j):
                    k, depth = j + 2, 1
                    while k < n and depth:
                        depth += {"{": 1, "}": -1}.get(src[k], 0)
                        k += 1
                    text.append("${…}")
                    j = k
                else:
                    text.append(src[j])
                    j += 1
            found.append(Literal(line, "".join(text), "".join(code)[-120:]))
            line += src.count("\n", i, j + 1)
            code.append('""')
            i, last = j + 1, '"'
            continue
        if c == "\n":
            line += 1
        if not c.isspace():
            last = c
        code.append(c)
        i += 1
    return found, "".join(code)


#: a literal that is a developer's message: to the console, or an Error's (caught and logged, never shown)
_CONSOLE = re.compile(r"(?:console\.\w+|new Error)\([^()]*$")


def chinese_sentences(src: str) -> list[Literal]:
    """The literals a person reads as a Chinese sentence: Chinese text with 。！？ or at least 8 Chinese
    characters, not a console or Error message (those are for developers)."""
    literals, _ = scan(src)
    return [
        lit
        for lit in literals
        if CJK.search(lit.text)
        and not _CONSOLE.search(lit.before)
        and (re.search("[。！？]", lit.text) or len(CJK.findall(lit.text)) >= 8)
    ]
