"""Functional assessment: Barthel ADL (巴氏量表), the 8-item IADL of Taiwanese forms, CDR.

The seeds name these scales (003 §四(二): Barthel 0–100, IADL, CDR; 004's assessment form lists the
ten ADL and eight IADL items) but do not print their scoring. The scoring below is the standard one
of the Taiwanese long-term-care forms (長期照顧服務個案評估量表 96.11.15 for the IADL), recorded as
data so that a form revision is a data change.
"""

from __future__ import annotations

from decimal import Decimal

from alongside.rules.instruments.base import Instrument, Item, choices

# Instrument rule IDs: rules.md numbers no instrument, so these IDs are this module's (listed in
# docs/rules.md); the seed reference is in each instrument's docstring-level comment.
BARTHEL_RULE = "IN-01"
IADL_RULE = "IN-02"
CDR_RULE = "IN-03"


def _barthel_band(total: Decimal, _: Instrument) -> str:
    # Dependency bands printed on Taiwanese Barthel forms. The program levels of 003 (ADL 61–80 mild,
    # 31–60 moderate-severe, ≤30 extremely severe) are tw.disability_homecare.level's business.
    if total == 100:
        return "independent"
    if total >= 91:
        return "slight_dependency"
    if total >= 61:
        return "moderate_dependency"
    if total >= 21:
        return "severe_dependency"
    return "total_dependency"


BARTHEL = Instrument(
    code="barthel",
    name="Barthel ADL index (巴氏量表)",
    rule_ids=(BARTHEL_RULE,),
    higher_means="more independent in activities of daily living",
    interpret=_barthel_band,
    items=(
        Item("feeding", "進食", choices((10, "自行取食"), (5, "需部分協助"), (0, "無法自行取食"))),
        Item("transfer", "移位", choices(
            (15, "可自行坐起、移位"), (10, "需少量協助或提醒"), (5, "可自行坐起但移位需協助"), (0, "需別人幫忙"))),
        Item("grooming", "個人衛生", choices((5, "可自行完成"), (0, "需別人幫忙"))),
        Item("toilet_use", "如廁", choices((10, "可自行完成"), (5, "需協助保持平衡或整理衣物"), (0, "需別人幫忙"))),
        Item("bathing", "洗澡", choices((5, "可自行完成"), (0, "需別人幫忙"))),
        Item("walking", "平地走動", choices(
            (15, "可獨立行走50公尺以上"), (10, "需稍微扶持或口頭指導"), (5, "可操作輪椅"), (0, "需別人幫忙"))),
        Item("stairs", "上下樓梯", choices((10, "可自行上下樓梯"), (5, "需稍微扶持或口頭指導"), (0, "無法上下樓梯"))),
        Item("dressing", "穿脫衣服", choices((10, "可自行穿脫"), (5, "需部分協助"), (0, "需別人幫忙"))),
        Item("bowels", "大便控制", choices((10, "不會失禁"), (5, "偶爾失禁"), (0, "失禁"))),
        Item("bladder", "小便控制", choices((10, "不會失禁"), (5, "偶爾失禁"), (0, "失禁"))),
    ),
)


def _iadl_band(total: Decimal, instrument: Instrument) -> str:
    # The form has no cut-off of its own; 003 reads the total in ranges (19–21, 16–18, ≤15, ≤14, ≤9)
    # that tw.disability_homecare.level applies. Here only the plain reading.
    return "independent" if total == instrument.max_total else "needs_help"


def _iadl_item(code: str, label: str, needs_help_at_or_below: int | None, *pairs) -> Item:
    threshold = None if needs_help_at_or_below is None else Decimal(needs_help_at_or_below)
    return Item(code, label, choices(*pairs), needs_help_at_or_below=threshold,
                not_applicable_scores_max=True)


# Order and wording of the IADL form; maxima 3+4+3+4+2+3+3+2 = 24.
IADL = Instrument(
    code="iadl",
    name="Instrumental activities of daily living, 8 items (工具性日常生活量表)",
    rule_ids=(IADL_RULE, "D-10"),
    higher_means="more independent in instrumental activities",
    interpret=_iadl_band,
    items=(
        _iadl_item("shopping", "上街購物", 1,
                   (3, "獨立完成所有購物需求"), (2, "獨立購買日常生活用品"),
                   (1, "每一次上街購物都需要有人陪"), (0, "完全不會上街購物")),
        _iadl_item("going_out", "外出活動", 1,
                   (4, "能夠自己開車、騎車"), (3, "能夠自己搭乘大眾運輸工具"),
                   (2, "能夠自己搭乘計程車但不會搭乘大眾運輸工具"),
                   (1, "當有人陪同可搭計程車或大眾運輸工具"), (0, "完全不能出門")),
        _iadl_item("cooking", "食物烹調", 0,
                   (3, "能獨立計畫、烹煮和擺設一頓適當的飯菜"), (2, "如果準備好一切佐料，會做一頓適當的飯菜"),
                   (1, "會將已做好的飯菜加熱"), (0, "需要別人把飯菜煮好、擺好")),
        _iadl_item("housekeeping", "家務維持", 1,
                   (4, "能做較繁重的家事或需偶爾家事協助"), (3, "能做較簡單的家事，如洗碗、鋪床、疊被"),
                   (2, "能做家事，但不能達到可被接受的整潔程度"), (1, "所有的家事都需要別人協助"),
                   (0, "完全不會做家事")),
        _iadl_item("laundry", "洗衣服", 0,
                   (2, "自己清洗所有衣物"), (1, "只清洗小件衣物"), (0, "完全依賴他人")),
        _iadl_item("telephone", "使用電話能力", 1,
                   (3, "獨立使用電話，含查電話簿、撥號等"), (2, "僅可撥熟悉的電話號碼"),
                   (1, "僅會接電話，不會撥電話"), (0, "完全不會使用電話")),
        # Thresholds for the last two items were not confirmed from a source: no help flag.
        _iadl_item("medication", "服用藥物", None,
                   (3, "能自己負責在正確的時間用正確的藥物"), (2, "需要提醒或少許協助"),
                   (1, "如果事先準備好服用的藥物份量，可自行服用"), (0, "不能自己服用藥物")),
        _iadl_item("finances", "處理財務", None,
                   (2, "可以獨立處理財務"), (1, "可以處理日常的購買，但需要別人協助與銀行往來或大宗買賣"),
                   (0, "不能處理錢財")),
    ),
)


def iadl_help_items(item_scores: dict) -> list[str]:
    """Items the form marks as 失能 (needs help), as codes usable in the level question's iadl_help."""
    return [
        item.code
        for item in IADL.items
        if item.needs_help_at_or_below is not None
        and Decimal(str(item_scores[item.code])) <= item.needs_help_at_or_below
    ]


_CDR_STAGES = {
    Decimal("0"): "normal",
    Decimal("0.5"): "questionable",
    Decimal("1"): "mild",
    Decimal("2"): "moderate",
    Decimal("3"): "severe",
    Decimal("4"): "profound",  # the extended stages Taiwanese forms use (rules-api.md lists 4 and 5)
    Decimal("5"): "terminal",
}

CDR = Instrument(
    code="cdr",
    name="Clinical Dementia Rating, global score",
    rule_ids=(CDR_RULE,),
    higher_means="more severe dementia",
    interpret=lambda total, _: _CDR_STAGES[total],
    items=(
        Item("global", "CDR 總分", choices(
            ("0", "正常"), ("0.5", "未確定或待觀察"), ("1", "輕度"), ("2", "中度"), ("3", "重度"),
            ("4", "深度"), ("5", "末期"))),
    ),
)
