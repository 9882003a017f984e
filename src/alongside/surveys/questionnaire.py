"""The printed 居家服務滿意度調查表 (004, chapter 5 §1's forms) as data: its basic-data questions and the order of
its scored parts. The scales themselves (items, answers, scoring) live in the rules engine
(`alongside.rules.instruments.survey`, questions `instrument.<code>`); this module only names them.

Basic-data answers are stored as the printed words (the form is fixed and read in Traditional Chinese), numbers
as integers. Every basic-data question is optional: a respondent may leave any of them blank.
"""

from __future__ import annotations

from dataclasses import dataclass

from django.utils.translation import gettext_lazy as _

from alongside.rules.instruments import INSTRUMENTS

# The scored parts in the order of the form: 第二部分 二, 第四部分 … 第七部分.
SCALE_CODES = ("satisfaction", "social_support", "family_interaction", "caregiver_burden", "cesd")
SCALE_TITLES = {
    "satisfaction": _("Part 2: about the home-care worker (satisfaction)"),
    "social_support": _("Part 4: social support"),
    "family_interaction": _("Part 5: family interaction"),
    "caregiver_burden": _("Part 6: the primary caregiver's burden"),
    "cesd": _("Part 7: depression (CES-D, the past week)"),
}
SCALE_SHORT = {
    "satisfaction": _("Satisfaction"),
    "social_support": _("Social support"),
    "family_interaction": _("Family interaction"),
    "caregiver_burden": _("Caregiver burden"),
    "cesd": _("Depression (CES-D)"),
}

# The township question of 第一部分 一 1. (區域): the results by area read it.
TOWNSHIPS = ("仁愛鄉", "水里鄉", "信義鄉", "埔里鎮", "國姓鄉", "魚池鄉", "集集鎮", "其它")


@dataclass(frozen=True)
class Question:
    code: str
    label: str  # the printed wording
    kind: str  # "choice", "multi", "number" or "text"
    choices: tuple[str, ...] = ()
    section: str = "client"


def _q(code, label, kind, choices=(), section="client") -> Question:
    return Question(code, label, kind, tuple(choices), section)


_EDUCATION = ("不識字", "非正規教育", "國小", "國中", "高中/高職", "大學/大專", "其它")
_MARRIAGE = ("未婚", "已婚", "離婚", "喪偶", "其它")
_RELIGION = ("無", "道教", "一貫道", "佛教", "基督教", "天主教", "其它")
_PAYERS = ("案主", "配偶", "父母", "子女", "兄弟姊妹", "親友", "其他")
_KNOW = ("知道", "不知道")

BASIC_QUESTIONS: tuple[Question, ...] = (
    # 第一部分 一、個案基本資料
    _q("area", "區域", "choice", TOWNSHIPS),
    _q("welfare", "福利別", "choice", ("低收入戶", "中低收入戶", "一般戶")),
    _q("identity", "身份別（可複選）", "multi", ("老人", "身障者", "原住民")),
    _q("disability_degree", "失能程度", "choice", ("輕度", "中度", "重度")),
    _q("sex", "性別", "choice", ("男", "女")),
    _q("birth_year_roc", "民國幾年出生", "number"),
    _q("education", "教育程度", "choice", _EDUCATION),
    _q("marriage", "婚姻狀況", "choice", _MARRIAGE),
    _q("disability_card", "身心障礙狀況", "choice", ("非身心障礙者", "領冊身心障礙手冊")),
    _q("religion", "宗教信仰", "choice", _RELIGION),
    _q("children", "您共有幾位子女？", "number"),
    _q("income_source", "您目前主要的經濟來源", "choice", ("無", "子女奉養", "退休金", "平時儲蓄", "政府津貼", "其它")),
    _q("lives_with_caregiver", "您是否與主要照顧者同住？", "choice", ("是", "否", "其它")),
    # 第一部分 二、主要照顧者基本資料
    _q("cg_sex", "性別", "choice", ("男", "女"), "caregiver"),
    _q("cg_birth_year_roc", "民國幾年出生", "number", section="caregiver"),
    _q("cg_education", "教育程度", "choice", _EDUCATION, "caregiver"),
    _q("cg_marriage", "婚姻狀況", "choice", _MARRIAGE, "caregiver"),
    _q("cg_religion", "宗教信仰", "choice", _RELIGION, "caregiver"),
    _q("cg_family_support", "是否因照顧個案而得到親屬間固定的經濟支援", "choice", ("是", "否"), "caregiver"),
    _q(
        "cg_household_income",
        "您家庭每月總收入",
        "choice",
        (
            "無",
            "10000元以下",
            "10001~20000元",
            "20001~30000元",
            "30001~40000元",
            "40001~50000元",
            "50001元以上",
        ),
        "caregiver",
    ),
    _q("cg_money_pressure", "您是否有經濟壓力", "choice", ("是", "否"), "caregiver"),
    _q("cg_relationship", "您與個案之親屬關係", "text", section="caregiver"),
    _q("cg_lives_with", "您是否與個案同住", "choice", ("是", "否", "其它"), "caregiver"),
    _q("cg_contact", "您接觸案主的頻率", "choice", ("每天", "一星期2~3天", "一星期1次", "少於一星期1次"), "caregiver"),
    _q(
        "cg_work",
        "您的就業狀況",
        "choice",
        ("專職工作", "兼職工作", "因照顧而辭去工作", "退休", "本來就無工作", "其它"),
        "caregiver",
    ),
    _q(
        "cg_health",
        "您覺得您目前的健康狀況如何",
        "choice",
        ("非常健康", "健康", "普通", "不健康", "非常不健康"),
        "caregiver",
    ),
    _q("cg_rotation", "是否有其它的家人或朋友可以輪流照顧個案？有幾人（0 = 否）", "number", section="caregiver"),
    _q("cg_willing", "您持續照顧個案是出自於", "choice", ("自願", "非自願"), "caregiver"),
    # 第一部分 三、目前接受的居家服務內容（可複選）
    _q(
        "household_services",
        "家務服務",
        "multi",
        (
            "換洗衣物洗滌與修補",
            "居家環境改善(清潔)",
            "文書服務",
            "膳食服務",
            "陪同或代購生活必需品",
            "協助就醫",
            "其它",
        ),
        "services",
    ),
    _q(
        "body_services",
        "身體照顧服務",
        "multi",
        (
            "協助沐浴",
            "個人清潔及盥洗",
            "大小便處理",
            "協助穿換衣服",
            "協助進食",
            "協助服藥",
            "翻身拍背",
            "肢體關節活動",
            "上下床及移位",
            "陪同散步、運動",
            "協助運用輔助器具",
            "簡易護理",
            "其它",
        ),
        "services",
    ),
    # 第二部分 一、對於機構
    _q("since_roc", "您是從何時開始使用居家服務？（民國年/月，例如 101/3）", "text", section="agency"),
    _q("knows_subsidy", "您知道所接受的居家服務是由內政部及南投縣政府補助的嗎？", "choice", _KNOW, "agency"),
    _q("knows_provider", "您知道現在提供居家服務的單位名稱嗎？", "choice", _KNOW, "agency"),
    _q("knows_hotline", "您知道本會的居家服務專線電話嗎？", "choice", _KNOW, "agency"),
    # 第三部分 居家服務費
    _q("copay_used", "失能身障計畫：目前有使用到部分負擔的時數嗎？", "choice", ("有", "沒有"), "fees"),
    _q("copay_payers", "部分負擔費用由誰支付（可複選）", "multi", _PAYERS, "fees"),
    _q("copay_not_reason", "沒有使用的原因", "choice", ("經濟問題", "目前時數足夠", "其他"), "fees"),
    _q("ltc_payers", "長期照顧十年計畫：自付額的部分是由誰支付？（可複選）", "multi", _PAYERS, "fees"),
)

BASIC_BY_CODE = {question.code: question for question in BASIC_QUESTIONS}

SECTIONS = {
    "client": _("Part 1 (1): about the client"),
    "caregiver": _("Part 1 (2): about the primary caregiver"),
    "services": _("Part 1 (3): home-care services received now"),
    "agency": _("Part 2 (1): about the agency"),
    "fees": _("Part 3: home-care fees"),
}


def scale_items(code: str) -> list[dict]:
    """The engine's item definitions of one scale (code, printed label, choices with value and label)."""
    return INSTRUMENTS[code].describe()["items"]


def describe() -> dict:
    """The whole form as plain data, for the API."""
    return {
        "basic": [
            {"code": q.code, "label": q.label, "kind": q.kind, "choices": list(q.choices), "section": q.section}
            for q in BASIC_QUESTIONS
        ],
        "scales": [
            {"code": code, "title": str(SCALE_TITLES[code]), **INSTRUMENTS[code].describe()} for code in SCALE_CODES
        ],
    }
