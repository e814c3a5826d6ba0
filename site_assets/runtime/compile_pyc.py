"""Add precompiled bytecode to a zip of Python sources; runs inside Pyodide (Python 3.14), see compile_pyc.mjs.

CPython 3.11 cannot write bytecode for 3.14, so this runs in the same Pyodide the site ships. The .pyc files
are "unchecked hash-based" (PEP 552): Python uses them without comparing timestamps, which matters because
unpacking a wheel or mounting a zip does not keep file times.

layout "zip":   name.pyc beside name.py (zipimport, for python_stdlib.zip); with sourceless=True the .py go.
layout "wheel": pkg/__pycache__/name.cpython-314.pyc (normal import from site-packages), or with
                sourceless=True pkg/name.pyc in place of pkg/name.py; RECORD updated.
"""

from __future__ import annotations

import base64
import hashlib
import io
import os
import py_compile
import sys
import tempfile
import zipfile

TAG = sys.implementation.cache_tag  # cpython-314


def _record_line(name: str, data: bytes) -> str:
    digest = base64.urlsafe_b64encode(hashlib.sha256(data).digest()).rstrip(b"=").decode()
    return f"{name},sha256={digest},{len(data)}"


def _pyc(source: bytes, filename: str, tmp: str) -> bytes | None:
    src = os.path.join(tmp, "m.py")
    out = os.path.join(tmp, "m.pyc")
    with open(src, "wb") as f:
        f.write(source)
    try:
        py_compile.compile(
            src,
            cfile=out,
            dfile=filename,
            doraise=True,
            invalidation_mode=py_compile.PycInvalidationMode.UNCHECKED_HASH,
        )
    except py_compile.PyCompileError:
        return None  # e.g. test files with deliberate syntax errors: leave them as source
    with open(out, "rb") as f:
        return f.read()


def compile_zip(
    src: str,
    dst: str,
    prefix: str,
    layout: str,
    sourceless: bool = False,
    stored: bool = False,
    drop: tuple[str, ...] = (),
) -> None:
    """Write to dst a copy of the zip src with bytecode added; stored=True writes it uncompressed (the site
    then serves it brotli- or gzip-compressed as a whole, which is smaller than a deflated zip). Sourceless
    bytecode sits where the .py was (name.pyc); otherwise in __pycache__. Top-level modules and packages
    named in `drop` are left out."""
    method = zipfile.ZIP_STORED if stored else zipfile.ZIP_DEFLATED
    with open(src, "rb") as f:
        zin = zipfile.ZipFile(io.BytesIO(f.read()))
    out = io.BytesIO()
    record_name = None
    record: list[str] = []
    with tempfile.TemporaryDirectory() as tmp, zipfile.ZipFile(out, "w", method) as zout:
        for info in zin.infolist():
            name = info.filename
            top = name.split("/", 1)[0]
            if top in drop or top.removesuffix(".py") in drop:
                continue
            body = zin.read(info)
            if layout == "wheel" and name.endswith(".dist-info/RECORD"):
                record_name = name
                continue
            pyc = _pyc(body, prefix + name, tmp) if name.endswith(".py") else None
            if not (pyc is not None and sourceless):
                zout.writestr(info, body, compress_type=method)
                record.append(_record_line(name, body))
            if pyc is None:
                continue
            if layout == "zip" or sourceless:
                pyc_name = name[:-3] + ".pyc"
            else:
                folder, _, base = name.rpartition("/")
                pyc_name = (
                    f"{folder}/__pycache__/{base[:-3]}.{TAG}.pyc" if folder else f"__pycache__/{base[:-3]}.{TAG}.pyc"
                )
            zinfo = zipfile.ZipInfo(pyc_name, date_time=info.date_time)
            zinfo.external_attr = info.external_attr
            zout.writestr(zinfo, pyc, compress_type=method)
            record.append(_record_line(pyc_name, pyc))
        if record_name:
            record.append(f"{record_name},,")
            rinfo = zipfile.ZipInfo(record_name, date_time=(2020, 1, 1, 0, 0, 0))
            zout.writestr(rinfo, "\n".join(record) + "\n", compress_type=method)
    with open(dst, "wb") as f:
        f.write(out.getvalue())
