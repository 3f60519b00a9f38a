"""脱敏: what an exported or printed copy shows of phone, address and ID number."""

from __future__ import annotations

from ztclient.domain.masking import mask_address, mask_id, mask_phone


def test_mobile_and_landline():
    assert mask_phone("13812345678") == "138****5678"
    assert mask_phone("0531-88881234") == "0531******234"
    assert mask_phone("1234567") == "*******"  # too short to show anything
    assert mask_phone("") == "" and mask_phone(None) == ""


def test_address_keeps_the_district_or_county_only():
    assert mask_address("济南市历下区青山镇幸福路8号") == "济南市历下区****"
    assert mask_address("浙江省杭州市西湖区文三路100号3幢") == "浙江省杭州市西湖区****"
    assert (
        mask_address("内蒙古自治区阿拉善盟阿拉善左旗巴彦浩特镇")
        == "内蒙古自治区阿拉善盟阿拉善左旗****"
    )
    assert mask_address("平阴县东阿镇") == "平阴县****"
    # no administrative part: two characters, and never the house number
    assert mask_address("青山镇幸福路8号") == "青山****"
    # "市场路" is a street: administrative words are looked for near the start only
    assert mask_address("幸福大街东段菜市场路北侧二十八号院") == "幸福****"
    assert mask_address("") == "" and mask_address(None) == ""


def test_the_mask_does_not_reveal_the_hidden_length():
    assert len(mask_address("济南市历下区青山镇")) == len(
        mask_address("济南市历下区青山镇幸福路8号3单元")
    )


def test_id_number():
    assert mask_id("11010519491231002X") == "1101**********002X"
    assert mask_id(None) == ""


def test_compounds_and_communities_are_not_administrative_levels():
    assert mask_address("和平里小区3号楼2单元") == "和平****"
    assert mask_address("北京市东城区和平里小区3号楼") == "北京市东城区****"
    assert mask_address("市场路1号") == "市场****"
