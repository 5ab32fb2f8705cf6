"""The format templates load, validate and carry the official labels; labels normalise and match."""

from __future__ import annotations

import pytest
import yaml

from govlint.templates import (
    LabelMatcher,
    TemplateError,
    label_core,
    load_template,
    match_section,
    normalize_label,
    similarity,
    template_path,
    validate_template,
)

T3_2019 = (
    ["一", "二", "三.一", "三.二"]
    + [f"三.三.{i}" for i in range(1, 9)]
    + [f"三.四.{i}" for i in range(1, 4)]
    + [f"三.五.{i}" for i in range(1, 6)]
    + ["三.六", "三.七", "四"]
)
T3_2021 = [*T3_2019[:20], "三.六.1", "三.六.2", "三.六.3", "三.七", "四"]
T3_COLUMNS = ["自然人", "商业企业", "科研机构", "社会公益组织", "法律服务机构", "其他", "总计"]


@pytest.mark.parametrize("version", ["2008", "2019", "2021"])
def test_templates_load_and_are_cached(version: str) -> None:
    t = load_template(version)
    assert t.version == version
    assert t["version"] == version
    assert load_template(version) is t


def test_table3_rows_and_columns_per_version() -> None:
    t19 = load_template("2019").table("t3")
    t21 = load_template("2021").table("t3")
    assert t19 is not None and t21 is not None
    assert t19.row_keys == T3_2019 and len(t19.row_keys) * len(t19.column_keys) == 161
    assert t21.row_keys == T3_2021 and len(t21.row_keys) * len(t21.column_keys) == 175
    assert t19.column_keys == T3_COLUMNS == t21.column_keys
    assert t21.row("三.三.3").label == "3.危及“三安全一稳定”"
    assert t21.row("三.二").label == "（二）部分公开（区分处理的，只计这一情形，不计其他情形）"
    assert t21.corner_note == "（本列数据的勾稽关系为：第一项加第二项之和，等于第三项加第四项之和）"


def test_table2_blocks_and_table4() -> None:
    t2_19 = load_template("2019").table("t2")
    t2_21 = load_template("2021").table("t2")
    assert t2_19 is not None and t2_21 is not None
    assert [b.key for b in t2_19.blocks][-1] == "第二十条第（九）项"
    assert len(t2_19.blocks) == 5 and len(t2_21.blocks) == 4
    # spec §4.2 says "19 value cells" but its own tables give 6 + 6 + 6 + 2 + 2 = 22
    assert sum(len(b.rows) * len(b.columns) for b in t2_19.blocks) == 22
    assert sum(len(b.rows) * len(b.columns) for b in t2_21.blocks) == 10
    assert t2_19.column("本年增/减").type == "signed_int"
    assert t2_21.column("本年收费金额（单位：万元）").type == "amount"
    t4 = load_template("2021").table("t4")
    assert t4 is not None
    assert t4.row_keys == ["行政复议", "未经复议直接起诉", "复议后起诉"]
    assert t4.column_keys == ["结果维持", "结果纠正", "其他结果", "尚未审结", "总计"]


def test_sections() -> None:
    t = load_template("2021")
    assert [s.canonical for s in t.sections] == [
        "一、总体情况",
        "二、主动公开政府信息情况",
        "三、收到和处理政府信息公开申请情况",
        "四、政府信息公开行政复议、行政诉讼情况",
        "五、存在的主要问题及改进情况",
        "六、其他需要报告的事项",
    ]
    found = match_section("政府信息公开工作存在的主要问题及改进情况", "2021")
    assert found is not None and found[0].ordinal == 5 and found[1] is False
    found = match_section("五、存在的主要问题及改进情况", "2019")
    assert found is not None and found[1] is True
    old = load_template("2008")
    assert old.section("fees") is not None and old.section("fees").required  # type: ignore[union-attr]
    stat = old.table("stat")
    assert stat is not None and "行政复议/被依法纠错数" in stat.row_keys


def test_normalize_label() -> None:
    assert normalize_label("（二） 部分公开 (区分处理的, 只计这一情形，不计其他情形)") == normalize_label(
        "（二）部分公开（区分处理的，只计这一情形，不计其他情形）"
    )
    assert normalize_label("3. 危及「三安全一稳定」") == normalize_label("3.危及“三安全一稳定”")
    assert normalize_label("1．属于国家秘密") == normalize_label("1、属于国家秘密") == "1.属于国家秘密"
    assert normalize_label("商业 企\n业") == "商业企业"
    assert normalize_label("1.申请人无正当理由逾期不补正，行政机关") == normalize_label(
        "1.申请人无正当理由逾期不补正、行政机关"
    )
    assert label_core("三、(一)予以公开") == "予以公开"
    assert similarity("abc", "abc") == 1.0 and similarity("ab", "cd") == 0.0


@pytest.mark.parametrize(
    ("text", "key"),
    [
        ("4.护第三方合法权益", "三.三.4"),  # damaged by extraction
        ("3.三安全一稳定", "三.三.3"),
        ("6.于四类过程性信息", "三.三.6"),
        ("本 2.其他法律行政法规禁止公开", "三.三.2"),  # vertical header character in front
        ("（四）无 1.本机关不掌握相关政府信息", "三.四.1"),
        ("3、其他", "三.六.3"),
        ("(七) 总计", "三.七"),
        ("1、申请人无正当理由逾期不补", "三.六.1"),  # first line of a label broken over lines
        ("2. 申请人逾期未按收费通知要求缴纳费用，行政机关不再处理其政府信息公开申请", "三.六.2"),
    ],
)
def test_tolerant_match(text: str, key: str) -> None:
    t3 = load_template("2021").table("t3")
    assert t3 is not None
    m = LabelMatcher(t3.rows).match(text)
    assert m is not None and m.key == key


def test_no_match_for_unrelated_or_ambiguous_text() -> None:
    t3 = load_template("2021").table("t3")
    assert t3 is not None
    matcher = LabelMatcher(t3.rows)
    assert matcher.match("本年度我局共收到群众来信若干") is None
    assert matcher.match("行政机关不再处理其政府信息公开申请") is None  # part of two labels
    assert matcher.match("") is None


def test_malformed_template_names_file_and_field(tmp_path) -> None:
    raw = yaml.safe_load(template_path("2021").read_text(encoding="utf-8"))
    del raw["tables"]["t3"]["rows"][4]["label"]
    with pytest.raises(TemplateError, match=r"bad\.yaml: tables\.t3\.rows\[4\]\.label: missing"):
        validate_template(raw, "bad.yaml", "2021")
    raw = yaml.safe_load(template_path("2019").read_text(encoding="utf-8"))
    raw["tables"]["t2"]["blocks"][0]["columns"][0]["type"] = "integer"
    with pytest.raises(TemplateError, match=r"blocks\[0\]\.columns\[0\]\.type: unknown value type"):
        validate_template(raw, "x.yaml", "2019")
    with pytest.raises(TemplateError, match="unknown format version"):
        load_template("2030")
