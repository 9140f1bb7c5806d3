"""Revocation grounds.

`rules` has no revocation grounds yet (reported as a gap): these are R3 Art. 8.1's
letters a-e (đ written `dd`), kept here until the rule sets carry them."""

GROUNDS: dict[str, tuple[str, str]] = {
    "a": (
        "Thông tin không trung thực, giả mạo hồ sơ",
        "Untruthful information or falsified dossier",
    ),
    "b": (
        "Sản phẩm không còn đáp ứng tiêu chí theo kết luận kiểm tra, giám sát",
        "No longer meets the criteria per an inspection/supervision conclusion",
    ),
    "c": (
        "Vi phạm pháp luật về chất lượng, an toàn thực phẩm, môi trường, sở hữu trí tuệ, nhãn hàng hóa",  # noqa: E501
        "Violation of quality, food-safety, environment, IP or labelling law",
    ),
    "d": ("Sử dụng sai nhãn hiệu OCOP", "Misuse of the OCOP mark"),
    "dd": ("Chủ thể không còn sản xuất sản phẩm OCOP", "The producer no longer makes the product"),
    "e": (
        "Trường hợp khác theo kết luận của cơ quan có thẩm quyền",
        "Other cases per the authority's conclusion",
    ),
}
