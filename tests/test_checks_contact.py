"""Unit tests of the contact-block check kinds."""

from checks_support import build, run

TITLE = "银川市青禾区文旅局2021年政府信息公开工作年度报告"


def report(contact: str, title: str = TITLE):
    return build(f"{title}\n如有疑问，请与本局联系{contact}\n一、总体情况\n内容。")


def test_dash_in_phone_and_fax() -> None:
    r = report("（地址：银川市文昌路8号；邮编：750001；电话：0951-3050111，传真：0951—3050112）。")
    hits = run("phone-format", r, problem="dash")
    assert [(h.args["kind"], h.args["fixed"]) for h in hits] == [("传真", "0951-3050112")]


def test_landline_without_area_code() -> None:
    r = report("（电话：3050111；手机：13912345678）。")
    assert [h.args["number"] for h in run("phone-format", r, problem="area-code")] == ["3050111"]
    assert run("phone-format", report("（电话：0951-3050111）。"), problem="area-code") == []


def test_same_number_two_ways_but_not_for_dashes_alone() -> None:
    two_ways = report("（电话：0951-3050111；传真：（0951）3050111）。")
    assert len(run("number-written-twice", two_ways)) == 1
    dash_only = report("（电话：0951-3050111，传真：0951—3050111）。")
    assert run("number-written-twice", dash_only) == []


def test_postcode_email_web_address() -> None:
    r = report("（邮编：75001；电子邮箱：qhwlj＠163.com）。电子版见门户网站（www. qinghe. gov. cn）。")
    assert [h.args["postcode"] for h in run("postcode-format", r)] == ["75001"]
    assert [h.args["email"] for h in run("email-format", r)] == ["qhwlj＠163.com"]
    hits = run("web-address-format", r)
    assert [h.args["fixed"] for h in hits] == ["www.qinghe.gov.cn"]
    good = report("（邮编：750001；电子邮箱：qhwlj@163.com）。电子版见门户网站（www.qinghe.gov.cn）。")
    for kind in ("postcode-format", "email-format", "web-address-format"):
        assert run(kind, good) == [], kind


def test_empty_link_parentheses() -> None:
    assert len(run("web-address-format", report("。电子版可在本局网站()下载。"))) == 1


def test_unclosed_parenthesis_around_contact_block() -> None:
    r = report("（地址：银川市文昌路8号，邮编：750001，电话：0951-3050111。")
    hits = run("unclosed-contact-parenthesis", r)
    assert len(hits) == 1 and hits[0].span is not None and hits[0].span.line == 2
    assert run("unclosed-contact-parenthesis", report("（地址：银川市文昌路8号）。")) == []


def test_address_that_is_only_the_agency() -> None:
    r = build(
        "青禾市西区商务局2020年政府信息公开工作年度报告\n请与本局联系（地址：青禾市西区商务局；邮编：617068）。\n一、总体情况"
    )
    assert [h.args["address"] for h in run("address-form", r)] == ["青禾市西区商务局"]
    assert run("address-form", report("（地址：银川市文昌路8号）。")) == []


def test_region_mismatch_of_area_code_and_postcode() -> None:
    wrong = report("（地址：银川市文昌路8号；邮编：223001；电话：0517-83050111）。")
    phone = run("contact-region", wrong, item="phone")
    assert phone and "淮安" in phone[0].args["region"] and phone[0].args["place"] == "银川市"
    post = run("contact-region", wrong, item="postcode")
    assert post and post[0].args["region"] == "江苏"
    right = report("（地址：银川市文昌路8号；邮编：750001；电话：0951-3050111）。")
    assert run("contact-region", right, item="phone") == [] and run("contact-region", right, item="postcode") == []


def test_region_unknown_is_silent() -> None:
    r = build(
        "青禾县文旅局2021年政府信息公开工作年度报告\n（地址：青禾县文昌路8号；邮编：223001；电话：0517-83050111）。\n一、总体情况"
    )
    assert run("contact-region", r, item="phone") == [] and run("contact-region", r, item="postcode") == []
