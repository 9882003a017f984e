"""個案服務契約書 — the client's service contract (seed 004, appendix; articles 第一條 to 第十七條).

The wording is the manual's; the agency, the county, the client, the approved program,
the services ticked (from the 20-item catalogue), the hours by subsidy class, the fee,
the cancellation terms, the emergency contacts and the period are data.
"""

from __future__ import annotations

import datetime as dt
from dataclasses import dataclass, field
from decimal import Decimal

from .layout import Blank, Box, Gap, T, Token, case_header, hours, new_form, nums_zh, roc_date
from .service_catalogue import BODY_CARE_ITEMS, HOUSEHOLD_ITEMS, check_codes

TITLE = "個案服務契約書"
DEFAULT_AGENCY = "財團法人愚人之友社會福利慈善事業基金會"


@dataclass(frozen=True)
class EmergencyContact:
    name: str | None = None
    relationship: str | None = None
    phone: str | None = None
    address: str | None = None


@dataclass(frozen=True)
class ContractData:
    client_name: str | None = None  # 乙方
    national_id: str | None = None  # 身分證統一號碼
    case_no: str | None = None
    agency_name: str = DEFAULT_AGENCY  # 甲方
    county: str = "南投縣政府"
    approved_program: str | None = None  # 第一條 核定為：（program and level, e.g. 長期照顧十年計畫 中度失能）
    services: frozenset[str] = frozenset()  # codes from service_catalogue
    household_other: str | None = None  # text for household_other
    body_care_other: str | None = None  # text for body_care_other
    hourly_rate: int = 180  # 第五條 一、每小時__元
    hours_full: Decimal | None = None  # (1) 全額補助
    hours_90: Decimal | None = None  # (2) 補助百分之九十
    hours_70: Decimal | None = None  # (3) 補助百分之七十
    hours_50: Decimal | None = None  # (4) 補助百分之五十
    hours_self: Decimal | None = None  # (5) 乙方全額自行負擔
    fee_government: str | None = None  # 三、政府補助：（amount or formula）
    fee_client: str | None = None  # 三、乙方自付：
    cancel_notice_hours: int = 24  # 第七條 二(一) 服務時間前二十四小時通知
    cancel_charge_fraction: str = "二分之一"  # share of the fee owed on late cancellation / absence
    cancel_charge_max_hours: int = 1  # capped at this many hours
    absent_wait: str = "半小時"  # 第七條 二(二) 乙方不在家逾半小時
    emergency_contacts: tuple[EmergencyContact, ...] = field(default_factory=tuple)
    complaint_phone_agency: str | None = None
    complaint_phone_county: str | None = None
    period_start: dt.date | None = None
    period_end: dt.date | None = None
    proxy_name: str | None = None  # 代理人 (第十五條)
    guarantor_name: str | None = None  # 保證人 (第十六條)
    # 立契約書人
    agency_representative: str | None = None  # 負責人
    agency_address: str | None = None
    agency_phone: str | None = None
    client_address: str | None = None
    proxy_national_id: str | None = None
    proxy_address: str | None = None
    proxy_phone: str | None = None
    guarantor_national_id: str | None = None
    guarantor_address: str | None = None
    signed_on: dt.date | None = None

    def __post_init__(self) -> None:
        object.__setattr__(self, "services", check_codes(self.services))
        if len(self.emergency_contacts) > 2:
            raise ValueError("the contract has room for two emergency contacts")


def render_contract(data: ContractData) -> bytes:
    d = data
    pdf = new_form(TITLE, case_header(d.case_no, d.client_name) if d.case_no else None)
    pdf.title_block(TITLE, size=17)
    agency, county = d.agency_name, d.county
    county_short = "縣政府" if county.endswith("縣政府") else county

    def para(tokens: list[Token], indent: float = 0.0, hanging: float = 0.0) -> None:
        pdf.paragraph(tokens, indent=indent, hanging=hanging, space_after=1.2)

    def article(n: int, tokens: list[Token]) -> None:
        para([T(f"第{nums_zh(n)}條　", bold=True), *tokens], hanging=0)

    def sub(tokens: list[Token], level: int = 1) -> None:
        para(tokens, indent=7 * level)

    para(
        [
            T(
                f"{agency}接受{county}（以下簡稱{county_short}）委託辦理居家服務，旨在提供喘息式照顧服務，"
                f"以紓解家庭長期照顧壓力，減輕家庭負擔。有關{agency}（以下簡稱甲方）與服務申請者"
            ),
            Blank(d.client_name, 28),
            T("，身分證統一號碼："),
            Blank(d.national_id, 32),
            T("（以下簡稱乙方）之權利與義務，經雙方同意訂定本契約條款如下："),
        ]
    )
    article(1, [T(f"乙方申請居家服務，並經{county_short}核定為："), Blank(d.approved_program, 70), T("。")])
    article(
        2,
        [
            T(
                f"乙方向{county_short}申請並經{county_short}評估符合補助資格後，由甲方派社工員或居服督導員做家庭訪談"
                "與乙方確定服務內容、服務時間及其他相關事項，並依本契約之約定時數及項目提供服務。"
            )
        ],
    )
    article(3, [T("甲方提供服務內容：")])

    def service_list(items, other_text) -> list[Token]:
        out: list[Token] = []
        for item in items:
            out += [Box(item.code in d.services), T(item.contract_zh)]
            if item.is_other:
                out += [Blank(other_text, 30)]
            out.append(Gap(2))
        return out

    sub([T("一、家務及日常生活照顧服務："), *service_list(HOUSEHOLD_ITEMS, d.household_other), T("。")])
    sub([T("二、身體照顧服務："), *service_list(BODY_CARE_ITEMS, d.body_care_other), T("。")])
    sub([T("三、乙方失能狀況與需求改變時，服務內容得經甲乙雙方協調後進行增減。")])
    article(4, [T("服務方式：由甲方派照顧服務員到宅提供乙方一對一之服務。")])
    article(
        5,
        [
            T(
                "計費與繳付方式：計費時數以經乙方及甲方照顧服務員共同確認簽名或蓋章之工作時數紀錄表為準。"
                f"甲方依補助標準向{county_short}申請補助，超出{county_short}補助金額之費用由乙方支付："
            )
        ],
    )
    sub([T("一、計費標準：每小時"), Blank(d.hourly_rate, 12), T("元計之。")])
    sub(
        [
            T("二、核定(補助)時數：(1)全額補助"),
            Blank(hours(d.hours_full), 14),
            T("小時；"),
            T("(2)補助百分之九十(乙方自行負擔百分之十)"),
            Blank(hours(d.hours_90), 14),
            T("小時；"),
            T("(3)補助百分之七十(乙方自行負擔百分之三十)"),
            Blank(hours(d.hours_70), 14),
            T("小時；"),
            T("(4)補助百分之五十(乙方自行負擔百分之五十)"),
            Blank(hours(d.hours_50), 14),
            T("小時；"),
            T("(5)乙方全額自行負擔"),
            Blank(hours(d.hours_self), 14),
            T("小時。"),
        ]
    )
    sub([T("三、服務費計算方式如下列：政府補助："), Blank(d.fee_government, 60)])
    sub([T("乙方自付："), Blank(d.fee_client, 60)], level=2)
    sub([T("四、繳付方式：於服務當月月底繳清當月之服務費用，實報實銷。")])
    article(
        6,
        [
            T(
                "乙方於申請及接受服務期間，應詳細說明特殊生理（含罹患傳染病防治法所規定之傳染性疾病）疾病及心理狀況，"
                "倘未予以說明而發生意外事故時，甲方一概不負任何法律上或道義上之責任；如致甲方人員受有損害，"
                "乙方並應對甲方人員負損害賠償責任。甲方派遣照顧服務員提供服務亦須注意以上規定。"
            )
        ],
    )
    article(7, [T("居家服務提供期間，甲乙雙方應遵守之規定如下：")])
    sub([T("一、甲方", bold=True)])
    for s in (
        "(一) 甲方應嚴禁照顧服務員留下自己的通訊號碼（含住家及手機等）。",
        "(二) 甲方照顧服務員之餐飲及車資均自理，照顧服務員不得以任何名目要求乙方額外付費。"
        "但照顧服務員應乙方要求陪伴就醫及代購物品等所需車資，由乙方支付。",
        "(三) 甲方提供服務過程嚴禁向乙方推銷、借貸及金錢往來之行為。",
        "(四) 照顧服務員離職或請假時，甲方應告知乙方，並應於三日內儘速安排接替人員。",
        "(五) 照顧服務員之服務範圍及項目，依本契約之服務內容為限。",
        "(六) 遇天然災害期間（颱風、地震等），提供服務與否，依行政院人事行政局頒布之規定辦理。",
    ):
        sub([T(s)], level=2)
    sub([T("二、乙方", bold=True)])
    notice = nums_zh(d.cancel_notice_hours)
    cap = d.cancel_charge_max_hours
    for s in (
        f"(一) 乙方若有事通知照顧服務員時，應透過甲方代為聯繫，乙方欲取消服務時，應於服務時間前{notice}小時通知甲方"
        "（不含例假日及國定假日）；若無法於前項時間以前通知甲方，至甲方無法連絡到照顧服務員取消服務時，"
        f"乙方仍應給付原擬取消之服務費用{d.cancel_charge_fraction}，並最高給付時數以{cap}小時為限，並由乙方支付該項費用。",
        f"(二) 甲方照顧服務員於原訂提供服務之時間內到達乙方處所，而乙方不在家逾{d.absent_wait}，"
        f"甲方照顧服務員即可離開而不提供服務，但乙方仍應給付當日服務費用之{d.cancel_charge_fraction}，"
        f"最高給付時數以{cap}小時為限。",
        "(三) 乙方對於甲方之服務有任何問題時，乙方應直接向甲方指定之居服督導員聯繫處理，"
        "不得與照顧服務員私下協議處理，若因此產生糾紛，概與甲方無關。",
        "(四) 為減少服務糾紛與危險，乙方不得要求甲方照顧服務員搬移大型傢俱、從事具有危險性之工作、"
        "為乙方購買任何成藥、含酒精或刺激性的飲料、推薦秘方或以任何交通工具載乘乙方。",
        "(五) 乙方不得於本契約書所定服務費用以外，另行贈與財物予甲方或照顧服務員。",
        "(六) 乙方不得指定特定之照顧服務員、居服督導員或社工員提供服務。",
    ):
        sub([T(s)], level=2)
    article(8, [T("乙方若有下列情況之一者，甲方得立即辦理暫停服務：")])
    for s in (
        "一、住院（住院日起至二個月內，超過二個月以上者則結案）。",
        "二、接受機構式照顧服務。",
        "三、出國或暫往他地（異動日起至二個月內，超過二個月以上者則結案）。",
        "四、實際要求服務之內容與本契約書所定之服務內容不符者。",
        "五、未依本契約書所定之時間及金額繳納費用者。",
        "六、有其他欺騙或不合宜行為者。",
    ):
        sub([T(s)])
    article(9, [T("乙方若有下列情形之一者，甲方得終止服務：")])
    for s in (
        "一、前條第四至六項規定，經甲、乙雙方協調仍未改善者。",
        "二、嚴重違反居家服務使用須知，經甲、乙雙方協調仍未改善者。",
        "三、甲方依前條規定暫停服務達二個月以上者。",
        f"四、違反下列{county_short}居家服務補助規定",
    ):
        sub([T(s)])
    for s in (
        "(一) 已經接受相關機構安置者。",
        f"(二) 經{county_short}評定已有專人照顧（如外籍監護工等）、得自行照顧或僱傭每日超過八小時者。",
        f"(三) 經{county_short}評定身體狀況已恢復或死亡者。",
        "(四) 乙方之低收入戶資格、具享領中低收入戶老人生活津貼資格或身心障礙之等級有異動且經"
        f"{county_short}評估失能程度之標準，不符合{county_short}補助規定者。",
        "(五) 遷離甲方服務區域。",
    ):
        sub([T(s)], level=2)
    sub([T("五、乙方數次以特定條件要求甲方更換照顧服務員，而甲方確已無所需人力可提供乙方之需求者。")])
    sub([T("六、乙方無配合意願者。")])
    article(
        10,
        [
            T(
                "經甲方評估乙方之狀況是無法由照顧服務員一人獨自完成服務內容或獨自提供服務有危險性時，"
                "得請求乙方家屬在場協助，乙方家屬若未能配合，則甲方有權停止服務。"
            )
        ],
    )
    article(11, [T("乙方發生緊急事件時之緊急聯絡人如下：")])
    contacts = list(d.emergency_contacts) + [EmergencyContact()] * (2 - len(d.emergency_contacts))
    for n, c in enumerate(contacts, start=1):
        sub([T(f"{nums_zh(n)}、姓名："), Blank(c.name, 30), T("　與乙方之關係："), Blank(c.relationship, 25)])
        sub([T("電話："), Blank(c.phone, 35), T("　地址："), Blank(c.address, 70)], level=2)
    sub([T("服務期間若發生緊急狀況時，甲方提供服務之照顧服務員僅負通知緊急聯絡人及緊急協助就醫之責任。")])
    article(
        12,
        [
            T(f"乙方於服務期間有本契約上之任何問題，應逕向甲方或{county_short}提出申訴。甲方申訴電話："),
            Blank(d.complaint_phone_agency, 32),
            T(f"。{county_short}申訴電話："),
            Blank(d.complaint_phone_county, 32),
            T("。"),
        ],
    )
    article(
        13,
        [
            T(
                "甲、乙雙方應遵守本契約約定之內容，非經他方書面同意，不得更改本契約書。本契約書所定事項有未盡事宜者，"
                "甲乙雙方應本於誠信原則，悉依照有關法令及一般作業程序及須知處理。"
            )
        ],
    )
    article(
        14,
        [
            T("本委託服務有效期間："),
            *roc_date(d.period_start),
            T("起至"),
            *roc_date(d.period_end, prefix=""),
            T("止。"),
        ],
    )
    article(
        15,
        [
            T(
                "乙方因故無法自行簽署本契約書，而由代理人代理乙方簽署本契約書時，代理人保證其確有代理乙方簽署本契約書之權限。"
                "如有違反致生甲方損害（含所失利益），代理人"
            ),
            Blank(d.proxy_name, 28),
            T("（姓名）願負一切賠償責任。"),
        ],
    )
    article(16, [T("保證人"), Blank(d.guarantor_name, 28), T("（姓名）願就乙方之付費義務負連帶給付之保證責任。")])
    article(17, [T("本契約書一式二份，分由甲、乙雙方各執一份為憑。")])

    # 立契約書人
    pdf.ensure_space(95)
    pdf.set_y(pdf.get_y() + 3)
    pdf.paragraph([T("立契約書人", bold=True, size=12)], size=12)
    rows: list[list[Token]] = [
        [T("甲　　方："), Blank(agency, 110)],
        [T("負 責 人："), Blank(d.agency_representative, 40), T("（簽章）")],
        [T("機構地址："), Blank(d.agency_address, 110)],
        [T("電　　話："), Blank(d.agency_phone, 50)],
        [],
        [T("乙　　方："), Blank(d.client_name, 40), T("（簽章）")],
        [T("身分證統一號碼："), Blank(d.national_id, 45)],
        [T("住　　址："), Blank(d.client_address, 110)],
        [T("乙方代理人："), Blank(d.proxy_name, 40), T("（簽章）")],
        [T("身分證統一號碼："), Blank(d.proxy_national_id, 45)],
        [T("住　　址："), Blank(d.proxy_address, 110), Gap(1)],
        [T("電　　話："), Blank(d.proxy_phone, 50)],
        [T("保 證 人："), Blank(d.guarantor_name, 40), T("（簽章）")],
        [T("身分證統一號碼："), Blank(d.guarantor_national_id, 45)],
        [T("住　　址："), Blank(d.guarantor_address, 110)],
    ]
    for tokens in rows:
        if tokens:
            pdf.paragraph(tokens, indent=8, space_after=1.6)
        else:
            pdf.set_y(pdf.get_y() + 2)
    pdf.set_y(pdf.get_y() + 4)
    y, m, day = ("", "", "")
    if d.signed_on:
        y, m, day = str(d.signed_on.year - 1911), str(d.signed_on.month), str(d.signed_on.day)
    pdf.paragraph(
        [
            T("中　華　民　國", size=12),
            Gap(8),
            Blank(y, 16),
            T("年", size=12),
            Gap(6),
            Blank(m, 12),
            T("月", size=12),
            Gap(6),
            Blank(day, 12),
            T("日", size=12),
        ],
        size=12,
        align="C",
    )
    return pdf.bytes()
