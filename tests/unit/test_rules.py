"""smpls.rules: one table of valid and invalid cases per rule, asserting codes, paths and messages."""

from __future__ import annotations

from datetime import date
from typing import Any

import pytest
from unit_helpers import TODAY, load_example, make_uscc, orgcode_check

from smpls import names, rules
from smpls.model import Application
from smpls.problems import ADVICE, CODES, ERROR, RULE_CODES, Problem
from smpls.rules import check


def set_path(data: dict[str, Any], path: str, value: Any) -> None:
    parts = path.split(".")
    node: Any = data
    for part in parts[:-1]:
        node = node[int(part)] if part.isdigit() else node[part]
    last = parts[-1]
    if last.isdigit():
        node[int(last)] = value
    else:
        node[last] = value


def problems_with(changes: dict[str, Any], today: date = TODAY) -> list[Problem]:
    data = load_example("complete.json")
    for path, value in changes.items():
        set_path(data, path, value)
    return check(Application.model_validate(data), today=today)


def test_complete_example_has_no_problem() -> None:
    assert check(Application.model_validate(load_example("complete.json")), today=TODAY) == []


def test_today_defaults_to_the_real_date() -> None:
    assert check(Application.model_validate(load_example("complete.json"))) == []


BAD_USCC = make_uscc()[:-1] + ("0" if make_uscc()[-1] != "0" else "1")
PART_BODY = "00257319"
_wrong = "1" if orgcode_check(PART_BODY) != "1" else "2"
USCC_BAD_PART = make_uscc("11330481", PART_BODY)[:16] + _wrong
USCC_BAD_PART += __import__("unit_helpers").uscc_check(USCC_BAD_PART)
BAD_ORG = "D2143569-1"

# (changes, code, level, path, fragment of the message)
INVALID: list[tuple[dict[str, Any], str, str, str, str]] = [
    # -- required (from Meta.required)
    ({"basic.legal_rep": ""}, "required", ERROR, "basic.legal_rep", "请填写法定代表人（负责人）（申请书一有这一栏）。"),
    ({"basic.legal_rep": " \u3000 "}, "required", ERROR, "basic.legal_rep", "请填写法定代表人（负责人）"),
    ({"basic.major_accident": ""}, "required", ERROR, "basic.major_accident", "请选择近三年是否发生"),
    ({"schedule.1.units": ""}, "required", ERROR, "schedule.1.units", "请填写负责单位及参与单位（申请书四有这一栏）。"),
    ({"opinions.participants.2.name": ""}, "required", ERROR, "opinions.participants.2.name", "请填写参加单位名称"),
    # -- too_long (from Meta.max_length)
    ({"basic.address": "路" * 101}, "too_long", ADVICE, "basic.address", "有 101 个字，超过本站建议的 100 字"),
    ({"goals.text": "标" * 3001}, "too_long", ADVICE, "goals.text", "打印的页数随之增加"),
    ({"schedule.0.content": "训" * 501}, "too_long", ADVICE, "schedule.0.content", "建议的 500 字"),
    ({"schedule.0.units": "单" * 101}, "too_long", ADVICE, "schedule.0.units", "建议精简"),
    # -- control characters
    ({"basic.industry": "公共\x00管理"}, "control_chars", ADVICE, "basic.industry", "U+0000"),
    (
        {"cover.undertaking_unit": "临湖市\u200b政务服务管理局"},
        "control_chars",
        ADVICE,
        "cover.undertaking_unit",
        "U+200B",
    ),
    ({"goals.text": "目标\x1b[0m"}, "control_chars", ADVICE, "goals.text", "U+001B"),
    ({"basic.email": "a\ud800@example.cn"}, "control_chars", ADVICE, "basic.email", "U+D800"),
    # -- 试点名称 (填写说明 1)
    ({"cover.pilot_name": "临湖市政务服务标准化试点"}, "pilot_name_suffix", ERROR, "cover.pilot_name", "XXX（社会"),
    ({"cover.pilot_name": "临湖市政务服务综合标准化"}, "pilot_name_suffix", ERROR, "cover.pilot_name", "结尾"),
    (
        {"cover.pilot_name": "XXX（社会管理和公共服务）综合标准化试点"},
        "pilot_name_placeholder",
        ERROR,
        "cover.pilot_name",
        "占位符",
    ),
    (
        {"cover.pilot_name": "××市政务服务综合标准化试点"},
        "pilot_name_placeholder",
        ERROR,
        "cover.pilot_name",
        "实际的地区",
    ),
    ({"cover.pilot_name": "xxx市政务服务综合标准化试点"}, "pilot_name_placeholder", ERROR, "cover.pilot_name", "XXX"),
    ({"cover.pilot_name": "○○市政务服务综合标准化试点"}, "pilot_name_placeholder", ERROR, "cover.pilot_name", "占位符"),
    ({"cover.pilot_name": "某某市政务综合标准化试点"}, "pilot_name_placeholder", ERROR, "cover.pilot_name", "占位符"),
    # -- 试点时间
    ({"cover.period_end": "2022-03"}, "period_order", ERROR, "cover.period_end", "应晚于开始时间（2022-03）"),
    ({"cover.period_end": "2021-12"}, "period_order", ERROR, "cover.period_end", "结束时间（2021-12）"),
    ({"cover.period_end": "2022-09"}, "period_unusual", ADVICE, "cover.period_end", "共 6 个月"),
    ({"cover.period_end": "2026-03"}, "period_unusual", ADVICE, "cover.period_end", "建议核对年份"),
    # -- 年月
    # (a 提示 everywhere, the cover too: the paper prints “年 月” and anything written there is the applicant's)
    ({"cover.filled_on": "2021-13"}, "yearmonth_format", ADVICE, "cover.filled_on", "建议写成 2022-03"),
    ({"cover.filled_on": "2021"}, "yearmonth_format", ADVICE, "cover.filled_on", "没有从“2021”读出年月"),
    ({"cover.filled_on": "明年三月"}, "yearmonth_format", ADVICE, "cover.filled_on", "这样写并不算错"),
    ({"schedule.2.start": "22-10"}, "yearmonth_format", ADVICE, "schedule.2.start", "2023年上半年"),
    ({"basic.std_system_established": "很早"}, "yearmonth_format", ADVICE, "basic.std_system_established", "“很早”"),
    ({"basic.std_system_running": "0999-09"}, "running_format", ADVICE, "basic.std_system_running", "已运行 1 年"),
    ({"basic.std_system_running": "运行良好"}, "running_format", ADVICE, "basic.std_system_running", "建议"),
    # -- 组织机构代码
    ({"basic.org_code": BAD_USCC}, "uscc_checksum", ERROR, "basic.org_code", "至少有一位写错了"),
    ({"basic.org_code": "9111000060003IOZSV"}, "uscc_checksum", ERROR, "basic.org_code", "不含 I、O、Z、S、V"),
    ({"basic.org_code": BAD_ORG}, "orgcode_checksum", ERROR, "basic.org_code", "不能说明是哪一位"),
    ({"basic.org_code": "12345"}, "org_code_format", ERROR, "basic.org_code", "现在是 5 位"),
    ({"basic.org_code": "9111000060003734"}, "org_code_format", ERROR, "basic.org_code", "18 位统一社会信用代码"),
    ({"basic.org_code": USCC_BAD_PART}, "uscc_orgcode_part", ADVICE, "basic.org_code", "第 9 至 17 位"),
    # -- 邮编、电话、邮箱
    # (提示: the site knows the usual shapes, not every value that works)
    ({"basic.postcode": "31410"}, "postcode", ADVICE, "basic.postcode", "现在是 5 位"),
    ({"basic.postcode": "3141OO"}, "postcode", ADVICE, "basic.postcode", "只能是 6 位数字"),
    ({"basic.phone": "84561234"}, "phone", ADVICE, "basic.phone", "加区号"),
    ({"basic.phone": "1381234567"}, "phone", ADVICE, "basic.phone", "11 位"),
    ({"basic.phone": "010-82261006、1381234567"}, "phone", ADVICE, "basic.phone", "第 2 个号码“1381234567”"),
    ({"basic.email": "bzh.example.gov.cn"}, "email", ADVICE, "basic.email", "@"),
    # -- 标准体系时间
    (
        {"basic.std_system_established": "2021-06", "basic.std_system_running": "2021-01"},
        "std_system_order",
        ADVICE,
        "basic.std_system_running",
        "先建立后运行",
    ),
    ({"basic.std_system_established": "2022-01"}, "date_in_future", ADVICE, "basic.std_system_established", "晚于本月"),
    ({"basic.std_system_running": "2030-01"}, "date_in_future", ADVICE, "basic.std_system_running", "2021-12"),
    # -- 基本条件
    ({"basic.major_accident": "是"}, "accident", ERROR, "basic.major_accident", "通知二（四）"),
    ({"basic.std_body_name": "无"}, "no_std_body", ERROR, "basic.std_body_name", "通知二（二）"),
    ({"basic.std_body_name": "暂无"}, "no_std_body", ERROR, "basic.std_body_name", "应先设立再申报"),
    ({"basic.std_body_name": "/"}, "no_std_body", ERROR, "basic.std_body_name", "标准化管理内设机构"),
    ({"basic.unit_name": "临湖市政务服务中心"}, "unit_name_mismatch", ADVICE, "basic.unit_name", "与公章一致"),
    # -- 单位角色（填写说明 2 至 4）
    (
        {"cover.guarantor_unit": "临湖市政务服务管理局"},
        "role_guarantor",
        ADVICE,
        "cover.guarantor_unit",
        "地方人民政府",
    ),
    ({"cover.guidance_unit": "临湖市大数据发展管理局"}, "role_guidance", ADVICE, "cover.guidance_unit", "行业主管部门"),
    ({"cover.guidance_unit": "浙江省杭州市民政局"}, "role_guidance", ADVICE, "cover.guidance_unit", "省级"),
    ({"cover.guidance_unit": "民政厅"}, "role_guidance", ADVICE, "cover.guidance_unit", "行业主管部门"),
    (
        {"opinions.management_unit": "浙江省民政厅"},
        "role_management",
        ADVICE,
        "opinions.management_unit",
        "标准化行政主管部门",
    ),
    (
        {"opinions.management_unit": "浙江省临湖市市场监督管理局"},
        "role_management",
        ADVICE,
        "opinions.management_unit",
        "××省市场监督管理局",
    ),
    # -- 计划工作步骤
    ({"schedule": []}, "schedule_empty", ERROR, "schedule", "请至少填写一行"),
    ({"schedule.1.end": "2022-04"}, "schedule_row_dates", ADVICE, "schedule.1.end", "第 2 行的结束年月（2022-04）"),
    ({"schedule.2.start": "2022-04"}, "schedule_order", ADVICE, "schedule.2.start", "按开始时间先后排列"),
    ({"schedule.0.start": "2022-01"}, "schedule_outside_period", ADVICE, "schedule.0.start", "2022-03 至 2024-02"),
    ({"schedule.4.end": "2024-06"}, "schedule_outside_period", ADVICE, "schedule.4.end", "第 5 行的结束年月"),
    ({"schedule.3.content": "整改提高"}, "schedule_stage_missing", ADVICE, "schedule", "“自查”"),
    ({"schedule.0.content": "召开启动会"}, "schedule_stage_missing", ADVICE, "schedule", "“宣传培训”"),
    (
        {"schedule.3.content": "自查", "schedule.4.content": "总结"},
        "schedule_stage_missing",
        ADVICE,
        "schedule",
        "“申请评估”",
    ),
    # -- a yes/no box written in words the site cannot read (the paper prints no choices)
    ({"basic.major_accident": "可能"}, "yes_no_unread", ADVICE, "basic.major_accident", "没有从“可能”读出是或否"),
    ({"basic.major_accident": "有"}, "accident", ERROR, "basic.major_accident", "通知二（四）要求"),
]


@pytest.mark.parametrize(
    ("changes", "code", "level", "path", "fragment"),
    INVALID,
    ids=[f"{case[1]}-{i}" for i, case in enumerate(INVALID)],
)
def test_invalid(changes: dict[str, Any], code: str, level: str, path: str, fragment: str) -> None:
    found = problems_with(changes)
    matching = [p for p in found if p.code == code and p.path == path]
    assert matching, found
    problem = matching[0]
    assert problem.level == level
    assert fragment in problem.message
    assert code in CODES


VALID: list[dict[str, Any]] = [
    {"cover.pilot_name": "临湖市（社会管理和公共服务）综合标准化试点"},
    {"cover.pilot_name": "  临湖市政务服务综合标准化试点  "},
    {"cover.pilot_name": "临湖市二〇〇八年新区社会治理综合标准化试点"},
    {"cover.period_start": "2022年3月", "cover.period_end": "2024.2"},
    {"cover.filled_on": "２０２１年１２月"},
    {"basic.org_code": make_uscc().lower()},
    {"basic.org_code": " ".join([make_uscc()[:8], make_uscc()[8:]])},
    {"basic.org_code": "D2143569-X"},
    {"basic.org_code": "d2143569x"},
    {"basic.org_code": "91110000600037341L"},
    {"basic.postcode": "１００ ０８８"},
    {"basic.phone": "13812345678"},
    {"basic.phone": "010-82261006分机123"},
    {"basic.email": "bzh＠example.gov.cn"},
    {"basic.std_system_established": "", "basic.std_system_running": ""},
    {"basic.std_system_established": "2021-12", "basic.std_system_running": "2021-12"},
    {"basic.std_body_name": "标准化工作领导小组"},
    {"basic.industry": "公共管理\u3000社会保障"},
    {"goals.text": "第一行\n第二行\r\n第三行"},
    {"goals.text": "含表情😀与罕见字𠀀"},
    {"basic.unit_name": "临湖市政务服务管理局 "},
    {"cover.guarantor_unit": "浙江省人民政府"},
    {"cover.guarantor_unit": "浙江省市场监督管理局"},
    {"cover.guidance_unit": "北京市城市管理委员会"},
    {"cover.guidance_unit": "广西壮族自治区民政厅"},
    {"cover.guidance_unit": "新疆生产建设兵团民政局"},
    {"cover.guidance_unit": "上海市住房和城乡建设管理委员会"},
    {"opinions.management_unit": "北京市市场监督管理局"},
    {"opinions.management_unit": "内蒙古自治区市场监督管理局"},
    {"opinions.participants": []},
    {"schedule.0.content": "培训"},
    # the legitimate cases of issue 10: none of them may give a problem
    {"opinions.management_unit": ""},
    {"basic.phone": "010-82261006、82261652"},
    {"basic.phone": "010-82261006、82261652，82262634（传真）"},
    {"basic.phone": "13812345678；0571-87654321"},
    {"basic.phone": "010-82261006或13812345678"},
    {"basic.phone": "+86 10 8226 1006"},
    {"basic.phone": "0086 10 82261006"},
    {"basic.phone": "+86 400 810 8888"},
    {"basic.phone": "8613800138000"},
    {"basic.phone": "86-10-82261006"},
    {"basic.phone": "013800138000"},
    {"basic.std_system_established": "2020-09", "basic.std_system_running": "已运行 1 年 3 个月"},
    {"basic.std_system_running": "2020年9月"},
    {"basic.std_system_running": "2020.9"},
    {"basic.std_system_running": "2020年9月至今"},
    {"basic.std_system_running": "已运行 1 年"},
    {"basic.std_system_running": "两年半"},
]


@pytest.mark.parametrize("changes", VALID, ids=range(len(VALID)))
def test_valid(changes: dict[str, Any]) -> None:
    assert problems_with(changes) == []


@pytest.mark.parametrize(
    ("end", "unusual"), [("2023-02", True), ("2023-03", False), ("2025-03", False), ("2025-04", True)]
)
def test_period_unusual_bounds(end: str, unusual: bool) -> None:
    found = problems_with({"cover.period_end": end, "schedule": [{"start": "2022-03", "end": end}]})
    assert ("period_unusual" in {p.code for p in found}) is unusual


def test_every_rule_code_is_in_a_problems_example() -> None:
    """examples/problems.json holds one case of every rule that can coexist in one draft; the few codes that
    exclude each other (one 组织机构代码 field, an empty schedule, the period) have their own example file."""
    seen: dict[str, set[str]] = {}
    for name in ("problems.json", "problems-orgcode.json", "problems-uscc-part.json", "problems-empty-schedule.json"):
        found = check(Application.model_validate(load_example(name)), today=TODAY)
        seen[name] = {p.code for p in found}
    union = set().union(*seen.values())
    assert union == set(RULE_CODES)
    exclusive = {
        "org_code_format",
        "orgcode_checksum",
        "uscc_orgcode_part",
        "schedule_empty",
        "period_order",
        "yes_no_unread",
        "running_format",
    }
    assert seen["problems.json"] == set(RULE_CODES) - exclusive


def test_every_code_has_a_description() -> None:
    for code, info in CODES.items():
        assert code.isidentifier() and code == code.lower()
        assert info.description.endswith("。") and any("\u4e00" <= c <= "\u9fff" for c in info.description)


LONG_TEXTS = ["basic.business_scope", "foundation.conformity", "foundation.current_work", "schedule.0.units"]


@pytest.mark.parametrize("path", LONG_TEXTS)
def test_long_texts_are_at_most_advice(path: str) -> None:
    found = problems_with({path: "长" * 3500})
    assert [(p.code, p.level) for p in found] == [("too_long", ADVICE)]
    assert "打印" in found[0].message and found[0].basis == "本站建议"


def test_schedule_after_the_period_is_advice() -> None:
    """申请评估 often comes after the pilot's end: 提示 at most."""
    found = problems_with({"schedule.4.start": "2024-04", "schedule.4.end": "2024-06"})
    assert {(p.code, p.level) for p in found} == {("schedule_outside_period", ADVICE)}


def test_required_names_the_part_of_the_form() -> None:
    found = problems_with({"funding.sources": "", "cover.pilot_name": ""})
    bases = {p.path: (p.basis, p.basis_href) for p in found}
    assert bases == {
        "cover.pilot_name": ("申请书封面", "notice/#n-cover"),
        "funding.sources": ("申请书五", "notice/#n-form-5"),
    }


def test_an_unreadable_month_is_advice_on_the_cover_too() -> None:
    found = problems_with({"cover.period_start": "明年", "schedule.0.start": "明年"})
    levels = {p.path: (p.level, p.basis) for p in found if p.code == "yearmonth_format"}
    assert levels == {"cover.period_start": (ADVICE, "本站建议"), "schedule.0.start": (ADVICE, "本站建议")}


@pytest.mark.parametrize(
    ("changes", "path"),
    [
        ({"cover.period_start": "二〇二四年三月", "cover.period_end": "2022年元月"}, "cover.period_end"),
        ({"schedule.1.start": "2022年5月至2022年4月"}, None),  # one range: end before start is not an 错误 path
    ],
)
def test_end_before_start_is_an_error_only_on_the_cover(changes: dict[str, Any], path: str | None) -> None:
    errors = [p.path for p in problems_with(changes) if p.level == ERROR]
    assert errors == ([path] if path else [])


def test_a_stage_written_as_one_time_is_read_as_its_start_and_end() -> None:
    found = problems_with({"schedule.0.start": "2021年下半年", "schedule.0.end": ""})
    assert [(p.code, p.path) for p in found] == [("schedule_outside_period", "schedule.0.start")]
    assert "2021年下半年" in found[0].message


def test_accident_words_read_as_no() -> None:
    for text in ("否", "无", "没有", "未发生", "未发生过", "近三年未发生重大事故"[3:], "否。", "否（近三年无事故）"):
        assert rules.read_yes_no(text) is False, text
    for text in ("是", "有", "发生过"):
        assert rules.read_yes_no(text) is True, text
    for text in ("可能", "见附件", "不清楚"):
        assert rules.read_yes_no(text) is None, text


def test_problems_are_in_paper_order() -> None:
    found = check(Application.model_validate(load_example("problems.json")), today=TODAY)
    keys = [rules.sort_key(p) for p in found]
    assert keys == sorted(keys)
    sections = [p.path.split(".")[0] for p in found]
    order = ["cover", "basic", "foundation", "goals", "schedule", "funding", "opinions"]
    assert [order.index(s) for s in sections] == sorted(order.index(s) for s in sections)


def test_messages_are_chinese_and_end_with_a_full_stop() -> None:
    for name in ("problems.json", "empty.json", "problems-orgcode.json", "problems-empty-schedule.json"):
        for p in check(Application.model_validate(load_example(name)), today=TODAY):
            assert p.message.endswith("。"), p
            assert p.level in (ERROR, ADVICE)


def test_rules_do_not_raise_on_odd_but_valid_models() -> None:
    app = Application.model_validate(
        {
            "cover": {"period_start": "2100-12", "period_end": "1900-01", "pilot_name": "𠀀" * 500},
            "basic": {"org_code": "Ｘ" * 18, "phone": "转" * 40, "std_system_running": "2100-12"},
            "schedule": [{"start": "2022-01"}, {"end": "2021-01"}, {}],
        }
    )
    found = check(app, today=TODAY)
    assert {"too_long", "period_order", "date_in_future", "schedule_row_dates"} - {p.code for p in found} == {
        "schedule_row_dates"
    }


@pytest.mark.parametrize(
    ("name", "expected"),
    [
        ("浙江省民政厅", True),
        ("北京市市场监督管理局", True),
        ("北京市城市管理委员会", True),
        ("宁夏回族自治区政务服务管理局", True),
        ("浙江省杭州市民政局", False),
        ("杭州市民政局", False),
        ("浙江省民政", False),
        ("北京市海淀区市场监督管理局", False),
    ],
)
def test_is_provincial_department(name: str, expected: bool) -> None:
    assert names.is_provincial_department(name) is expected


def test_problem_to_dict_has_the_browser_keys() -> None:
    p = Problem("required", ERROR, "basic.email", "请填写电子邮箱。")
    assert p.to_dict() == {
        "code": "required",
        "level": "错误",
        "path": "basic.email",
        "message": "请填写电子邮箱。",
        "basis": "通知三",
        "basis_href": "notice/#n-3",
    }
