"""The 20 home-care service items of the Nantou manual (seed 004).

Source: the 個案服務契約書 第三條 (contract wording) and the 居家照顧服務需求異動表
(needs-change table, numbered 1-20: 7 household items, 13 body-care items).
Pure data, no dependencies: the case / care-plan code imports it, the forms print it.
Codes are stable identifiers; never renumber or rename them once stored.
"""

from __future__ import annotations

from dataclasses import dataclass

HOUSEHOLD = "household"
BODY_CARE = "body_care"

GROUPS: dict[str, dict[str, str]] = {
    HOUSEHOLD: {"zh": "家務服務", "contract_zh": "家務及日常生活照顧服務", "en": "Household and daily-living services"},
    BODY_CARE: {"zh": "身體照顧服務", "contract_zh": "身體照顧服務", "en": "Body care services"},
}


@dataclass(frozen=True)
class ServiceItem:
    number: int  # 1-20 as printed on the needs-change table
    code: str  # stable snake_case identifier
    group: str  # HOUSEHOLD or BODY_CARE
    name_zh: str  # wording of the needs-change table
    contract_zh: str  # wording of the contract, 第三條
    name_en: str

    @property
    def is_other(self) -> bool:
        """The two catch-all items ("其他") that carry free text."""
        return self.code.endswith("_other")


SERVICE_CATALOGUE: tuple[ServiceItem, ...] = (
    ServiceItem(1, "laundry", HOUSEHOLD, "換洗衣物洗滌與修補", "換洗衣物之洗滌與修補", "Laundry and mending"),
    ServiceItem(2, "home_cleaning", HOUSEHOLD, "居家環境改善(清潔)", "居家環境改善(清潔)", "Home cleaning"),
    ServiceItem(3, "paperwork", HOUSEHOLD, "文書服務", "文書服務", "Paperwork and correspondence"),
    ServiceItem(4, "meals", HOUSEHOLD, "膳食服務", "膳食服務", "Meal preparation"),
    ServiceItem(
        5,
        "shopping",
        HOUSEHOLD,
        "陪同/代購生活必需用品",
        "陪同或代購生活必需品",
        "Shopping for necessities (with or for)",
    ),
    ServiceItem(6, "medical_escort", HOUSEHOLD, "協助就醫", "協助就醫", "Escort to medical care"),
    ServiceItem(
        7, "household_other", HOUSEHOLD, "家務服務-其他", "其他家務及日常生活照顧服務", "Other household services"
    ),
    ServiceItem(8, "bathing", BODY_CARE, "協助沐浴", "協助沐浴", "Bathing"),
    ServiceItem(9, "personal_hygiene", BODY_CARE, "個人清潔及盥洗", "個人清潔及盥洗", "Personal hygiene and washing"),
    ServiceItem(10, "toileting", BODY_CARE, "大小便處理", "大小便處理", "Toileting and continence care"),
    ServiceItem(11, "dressing", BODY_CARE, "協助穿換衣服", "協助穿換衣服", "Dressing"),
    ServiceItem(12, "feeding", BODY_CARE, "協助進食", "協助進食", "Eating"),
    ServiceItem(13, "medication", BODY_CARE, "協助服藥", "協助服藥", "Taking medication"),
    ServiceItem(14, "turning", BODY_CARE, "翻身", "翻身拍背", "Turning and back patting"),
    ServiceItem(
        15,
        "joint_exercise",
        BODY_CARE,
        "肢體關節活動",
        "肢體關節活動（不含指壓、按摩）",
        "Limb and joint exercise (no acupressure or massage)",
    ),
    ServiceItem(16, "transfer", BODY_CARE, "上下床及移位", "上下床及移位", "Getting in/out of bed and transfers"),
    ServiceItem(
        17, "walking_exercise", BODY_CARE, "陪同散步、運動", "陪同散步、運動", "Accompanied walks and exercise"
    ),
    ServiceItem(18, "assistive_devices", BODY_CARE, "協助運用輔助器具", "協助運用輔助器具", "Using assistive devices"),
    ServiceItem(19, "simple_nursing", BODY_CARE, "簡易護理", "簡易護理", "Simple nursing care"),
    ServiceItem(
        20, "body_care_other", BODY_CARE, "身體照顧-其他", "其他身體照顧之相關服務", "Other body care services"
    ),
)

SERVICE_BY_CODE: dict[str, ServiceItem] = {item.code: item for item in SERVICE_CATALOGUE}
SERVICE_BY_NUMBER: dict[int, ServiceItem] = {item.number: item for item in SERVICE_CATALOGUE}
HOUSEHOLD_ITEMS: tuple[ServiceItem, ...] = tuple(i for i in SERVICE_CATALOGUE if i.group == HOUSEHOLD)
BODY_CARE_ITEMS: tuple[ServiceItem, ...] = tuple(i for i in SERVICE_CATALOGUE if i.group == BODY_CARE)


def check_codes(codes) -> frozenset[str]:
    """Return the codes as a frozenset, raising ValueError on any code not in the catalogue."""
    result = frozenset(codes)
    unknown = sorted(result - SERVICE_BY_CODE.keys())
    if unknown:
        raise ValueError(f"unknown service code(s): {', '.join(unknown)}")
    return result
