"""Personal-data detectors: what must be refused, and what an institution may publish."""

from __future__ import annotations

import pytest

from kejiao.privacy import scan, scan_value


@pytest.mark.parametrize(
    "text",
    [
        "联系 13912345678",
        "电话：+86 139-1234-5678",
        "8613912345678",
        "身份证 11010519491231002X",
        "请发邮件 zhangsan@qq.com",
        "邮箱 Li.Si@163.com",
        "微信号：kexue_2024",
        "加 vx: zhang_san88",
        "WeChat ID kexuejia01",
    ],
)
def test_personal_data_is_found(text: str) -> None:
    assert list(scan(text, person=False))


@pytest.mark.parametrize(
    "text",
    [
        "预约电话 010-68371122",
        "服务热线 400-810-0000",
        "机构邮箱 info@cdstm.cn",
        "编号 11010519491231002Y",  # not a valid ID checksum
        "https://mp.weixin.qq.com/s/abcdefg",
        "2025年10月22日发布，文号 教监管厅函〔2025〕7号",
        "页面编号 201510221234567890123",
    ],
)
def test_institutional_text_passes(text: str) -> None:
    assert list(scan(text, person=False)) == []


def test_any_email_in_a_person_record_is_refused() -> None:
    assert list(scan("实验室 lab@pku.edu.cn", person=True))
    assert list(scan("实验室 lab@pku.edu.cn", person=False)) == []


def test_findings_do_not_repeat_the_whole_number() -> None:
    (finding,) = scan("13912345678", person=False)
    assert "13912345678" not in finding.message


# --- written around the filter (issue 17): each must still be found --------------------------------

EVASIONS = [
    # mobile numbers
    "联系 １３９１２３４５６７８",  # full-width digits
    "联系 139　1234　5678",  # ideographic spaces
    "联系 139 1234 5678",
    "联系 139.1234.5678",
    "联系 139-1234-5678",
    "联系 139—1234—5678",  # em dashes
    "联系 （139）1234-5678",  # full-width brackets
    "联系 (139) 1234 5678",
    "联系 【139】12345678",
    "联系 1 3 9 1 2 3 4 5 6 7 8",  # digit by digit
    "联系 1-3-9-1-2-3-4-5-6-7-8",
    "联系 １３９－１２３４－５６７８",
    "联系 ＋８６ １３９ １２３４ ５６７８",
    "手机:13912345678。",
    # ID numbers
    "身份证 110105 19491231 002X",
    "身份证 １１０１０５１９４９１２３１００２Ｘ",
    "身份证 110105-19491231-002X",
    # e-mail
    "邮箱 zhangsan＠qq.com",
    "邮箱 zhangsan @ qq.com",
    "邮箱 zhangsan(at)163.com",
    "邮箱 zhangsan [at] 163.com",
    "邮箱 ｚｈａｎｇｓａｎ＠ｑｑ．ｃｏｍ",
    "邮箱 zhangsan@qq。com",
    # WeChat
    "wx: zhang_san88",
    "WX：zhangsan88",
    "加V：kexue2024",
    "加v kexue2024",
    "微 信：kexue2024",
    "徽信：kexue2024",
    "V信 kexue2024",
    "v信：kexue2024",
    "薇信 kexue2024",
    "ＶＸ：ｋｅｘｕｅ２０２４",
    "微信号 ：kexue-2024",
    # QQ numbers in contact contexts
    "QQ:12345678",
    "qq号 123456789",
    "QQ号码：1234567890",
    "扣扣 12345678",
    "ＱＱ：１２３４５６７８",
    "QQ 1234 5678",
]


@pytest.mark.parametrize("text", EVASIONS)
def test_evasions_are_found(text: str) -> None:
    assert list(scan(text, person=False)), text


# --- innocent look-alikes: none of these is personal data -----------------------------------------

LOOK_ALIKES = [
    "2026-11-23",
    "2026年11月23日 13:30—15:00",
    "2026.11.23 13:30-15:30",
    "报名时间 2026-09-01 至 2026-10-31",
    "2025—2028学年",
    "2013 2014 2015 2016 2017 2018 年度",
    "适合 13 14 15 16 17 岁",
    "课时：16 18 20 22 24 26",
    "1、3、5、7、9、11、13 号展厅",
    "课程编号 KX-2026-13912",
    "课程代码 SC2026-131-0001",
    "¥1,380.00 元/人，团体 ¥13,800",
    "费用 139 元，含材料费 1234 元中的 5678 分摊",  # three prices, not 3-4-4
    "行政区划代码 110105",
    "邮编 100012",
    "地区 110105，门牌 13 号",
    "预约电话 010-68371122",
    "预约电话 (010) 6837 1122",
    "电话 +86 10 6837 1122",
    "咨询 0571-87654321 转 1391",
    "服务热线 400-810-0000",
    "服务热线 400 810 0000",
    "免费电话 800-820-1234",
    "热线 12345",
    "ISBN 978-7-115-13912-3",
    "ISBN 978-7-04-013912-5",
    "ISBN 9787111391234",
    "坐标 39.9042, 116.4074",
    "经纬度 31.2304,121.4737",
    "北纬 13.7563°",
    "馆藏 139,123,456 件",
    "统计 1391 2345 6789 人次",  # grouped 4-4-4, not a phone
    "版本 1.3.9.1.2",
    "微信公众号：科普中国",
    "微信公众号 kepuchina 的文章",  # an official account is an institution's
    "微生物 显微镜 观察",
    "树立威信",
    "关注官方微博",
    "扫码加入 QQ 群 123456789",
    "QQ群：123456789",
    "QQ邮箱请勿使用",
    "使用 vivo 手机拍摄",
    "参加 VEX 机器人竞赛",
    "参加VEXrobotics挑战赛",
    "增加VR体验环节",
    "vxworks 嵌入式系统",
    "www.cstm.org.cn",
    "https://mp.weixin.qq.com/s/abcdefg",
    "科协 info@cdstm.cn",
    "at the museum, data at scale",
    "文号 教监管厅函〔2025〕7号",
    "页面编号 201510221234567890123",
    "编号 11010519491231002Y",
    "编号 110105 19491231 002Y",  # spaced, wrong checksum
    "学号 20261391234",
]


@pytest.mark.parametrize("text", LOOK_ALIKES)
def test_look_alikes_pass(text: str) -> None:
    assert list(scan(text, person=False)) == [], text


# --- URL fields: the path, query and fragment are scanned, decoded ---------------------------------


@pytest.mark.parametrize(
    "url",
    [
        "https://yuyue.example.cn/book?tel=13912345678",
        "https://yuyue.example.cn/book?name=%E5%BC%A0&phone=139%201234%205678",
        "https://yuyue.example.cn/book?mail=zhangsan%40qq.com",
        "https://yuyue.example.cn/book?contact=zhangsan@163.com&x=1",
        "https://yuyue.example.cn/contact/13912345678",
        "https://yuyue.example.cn/book#qq=12345678",
        "https://yuyue.example.cn/book?wechat=kexue2024",
        "https://yuyue.example.cn/book?id=11010519491231002X",
    ],
)
def test_personal_data_in_a_url_is_found(url: str) -> None:
    assert list(scan_value(url, person=False)), url


def test_an_expert_profile_url_may_not_carry_an_email() -> None:
    url = "https://www.pku.edu.cn/people/zhang?email=zhang%40pku.edu.cn"
    assert list(scan_value(url, person=True))


@pytest.mark.parametrize(
    "url",
    [
        "http://www.moe.gov.cn/srcsite/A29/202510/t20251029_1418393.html",
        "http://www.moe.gov.cn/srcsite/A29/202510/W020251029471803160286.doc",
        "https://mp.weixin.qq.com/s/AbCdEfGh1234567",
        "https://www.qq.com/news/2026/11/23/",
        "https://pcticket.cstm.org.cn/",
        "https://www.bjp.org.cn/kjhd/index.shtml?page=13&size=20",
        "https://example.cn/item/1391234",
        "https://example.cn/map?lat=39.9042&lng=116.4074",
        "https://example.cn/isbn/978-7-115-13912-3",
        "https://user@example.cn/path",
        "https://medium.com/@kexue/post",
    ],
)
def test_ordinary_urls_pass(url: str) -> None:
    assert list(scan_value(url, person=False)) == [], url


def test_the_shipped_content_has_no_finding() -> None:
    """No false alarm on the real records (and their URLs)."""
    from kejiao.validate import _strings
    from kejiao.yamlsafe import decode, parse

    from .conftest import ROOT

    found = []
    for path in sorted((ROOT / "content").rglob("*.yml")):
        data = parse(decode(path.read_bytes())).data
        person = path.parent.name == "experts"
        for where, text in _strings(data):
            found += [(path.name, where, f) for f in scan_value(text, person=person)]
    assert found == []
