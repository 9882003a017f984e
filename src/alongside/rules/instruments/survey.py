"""The standard scales of 004's home-care satisfaction survey (居家服務滿意度調查表).

The form prints the items and the answer columns but no scoring. Our scoring, stated once here:
- agreement and adequacy columns score 1–5, oriented so that a higher total means more of what the
  scale is named after (more satisfied, more support, more burden);
- the family-interaction columns say how much (一點也沒有 … 非常多) and score 0–4;
- the depression scale is the CES-D: 0–3 per item, items 4, 8, 12 and 16 (the positive ones)
  reverse-scored, total 0–60, 16 or more = possible depression (the published cut-off);
- scales with no published cut-off are interpreted by the column their mean answer rounds to
  (half up), so "agree" means the respondent on average ticked 同意.
"""

from __future__ import annotations

from decimal import ROUND_HALF_UP, Decimal

from alongside.rules.instruments.base import Choice, Instrument, Item, choices

SATISFACTION_RULE = "IN-04"
SOCIAL_SUPPORT_RULE = "IN-05"
FAMILY_INTERACTION_RULE = "IN-06"
CAREGIVER_BURDEN_RULE = "IN-07"
CESD_RULE = "IN-08"

CESD_CUTOFF = Decimal(16)

AGREEMENT = choices((5, "非常同意"), (4, "同意"), (3, "沒意見"), (2, "不同意"), (1, "非常不同意"))
ADEQUACY = choices((1, "非常不足"), (2, "不足"), (3, "普通"), (4, "足夠"), (5, "非常足夠"))
AMOUNT = choices((0, "一點也沒有"), (1, "一點點"), (2, "有一些"), (3, "相當多"), (4, "非常多"))
FREQUENCY_PAST_WEEK = choices((0, "沒有或極少"), (1, "有時候"), (2, "時常"), (3, "經常"))

_ANSWER_CODES = {
    "非常同意": "strongly_agree", "同意": "agree", "沒意見": "neutral", "不同意": "disagree",
    "非常不同意": "strongly_disagree",
    "非常不足": "very_insufficient", "不足": "insufficient", "普通": "average", "足夠": "sufficient",
    "非常足夠": "very_sufficient",
    "一點也沒有": "not_at_all", "一點點": "a_little", "有一些": "some", "相當多": "quite_a_lot",
    "非常多": "a_great_deal",
}


def _by_mean_answer(total: Decimal, instrument: Instrument) -> str:
    mean = (total / len(instrument.items)).quantize(Decimal(1), rounding=ROUND_HALF_UP)
    scale: tuple[Choice, ...] = instrument.items[0].choices
    label = next(choice.label for choice in scale if choice.value == mean)
    return _ANSWER_CODES[label]


def _cesd_reading(total: Decimal, _: Instrument) -> str:
    return "possible_depression" if total >= CESD_CUTOFF else "below_cutoff"


def _items(labels: list[str], scale: tuple[Choice, ...], reverse: frozenset[int] = frozenset()) -> tuple:
    return tuple(
        Item(f"q{number}", label, scale, reverse_scored=number in reverse)
        for number, label in enumerate(labels, start=1)
    )


SATISFACTION = Instrument(
    code="satisfaction",
    name="Satisfaction with the home-care worker (004 第二部分 二)",
    rule_ids=(SATISFACTION_RULE,),
    higher_means="more satisfied with the home-care worker",
    interpret=_by_mean_answer,
    items=_items([
        "照顧服務員是很親切的、很好鬥陣", "照顧服務員是誠實、值得信賴的", "照顧服務員以尊重的態度對待被照顧者",
        "照顧服務員提供服務時是熟練的", "照顧服務員對我及被照顧者的需求是瞭解的",
        "我會介紹此服務(包括服務和照服員)給其他人", "照顧服務員所做的是被照顧者要他做的", "對照顧是滿意的",
        "照顧服務員會依據服務契約所該提供的服務", "如果被照顧者提出問題，照顧服務員會傾聽",
        "照顧服務員會給被照顧者足夠有關照顧的訊息", "照顧服務員會依照排班的時間提供服務",
        "照顧服務員在服務過程中是有耐性的",
    ], AGREEMENT),
)

SOCIAL_SUPPORT = Instrument(
    code="social_support",
    name="Social support scale (社會支持量表)",
    rule_ids=(SOCIAL_SUPPORT_RULE,),
    higher_means="more support for the caregiver",
    interpret=_by_mean_answer,
    items=_items([
        "有人協助跑腿、購物", "有人協助清潔工作", "有人提供經濟(包含金錢和物質)協助", "有人協助照顧他(她)",
        "有人可陪伴我", "有人協助三餐的準備", "有人協助帶他(她)去看醫生", "有人可提供經濟、財務處理的建議",
        "有人可告訴我照顧他(她)的方法", "有人會與我溝通、討論照顧時的疑惑", "有人提供有關照顧所需的資訊",
        "遇到困難挫折時，有人可傾訴", "有人可讓我隨時打電話求助", "沮喪時，有人會鼓勵我振作起來",
        "有人欣賞及肯定我所做的事情",
    ], ADEQUACY),
)

# Item 1 asks how often the two argue: the one negative item, reversed so that a higher total
# always means a warmer relationship.
FAMILY_INTERACTION = Instrument(
    code="family_interaction",
    name="Family interaction scale (家庭互動行為量表)",
    rule_ids=(FAMILY_INTERACTION_RULE,),
    higher_means="a closer, warmer relationship between caregiver and cared-for person",
    interpret=_by_mean_answer,
    items=_items([
        "你們常因某件事情而爭執嗎？", "您覺得與他(她)有多親近？", "您有多喜歡和他(她)分享過去的經驗？",
        "他(她)有多少時候對您和您所做的事表達謝意？", "他(她)幫了您多少？",
        "您喜歡坐下來和他(她)談話的程度有多少？", "您覺得您有多愛他(她)？", "當您真正需要時，他(她)會安慰你嗎？",
        "你們多常笑在一起？", "他會對你說內心話嗎(有些事只會告訴他，不會告訴別人)？",
        "您有多珍惜和他(她)在一起的時光？", "他(她)多常表達對您的體貼？",
    ], AMOUNT, reverse=frozenset({1})),
)

CAREGIVER_BURDEN = Instrument(
    code="caregiver_burden",
    name="Primary caregiver burden scale (主要照顧者負荷量表)",
    rule_ids=(CAREGIVER_BURDEN_RULE,),
    higher_means="more burden on the primary caregiver",
    interpret=_by_mean_answer,
    items=_items([
        "我覺得疲倦", "我的睡眠受到影響", "我覺得食慾不振", "我的飲食習慣受到影響", "我的大便習慣受到影響",
        "我覺得家中氣氛沉重", "我覺得心情沉悶", "我感覺很不耐煩", "我感覺無助", "我感覺生氣",
        "我感覺被過度依賴", "我感覺被過度要求", "我覺得對家中其他成員的照顧減少", "我覺得被指揮",
        "我覺得出外旅行受到影響", "我覺得逛街購物的時間受影響", "我覺得家庭活動、計畫受到阻礙",
        "我覺得與親朋交往受到影響", "我覺得家務常規受到影響", "我覺得休閒活動受到影響",
        "我覺得參與社團(區)活動受到影響", "我參與宗教活動受到影響",
    ], AGREEMENT),
)

CESD = Instrument(
    code="cesd",
    name="Depression scale, CES-D 20 items (憂鬱量表)",
    rule_ids=(CESD_RULE,),
    higher_means="more depressive symptoms in the past week",
    interpret=_cesd_reading,
    items=_items([
        "原本不介意的事，最近竟然會困擾我", "我的胃口不好，不想吃東西", "就算有親友的幫忙，我還是拋不開煩惱",
        "我覺得我和別人過得一樣好", "我做事無法專心", "我覺得悶悶不樂", "我做任何事都覺得費力",
        "我對未來充滿希望", "我覺得我的人生是失敗的", "我覺得恐懼", "我睡得不安寧", "我是快樂的",
        "我比平日不愛講話", "我覺得寂寞", "人們是不友善的", "我享受了生活的樂趣", "我曾經痛哭", "我覺得悲傷",
        "我覺得別人不喜歡我", "我缺乏活力",
    ], FREQUENCY_PAST_WEEK, reverse=frozenset({4, 8, 12, 16})),
)

SURVEY_SCALES = (SATISFACTION, SOCIAL_SUPPORT, FAMILY_INTERACTION, CAREGIVER_BURDEN, CESD)
