"""Fixture reports for the batch tests: invented agencies, two years each, written by the generator
(govlint.testing.generate) with this module's own prose, so that different agencies really write
differently and the copy checks have something to tell apart."""

from __future__ import annotations

from pathlib import Path

from govlint.testing.generate import ReportSpec, make_spec, render

APPLICANTS = ("自然人", "商业企业", "科研机构", "社会公益组织", "法律服务机构", "其他")

PROSE = {
    "青禾市文旅局": [
        "围绕文旅市场秩序整治，公开演出场所检查结果和旅行社经营异常名录，全年更新监管信息二百余条。",
        "在门户网站开设文旅惠民专栏，集中发布公共文化场馆开放时间、免费讲座预约方式和非遗展演安排。",
        "对景区门票价格调整、假日客流预警和旅游安全提示做到提前发布，游客咨询量明显下降。",
        "依申请公开实行首问负责，申请登记、内部会商和答复送达各环节均留痕备查。",
        "组织局属单位信息员参加两次集中培训，重点讲解公开属性认定和保密审查要点。",
        "部分基层文化站信息报送不及时，图解材料数量偏少，下一步将建立月度通报机制。",
    ],
    "云岭县人民政府": [
        "聚焦乡村振兴和生态保护，按月公开涉农补贴发放名单、易地搬迁安置进度和林草防火责任人。",
        "县政府常务会议审议的民生事项在会后三个工作日内发布，重大项目批准和实施情况同步更新。",
        "推进乡镇政务公开专区建设，在便民服务中心设置查阅点，方便群众就近查询办事指南。",
        "建立依申请公开会商机制，涉及多个部门的申请由县政府办公室牵头协调答复。",
        "将政务公开纳入乡镇和部门年度考核，考核结果在全县范围内通报。",
        "少数部门政策解读仍停留在文字转载，群众关心的热点回应不够及时，今后将加强督促检查。",
    ],
}


def write_report(
    directory: Path,
    name: str,
    agency: str,
    year: int,
    *,
    seed: int = 1,
    prose: list[str] | None = None,
    carried_in: dict[str, int] | None = None,
    stock: dict[str, tuple[int, int, int]] | None = None,
    without: tuple[str, ...] = (),
    layout: str = "tabs",
) -> ReportSpec:
    """Write a balanced report of ``agency`` for ``year``; ``carried_in`` sets 表三 二 per column
    (row 一 is adjusted so that every identity of spec §7 still holds); ``stock`` sets 表二 (一)
    per row as (本年制发件数, 本年废止件数, 现行有效件数); ``without`` leaves out the top-level
    sections with these numerals (a per-file defect)."""
    spec = make_spec(seed=seed, year=year, agency=agency)
    text_pool = prose or PROSE.get(agency)
    if text_pool:
        spec.paragraphs = [f"{year}年，{p}" for p in text_pool] * 2
    if carried_in:
        set_carried_in(spec, carried_in)
    for row, (issued, repealed, in_force) in (stock or {}).items():  # 表二 (一): 制发, 废止, 现行有效
        spec.t2[(row, "本年制发件数")] = str(issued)
        spec.t2[(row, "本年废止件数")] = str(repealed)
        spec.t2[(row, "现行有效件数")] = str(in_force)
    spec.sections = tuple(h for h in spec.sections if h.split("、", 1)[0] not in without)
    path = directory / name
    path.parent.mkdir(parents=True, exist_ok=True)
    path.write_text(render(spec, layout, filler=4), encoding="utf-8")
    return spec


def set_carried_in(spec: ReportSpec, carried_in: dict[str, int]) -> None:
    for column, value in carried_in.items():
        total = spec.t3[("三.七", column)] or 0
        out = spec.t3[("四", column)] or 0
        spec.t3[("二", column)] = value
        spec.t3[("一", column)] = total + out - value
        if spec.t3[("一", column)] < 0:  # keep every cell non-negative: more carried out
            spec.t3[("四", column)] = out - spec.t3[("一", column)]
            spec.t3[("一", column)] = 0
    for row in {key for key, _ in spec.t3}:
        spec.t3[(row, "总计")] = sum(spec.t3.get((row, c)) or 0 for c in APPLICANTS)


def carried_out(spec: ReportSpec) -> dict[str, int]:
    return {c: spec.t3[("四", c)] or 0 for c in APPLICANTS}
