"""MinHash sketches: the estimate tracks the exact Jaccard similarity; digits do not matter."""

from __future__ import annotations

import random
from array import array

import pytest

from govlint.batch import sketch as sk

_WORDS = (
    "本机关坚持以公开为常态、不公开为例外，围绕重点领域信息公开持续发力。",
    "全年通过门户网站发布各类政务信息，及时回应群众关切。",
    "依申请公开办理严格执行登记、审核、答复流程，做到件件有回音。",
    "加强政务新媒体管理，规范账号开设和信息发布审核。",
    "组织开展业务培训，提升工作人员依法公开的意识和能力。",
    "推进决策公开，重大行政决策事项均向社会征求意见。",
    "财政预决算信息按要求在规定时限内公开。",
    "加强保密审查，杜绝涉密信息上网。",
    "优化政府信息公开专栏设置，便于公众查找。",
    "落实监督考核，将公开工作纳入年度目标管理。",
    "存在的问题是部分栏目更新不够及时，解读形式较为单一。",
    "下一步将完善工作机制，加强队伍建设，提高公开质量。",
)


def _text(seed: int, n: int = 30) -> str:
    rng = random.Random(seed)
    return "".join(rng.choice(_WORDS) for _ in range(n))


def test_identical_text_is_fully_similar() -> None:
    text = _text(1)
    a, b = sk.sketch(text), sk.sketch(text)
    assert a is not None and b is not None
    assert sk.similarity(a, b) == 1.0


def test_changing_only_numbers_is_still_a_copy() -> None:
    this_year = "2023年共收到申请15件，办结14件。" + _text(2)
    last_year = "2022年共收到申请９件，办结8件。" + _text(2)
    a, b = sk.sketch(this_year), sk.sketch(last_year)
    assert a is not None and b is not None
    assert sk.similarity(a, b) == 1.0


def test_whitespace_and_line_breaks_do_not_hide_a_copy() -> None:
    text = _text(3)
    broken = "\n".join(text[i : i + 37] for i in range(0, len(text), 37))
    assert sk.similarity(sk.sketch(text) or b"", sk.sketch(broken) or b"") == 1.0


@pytest.mark.parametrize("seeds", [(4, 5), (6, 7), (8, 9)])
def test_estimate_is_close_to_exact_jaccard(seeds: tuple[int, int]) -> None:
    a_text, b_text = _text(seeds[0]), _text(seeds[0])[:600] + _text(seeds[1])[:600]
    exact = sk.jaccard(sk.shingle_hashes(a_text), sk.shingle_hashes(b_text))
    estimate = sk.similarity(sk.sketch(a_text) or b"", sk.sketch(b_text) or b"")
    assert abs(estimate - exact) < 0.2


def test_unrelated_texts_are_not_similar() -> None:
    a = "本局全年主动公开行政许可信息，办理依申请公开事项，答复期限均符合规定。" * 4
    b = "区卫生健康委员会围绕医疗机构监管、疫苗接种和公共卫生服务发布政策解读。" * 4
    assert sk.similarity(sk.sketch(a) or b"", sk.sketch(b) or b"") < 0.2


def test_too_short_text_has_no_sketch() -> None:
    assert sk.sketch("无") is None
    assert sk.sketch("  12 ") is None


def test_lsh_finds_near_duplicates_and_bounds_candidates() -> None:
    base = _text(10)
    sigs = [sk.sketch(base), sk.sketch(base + "另补充一句话。"), sk.sketch(_text(11, 5) + "全新的内容" * 20)]
    assert all(sigs)
    found = sk.candidates([s or b"" for s in sigs], rows=8, limit=10)
    assert found[0] == [1] and found[1] == [0] and 2 not in found
    copies = [sigs[0] or b""] * 5
    assert all(len(others) == 2 for others in sk.candidates(copies, rows=8, limit=2).values())


@pytest.mark.parametrize(("threshold", "rows"), [(0.3, 2), (0.5, 2), (0.7, 4), (0.8, 8), (0.95, 16)])
def test_band_height_follows_the_threshold(threshold: float, rows: int) -> None:
    assert sk.rows_for(threshold) == rows
    recall = 1 - (1 - threshold**rows) ** (sk.BINS // rows)
    assert recall >= 0.9


def _similarity_by_definition(a: bytes, b: bytes) -> float:
    """Agreeing bins among the bins where at least one sketch holds a hash, counted bin by bin."""
    x, y = array("I", a), array("I", b)
    used = [(u, v) for u, v in zip(x, y, strict=True) if not (u == sk._EMPTY and v == sk._EMPTY)]
    return sum(u == v for u, v in used) / len(used) if used else 0.0


@pytest.mark.parametrize("seed", range(40))
def test_similarity_skips_bins_empty_in_both_sketches(seed: int) -> None:
    rng = random.Random(seed)
    short = [sk.sketch(_text(rng.randrange(1000), n=rng.choice((1, 2, 3, 30)))) or b"" for _ in range(2)]
    assert sk.similarity(short[0], short[1]) == _similarity_by_definition(short[0], short[1])


def test_a_one_sentence_sketch_has_empty_bins() -> None:
    # (what the comparison above must handle: bins empty in both sketches)
    assert sk.prepare(sk.sketch(_WORDS[0]) or b"")[2] != 0


@pytest.mark.parametrize("seed", range(20))
def test_similarity_of_full_sketches_counts_agreeing_bins(seed: int) -> None:
    rng = random.Random(seed)
    a = array("I", [rng.randrange(sk._EMPTY) for _ in range(sk.BINS)])
    b = array("I", [h if rng.random() < 0.6 else rng.randrange(sk._EMPTY) for h in a])
    agree = sum(u == v for u, v in zip(a, b, strict=True))
    assert sk.similarity(a.tobytes(), b.tobytes()) == agree / sk.BINS


def test_sketches_of_different_sizes_are_not_comparable() -> None:
    a = array("I", range(1, sk.BINS + 1)).tobytes()
    assert sk.similarity(a, a[:-4]) == 0.0


@pytest.mark.parametrize("seed", range(20))
def test_prepare_marks_exactly_the_empty_bins(seed: int) -> None:
    rng = random.Random(seed)
    values = (0, sk._EMPTY - 1, rng.randrange(sk._EMPTY))  # (all bits set but one, none set: not empty)
    bins = [sk._EMPTY if rng.random() < 0.3 else rng.choice(values) for _ in range(sk.BINS)]
    count, _, empty = sk.prepare(array("I", bins).tobytes())
    assert count == sk.BINS
    assert empty == sum(1 << (32 * i) for i, h in enumerate(bins) if h == sk._EMPTY)


def _candidates_one_by_one(sigs: list[bytes], rows: int, limit: int) -> dict[int, list[int]]:
    """What ``candidates`` must return, built pair by pair: every bucket of every band in index
    order, at most ``limit`` others per sketch, the first found first."""
    found: dict[int, list[int]] = {}
    width = 4 * rows
    for band in range(sk.BINS // rows):
        buckets: dict[bytes, list[int]] = {}
        for i, sig in enumerate(sigs):
            buckets.setdefault(sig[band * width : (band + 1) * width], []).append(i)
        for members in buckets.values():
            for i in members if len(members) > 1 else ():
                mine = found.setdefault(i, [])
                for j in members:
                    if j != i and j not in mine and len(mine) < limit:
                        mine.append(j)
    return found


@pytest.mark.parametrize("seed", range(12))
def test_candidates_match_pairs_built_one_by_one(seed: int) -> None:
    # sketches drawn from a few texts with a few bins changed: buckets of every size, some
    # larger than the limit, sketches sharing several bands
    rng = random.Random(seed)
    bases = [array("I", [rng.randrange(sk._EMPTY) for _ in range(sk.BINS)]) for _ in range(3)]
    sigs = []
    for _ in range(40):
        sig = array("I", rng.choice(bases))
        for _ in range(rng.choice((0, 4, 20, 60))):
            sig[rng.randrange(sk.BINS)] = rng.randrange(sk._EMPTY)
        sigs.append(sig.tobytes())
    for rows, limit in ((8, 200), (8, 5), (4, 12), (16, 3)):
        assert sk.candidates(sigs, rows, limit) == _candidates_one_by_one(sigs, rows, limit)
