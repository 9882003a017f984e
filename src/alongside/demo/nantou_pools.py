"""Pools the Nantou cast draws from: names, towns and streets, conditions and care tasks.

Invented combinations of common elements; none describes a real person or household.
"""

from __future__ import annotations

from dataclasses import dataclass

from alongside.people import choices as c

# --- Names ---------------------------------------------------------------------------------------------
# Repeated characters weight the draw towards the commonest family names.
FAMILY_NAMES = (
    "陳陳陳陳林林林黃黃張張李李王王吳吳劉蔡楊許鄭謝洪郭邱曾廖賴徐周葉"
    "蘇莊呂江何蕭羅高潘簡朱鍾游彭詹胡施沈余盧梁趙顏柯翁魏"
)
HAKKA_FAMILY_NAMES = "徐邱彭曾范鍾詹古羅劉"
# Given names by generation: names fashionable before about 1955, and after.
GIVEN_NAMES = {
    ("female", "older"): "秀英 玉蘭 阿月 素珍 秀琴 月娥 金花 玉梅 碧霞 麗珠 "
    "春嬌 秀鳳 美玉 寶珠 玉燕 阿梅 秀桃 春美 麗雲 錦雲",
    ("male", "older"): "金龍 永福 文雄 明德 進財 清水 阿土 正雄 國華 榮華 "
    "添丁 火旺 天賜 萬生 德勝 水木 春生 振興 坤山 阿全",
    ("female", "younger"): "怡君 雅婷 淑芬 佩珊 美玲 惠雯 家瑜 欣怡 郁雯 靜宜 "
    "淑惠 麗娟 素娟 雅惠 宜蓁 佳穎 婉婷 曉萍 玉婷 美華",
    ("male", "younger"): "志明 俊傑 建宏 家豪 宗翰 冠廷 承恩 志豪 信宏 文彬 "
    "俊宏 建志 明輝 偉倫 嘉偉 柏翰 士傑 國強 世昌 銘輝",
}
# Indigenous people carry a Han-style name on the register and their own name, kept as the reading.
INDIGENOUS = {
    "布農族": {
        "home": "信義鄉",
        "family": "全伍田司幸史",
        "male": ("Biung", "Tiang", "Anu", "Tahai", "Laung", "Husung"),
        "female": ("Abus", "Savi", "Ibu", "Umav", "Langus", "Ciang"),
        "clans": ("Istanda", "Takislinkian", "Tansikian", "Istasipal", "Takiludun", "Takivatan"),
    },
    "泰雅族": {
        "home": "仁愛鄉",
        "family": "高林黃張馬尤",
        "male": ("Yukan", "Walis", "Watan", "Tali", "Batu", "Losin"),
        "female": ("Yayut", "Pisuy", "Ciwas", "Lawa", "Yaki", "Iwan"),
        "clans": (),  # Atayal names are patronymic: own name, then the father's
    },
}
# New-immigrant caregivers: naturalised spouses with a Chinese name and their original name as the reading.
VIETNAMESE_NAMES = (
    ("阮", "Nguyễn"), ("陳", "Trần"), ("黎", "Lê"), ("范", "Phạm"), ("黃", "Huỳnh"),
)  # fmt: skip
VIETNAMESE_GIVEN = (
    ("氏蘭", "Thị Lan"), ("氏花", "Thị Hoa"), ("氏玉", "Thị Ngọc"), ("氏秋", "Thị Thu"), ("氏梅", "Thị Mai"),
)  # fmt: skip
INDONESIAN_NAMES = ("Siti Rahayu", "Sri Wahyuni", "Nur Aini", "Rina Susanti", "Yuli Astuti", "Wulan Sari")

# --- Places --------------------------------------------------------------------------------------------
# Town: postcode, supervisor area, weight among clients, and streets (or "village/hamlet" for mountain
# townships, whose addresses give the neighbourhood 鄰 instead of a street).
TOWNS = {
    "南投市": ("540", "south", 12, ("中興路", "民族路", "復興路", "三和一路", "南陽路", "彰南路二段", "光明一路")),
    "埔里鎮": ("545", "north", 10, ("中山路二段", "中山路三段", "南昌街", "西安路一段", "信義路", "東榮路")),
    "草屯鎮": ("542", "north", 10, ("中正路", "太平路二段", "虎山路", "碧山路", "成功路一段")),
    "竹山鎮": ("557", "south", 6, ("集山路三段", "下橫街", "前山路一段", "大智路")),
    "集集鎮": ("552", "south", 3, ("民生路", "八張街", "成功路")),
    "名間鄉": ("551", "south", 4, ("彰南路", "名松路一段", "中正路")),
    "鹿谷鄉": ("558", "south", 3, ("中正路一段", "中正路二段", "中正路三段")),
    "中寮鄉": ("541", "north", 3, ("永平路", "復興路")),
    "魚池鄉": ("555", "north", 3, ("魚池街", "中山路", "中正路")),
    "國姓鄉": ("544", "north", 4, ("中正路一段", "中正路二段", "中興路")),
    "水里鄉": ("553", "south", 3, ("民生路", "中山路一段", "中山路二段")),
    "信義鄉": ("556", "south", 4, ("明德村/玉山路", "望美村/望鄉", "地利村/地利", "潭南村/潭南", "人和村/人和")),
    "仁愛鄉": ("546", "north", 4, ("大同村/仁和路", "南豐村/眉溪", "精英村/平靜", "發祥村/瑞岩", "力行村/松林")),
}
# Approximate township centres (degrees): demo homes scatter about 2 km around them, for travel times.
TOWN_CENTRES = {
    "南投市": (23.9157, 120.6639), "埔里鎮": (23.9646, 120.9679), "草屯鎮": (23.9739, 120.6800),
    "竹山鎮": (23.7577, 120.6720), "集集鎮": (23.8290, 120.7868), "名間鄉": (23.8384, 120.6776),
    "鹿谷鄉": (23.7446, 120.7525), "中寮鄉": (23.8789, 120.7669), "魚池鄉": (23.8964, 120.9360),
    "國姓鄉": (24.0420, 120.8583), "水里鄉": (23.8120, 120.8546), "信義鄉": (23.6996, 120.8553),
    "仁愛鄉": (24.0244, 121.1336),
}  # fmt: skip
SUPERVISOR_OF_AREA = {"north": "supervisor1", "south": "supervisor2"}
HAKKA_TOWN = "國姓鄉"

# --- Health and care -----------------------------------------------------------------------------------
S = c.DisabilityDegree


@dataclass(frozen=True)
class Condition:
    diagnoses: tuple[str, ...]  # alternative wordings of the main diagnoses
    category: str
    degrees: tuple[str, ...]
    aids: tuple[str, ...] = ()
    tubes: tuple[str, ...] = ()
    diets: tuple[str, ...] = (c.Diet.REGULAR,)
    languages: tuple[str, ...] = ()  # when the condition decides them (a deaf client signs)


OLDER_CONDITIONS = {
    "stroke": Condition(
        ("腦中風（右側肢體偏癱）、高血壓", "腦中風（左側肢體偏癱）、高血脂症", "腦中風後遺症、吞嚥困難"),
        c.DisabilityCategory.C7, (S.MODERATE, S.SEVERE),
        aids=(c.Aid.WHEELCHAIR, c.Aid.HOSPITAL_BED, c.Aid.COMMODE, c.Aid.CANE),
        tubes=(c.Tube.NASOGASTRIC, c.Tube.URINARY_CATHETER), diets=(c.Diet.LOW_SALT, c.Diet.SOFT),
    ),
    "dementia": Condition(
        ("失智症（阿茲海默型）", "血管型失智症、高血壓", "失智症、第二型糖尿病"),
        c.DisabilityCategory.C1, (S.MILD, S.MODERATE, S.SEVERE),
        aids=(c.Aid.COMMODE, c.Aid.WALKER), tubes=(c.Tube.NASOGASTRIC,), diets=(c.Diet.REGULAR, c.Diet.SOFT),
    ),
    "parkinson": Condition(
        ("巴金森氏症", "巴金森氏症、骨質疏鬆症"), c.DisabilityCategory.C7, (S.MODERATE, S.SEVERE),
        aids=(c.Aid.WALKER, c.Aid.WHEELCHAIR, c.Aid.HOSPITAL_BED), diets=(c.Diet.SOFT, c.Diet.REGULAR),
    ),
    "fracture": Condition(
        ("右側髖關節骨折術後、骨質疏鬆症", "退化性膝關節炎（雙側人工膝關節置換術後）"),
        c.DisabilityCategory.C7, (S.MILD, S.MODERATE), aids=(c.Aid.WALKER, c.Aid.CANE, c.Aid.COMMODE),
    ),
    "copd": Condition(
        ("慢性阻塞性肺病", "慢性阻塞性肺病、心臟衰竭"), c.DisabilityCategory.C4, (S.MODERATE, S.SEVERE),
        aids=(c.Aid.OXYGEN, c.Aid.WHEELCHAIR), diets=(c.Diet.LOW_SALT,),
    ),
    "diabetes": Condition(
        ("第二型糖尿病、糖尿病視網膜病變", "糖尿病、白內障術後"), c.DisabilityCategory.C2, (S.MILD, S.MODERATE),
        aids=(c.Aid.CANE,), diets=(c.Diet.DIABETIC,),
    ),
    "kidney": Condition(
        ("慢性腎臟病（每週三次血液透析）、高血壓",), c.DisabilityCategory.C6, (S.SEVERE,),
        aids=(c.Aid.WHEELCHAIR, c.Aid.CANE), diets=(c.Diet.LOW_SALT,),
    ),
    "frailty": Condition(
        ("退化性關節炎、高血壓", "高血壓、心律不整", "聽力退化、退化性關節炎"), c.DisabilityCategory.NONE, (S.NONE,),
        aids=(c.Aid.CANE, c.Aid.HEARING_AID), diets=(c.Diet.REGULAR, c.Diet.LOW_SALT),
    ),
}  # fmt: skip
YOUNGER_CONDITIONS = {
    "spinal_cord": Condition(
        ("脊髓損傷（頸椎第五、六節，四肢癱瘓）", "脊髓損傷（胸椎第十二節，下肢癱瘓）"),
        c.DisabilityCategory.C7, (S.SEVERE, S.PROFOUND),
        aids=(c.Aid.WHEELCHAIR, c.Aid.HOSPITAL_BED, c.Aid.COMMODE), tubes=(c.Tube.URINARY_CATHETER,),
    ),
    "cerebral_palsy": Condition(
        ("腦性麻痺（痙攣型四肢麻痺）", "腦性麻痺、癲癇"), c.DisabilityCategory.C7, (S.SEVERE, S.PROFOUND),
        aids=(c.Aid.WHEELCHAIR, c.Aid.HOSPITAL_BED), tubes=(c.Tube.GASTROSTOMY,), diets=(c.Diet.SOFT,),
    ),
    "intellectual": Condition(
        ("智能障礙、癲癇", "唐氏症"), c.DisabilityCategory.C1, (S.MODERATE, S.SEVERE),
    ),
    "mental_illness": Condition(
        ("思覺失調症", "雙極性情感疾患"), c.DisabilityCategory.C1, (S.MILD, S.MODERATE),
    ),
    "motor_neuron": Condition(
        ("肌萎縮性脊髓側索硬化症", "肌肉萎縮症"), c.DisabilityCategory.C7, (S.PROFOUND,),
        aids=(c.Aid.WHEELCHAIR, c.Aid.HOSPITAL_BED, c.Aid.VENTILATOR),
        tubes=(c.Tube.TRACHEOSTOMY, c.Tube.GASTROSTOMY), diets=(c.Diet.LIQUID,),
    ),
    "deaf": Condition(
        ("先天性重度聽覺障礙",), c.DisabilityCategory.C2, (S.SEVERE,), aids=(c.Aid.HEARING_AID,),
        languages=(c.Language.SIGN, c.Language.MANDARIN),
    ),
    "blind": Condition(("視網膜色素病變（全盲）",), c.DisabilityCategory.C2, (S.SEVERE,), aids=(c.Aid.CANE,)),
    "brain_injury": Condition(
        ("頭部外傷後遺症（車禍）、右側肢體無力",), c.DisabilityCategory.C7, (S.MODERATE, S.SEVERE),
        aids=(c.Aid.WHEELCHAIR, c.Aid.WALKER), diets=(c.Diet.SOFT,),
    ),
    **{key: OLDER_CONDITIONS[key] for key in ("stroke", "kidney")},  # also seen in working-age clients
}  # fmt: skip
SELF_PAY_CONDITIONS = ("frailty", "fracture", "dementia", "stroke", "diabetes")
TUBE_FEEDING = {c.Tube.NASOGASTRIC, c.Tube.GASTROSTOMY}
AIDS_BY_DEGREE = {S.NONE: 1, S.MILD: 1, S.MODERATE: 2, S.SEVERE: 3, S.PROFOUND: 3}
CARE_TASKS = (
    "協助沐浴", "協助進食", "協助如廁", "更換尿布", "翻身拍背", "肢體關節活動", "陪同散步", "陪同就醫",
    "備餐", "環境清潔", "換洗衣物之洗濯", "代購生活用品",
)  # fmt: skip
QUALIFICATIONS = (
    "照顧服務員技術士（單一級）", "照顧服務員訓練結業證明書（90小時）", "照顧服務員技術士（單一級）、失智症照顧訓練",
)  # fmt: skip
RELIGIONS = {
    c.Religion.FOLK: 40, c.Religion.BUDDHIST: 25, c.Religion.TAOIST: 15, c.Religion.YIGUANDAO: 5,
    c.Religion.CHRISTIAN: 5, c.Religion.NONE: 10,
}  # fmt: skip
