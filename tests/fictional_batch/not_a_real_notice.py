"""NOT A REAL NOTICE: a fictional 第九十九批, made up for the tests only.

No such notice exists; its number, dates, issuer and focus areas are invented. It proves that a later batch is
one data module (plus its own pages): ``SMPLS_NOTICE=not_a_real_notice`` with this folder on ``PYTHONPATH``
makes :mod:`smpls` and the site's build hooks use it instead of 国标委发〔2021〕31号
(tests/unit/test_fictional_batch.py, tests/site/test_fictional_batch_site.py).

It differs from the real batch in: the number, title, issuer and dates (the deadline is 2099-01-15, so the
call is open on the tests' day and on the day the site is built), the focus areas of clause 一, and one label
of the 申请书 (``basic.unit_name`` reads 承担单位全称, not 单位名称). Everything else is the real batch's.
"""

from __future__ import annotations

from dataclasses import replace
from datetime import date

from smpls.notice import EIGHTH_BATCH, Notice, cn_date

BATCH = "第九十九批"
DEADLINE = date(2099, 1, 15)
FOCUS_AREAS = ("养老服务", "社区治理", "数字政务")
#: the one label this batch's 申请书 prints differently
CHANGED_LABEL = ("basic.unit_name", "承担单位全称")

_REAL = EIGHTH_BATCH
_real_deadline = cn_date(_REAL.facts.deadline)

NOTICE = Notice(
    facts=replace(
        _REAL.facts,
        doc_number="虚构委发〔2098〕99号",
        title=_REAL.facts.title.replace(_REAL.facts.batch, BATCH),
        issuer="虚构的测试用发文单位",
        batch=BATCH,
        issued=date(2098, 11, 2),
        deadline=DEADLINE,
    ),
    addressees=_REAL.addressees,
    preamble=_REAL.preamble.replace(_REAL.facts.batch, BATCH),
    general=(
        _REAL.general[0],
        _REAL.general[1].partition("重点围绕")[0] + f"重点围绕{'、'.join(FOCUS_AREAS)}等领域开展。",
    ),
    conditions_title=_REAL.conditions_title,
    conditions=_REAL.conditions,
    procedure=_REAL.procedure,
    other=(_REAL.other[0], _REAL.other[1].replace(_real_deadline, cn_date(DEADLINE))),
    cover=_REAL.cover,
    instructions=_REAL.instructions,
    sections=_REAL.sections,
    focus_areas=FOCUS_AREAS,
    form_labels=(CHANGED_LABEL,),
)
