"""Personal-data detectors: what must be refused, and what an institution may publish."""

from __future__ import annotations

import pytest

from kejiao.privacy import scan


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
