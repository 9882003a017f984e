"""Shared layout for the paper forms: A4 portrait, millimetres, Traditional Chinese font.

A form is built from *inline tokens* (text, check boxes, blanks to fill in) laid out in
paragraphs or in the cells of bordered table rows. Check boxes are drawn as squares
(with a drawn tick when checked), because the CJK font has no ☐/☑ glyphs.
Missing values print as an empty underlined blank, like the paper form.
"""

from __future__ import annotations

import datetime as dt
import re
from collections.abc import Iterable, Sequence
from dataclasses import dataclass, field
from decimal import Decimal
from functools import lru_cache
from pathlib import Path

from fpdf import FPDF

FONT_DIR = Path(__file__).resolve().parent / "fonts"
FONT_REGULAR = FONT_DIR / "AlongsideSansTC-Regular.otf"
FONT_BOLD = FONT_DIR / "AlongsideSansTC-Bold.otf"
FAMILY = "AlongsideSansTC"

PT = 25.4 / 72  # mm per point
ASCENT = 0.88  # of the em, Noto Sans CJK
BODY_SIZE = 10.5
LINE_FACTOR = 1.45
PAD = 1.3  # cell padding, mm

# Agency signature roles printed under most forms.
SIGNATURE_ROLES = ("居服督導員", "社工督導(社工員)", "單位主管")


# ---------------------------------------------------------------- tokens


@dataclass(frozen=True)
class T:
    """Text."""

    s: str
    bold: bool = False
    size: float | None = None
    keep: bool = False  # do not break inside (short labels); a Box just before it stays with it


@dataclass(frozen=True)
class Box:
    """A check box followed by nothing; put a T after it for its label."""

    checked: bool = False


@dataclass(frozen=True)
class Blank:
    """A fill-in blank: the value underlined, or an empty underline of ``width`` mm."""

    value: object = None
    width: float = 25.0


@dataclass(frozen=True)
class Br:
    """Line break."""


@dataclass(frozen=True)
class Gap:
    """Horizontal space in mm."""

    w: float = 3.0


Token = T | Box | Blank | Br | Gap


def hours(value: Decimal | int | None) -> int | Decimal | None:
    """Hours as written on paper: 36, not 36.00; 1.5 stays 1.5. Exact decimals, never float."""
    if value is None:
        return None
    value = Decimal(value)
    return int(value) if value == value.to_integral_value() else value.normalize()


def text(value: object) -> str:
    """Printable text of a value: '' for None, ROC date for a date."""
    if value is None:
        return ""
    if isinstance(value, dt.date):
        return roc_date_text(value)
    return str(value)


def roc_year(d: dt.date) -> int:
    return d.year - 1911


def roc_date_text(d: dt.date | None) -> str:
    if d is None:
        return ""
    return f"民國{roc_year(d)}年{d.month}月{d.day}日"


def roc_date(d: dt.date | None, prefix: str = "民國", widths: tuple[float, float, float] = (10, 7, 7)) -> list[Token]:
    """``民國 ___ 年 ___ 月 ___ 日`` with the parts filled in when ``d`` is given."""
    y = m = day = None
    if d is not None:
        y, m, day = roc_year(d), d.month, d.day
    out: list[Token] = [T(prefix)] if prefix else []
    out += [Blank(y, widths[0]), T("年"), Blank(m, widths[1]), T("月"), Blank(day, widths[2]), T("日")]
    return out


def options(choices: Sequence[tuple[str, str]], selected: object, gap: float = 2.5) -> list[Token]:
    """Check boxes for ``(code, label)`` choices; ``selected`` is a code, a collection of codes or None."""
    chosen = _as_set(selected)
    known = {code for code, _ in choices}
    unknown = chosen - known
    if unknown:
        raise ValueError(f"unknown choice(s) {sorted(map(str, unknown))}; expected one of {sorted(known)}")
    out: list[Token] = []
    for code, label in choices:
        out += [Box(code in chosen), T(label, keep=True), Gap(gap)]
    return out


def yes_no(value: bool | None, yes: str = "是", no: str = "否", order: str = "no_yes") -> list[Token]:
    pairs = [(False, no), (True, yes)] if order == "no_yes" else [(True, yes), (False, no)]
    out: list[Token] = []
    for v, label in pairs:
        out += [Box(value is v), T(label, keep=True), Gap(2.5)]
    return out


def _as_set(selected: object) -> set:
    if selected is None or selected == "":
        return set()
    if isinstance(selected, str | int | bool):
        return {selected}
    return set(selected)  # type: ignore[call-overload]


def check_choice(name: str, value: object, choices: Sequence[tuple[str, str]]) -> None:
    """Raise ValueError when ``value`` (a code or codes) is not among ``choices``; None is fine."""
    known = {code for code, _ in choices}
    bad = _as_set(value) - known
    if bad:
        raise ValueError(f"{name}: unknown choice(s) {sorted(map(str, bad))}; expected one of {sorted(known)}")


# ---------------------------------------------------------------- layout engine

_UNIT = re.compile(r"[A-Za-z0-9@._\-/#+%']+|\s|.", re.S)
_NO_LINE_START = set("，。、；：！？）」』】〉》,.;:!?)%")


@dataclass
class _Item:
    x: float
    w: float
    kind: str  # text | box | line
    s: str = ""
    bold: bool = False
    size: float = BODY_SIZE
    underline: bool = False
    checked: bool = False


@dataclass
class _Line:
    items: list[_Item] = field(default_factory=list)
    width: float = 0.0


@lru_cache(maxsize=1)
def _bold_cmap() -> frozenset[int]:
    from fontTools.ttLib import TTFont

    font = TTFont(str(FONT_BOLD), lazy=True)
    try:
        return frozenset(font.getBestCmap())
    finally:
        font.close()


class FormPDF(FPDF):
    """FPDF with the vendored font and the form primitives."""

    def __init__(self, title: str, header_tokens: Sequence[Token] | None = None) -> None:
        super().__init__(orientation="P", unit="mm", format="A4")
        self.form_title = title
        self.header_tokens = list(header_tokens or [])
        self.set_margins(15, 12, 15)
        self.set_auto_page_break(True, margin=14)
        self.add_font(FAMILY, "", str(FONT_REGULAR))
        self.add_font(FAMILY, "B", str(FONT_BOLD))
        self.set_font(FAMILY, "", BODY_SIZE)
        self.set_title(title)
        self.set_creator("Alongside")
        self.set_lang("zh-TW")
        self.set_line_width(0.25)
        self._width_cache: dict[tuple[str, bool, float], float] = {}
        self.base_size = BODY_SIZE

    def _cs(self, cell: Cell) -> float:
        return cell.size or self.base_size

    # page furniture ------------------------------------------------------
    def header(self) -> None:
        if self.header_tokens:
            self.set_y(7)
            self.paragraph(self.header_tokens, size=9.5, align="R")
            self.set_y(max(self.get_y(), self.t_margin))

    def footer(self) -> None:
        self.set_y(-10)
        self.set_font(FAMILY, "", 8)
        self.set_text_color(110)
        self.cell(0, 4, f"{self.form_title}　第 {self.page_no()} 頁／共 {{nb}} 頁", align="C")
        self.set_text_color(0)
        self.set_font(FAMILY, "", BODY_SIZE)

    @property
    def inner_width(self) -> float:
        return self.w - self.l_margin - self.r_margin

    @property
    def bottom(self) -> float:
        return self.h - self.b_margin

    # measuring -----------------------------------------------------------
    def _bold_ok(self, s: str) -> bool:
        cmap = _bold_cmap()
        return all(ord(c) in cmap for c in s if not c.isspace())

    def _sw(self, s: str, bold: bool, size: float) -> float:
        key = (s, bold, size)
        w = self._width_cache.get(key)
        if w is None:
            self.set_font(FAMILY, "B" if bold else "", size)
            w = self.get_string_width(s)
            self._width_cache[key] = w
        return w

    def line_height(self, size: float | None = None) -> float:
        return (size or self.base_size) * PT * LINE_FACTOR

    def layout(self, tokens: Iterable[Token], width: float, size: float | None = None) -> list[_Line]:
        size = size or self.base_size
        lines = [_Line()]
        em = size * PT

        def newline() -> None:
            lines[-1].width = max((i.x + i.w for i in lines[-1].items), default=0.0)
            lines.append(_Line())

        def cursor() -> float:
            items = lines[-1].items
            return items[-1].x + items[-1].w if items else 0.0

        def place(item: _Item, sticky: bool = False) -> None:
            x = cursor()
            if x > 0 and x + item.w > width + 0.01 and not sticky:
                if item.kind == "text" and not item.s.strip():
                    return  # a space at the end of a line is dropped, not wrapped
                newline()
                x = 0.0
            item.x = x
            lines[-1].items.append(item)

        def place_text(s: str, bold: bool, sz: float, underline: bool = False, keep: bool = False) -> None:
            if bold and not self._bold_ok(s):
                bold = False
            units = _UNIT.findall(s)
            if keep and "\n" not in s and self._sw(s, bold, sz) <= width:
                units = [s]
            for unit in units:
                if unit == "\n":
                    newline()
                    continue
                if unit in ("\r", "\t"):
                    unit = " "
                w = self._sw(unit, bold, sz)
                if w > width and len(unit) > 1:  # a very long latin run: break by character
                    for ch in unit:
                        place(_Item(0, self._sw(ch, bold, sz), "text", ch, bold, sz, underline))
                    continue
                sticky = unit in _NO_LINE_START and cursor() + w <= width + em
                place(_Item(0, w, "text", unit, bold, sz, underline), sticky=sticky)

        tokens = list(tokens)
        for n, tok in enumerate(tokens):
            if isinstance(tok, T):
                place_text(tok.s, tok.bold, tok.size or size, keep=tok.keep)
            elif isinstance(tok, Box):
                nxt = tokens[n + 1] if n + 1 < len(tokens) else None
                if isinstance(nxt, T) and nxt.keep:
                    need = em * 1.05 + self._sw(nxt.s, nxt.bold, nxt.size or size)
                    if 0 < cursor() and cursor() + need > width + 0.01 and need <= width:
                        newline()
                place(_Item(0, em * 1.05, "box", size=size, checked=tok.checked))
            elif isinstance(tok, Gap):
                if cursor() > 0:
                    place(_Item(0, tok.w, "text", " ", size=size), sticky=False)
            elif isinstance(tok, Br):
                newline()
            elif isinstance(tok, Blank):
                value = text(tok.value)
                start_line, start_x = len(lines), cursor()
                if value:
                    place_text(" " + value + " ", False, size, underline=True)
                if len(lines) == start_line:
                    used = cursor() - start_x
                else:
                    used = tok.width
                pad = min(tok.width - used, width)
                if used > 0 and cursor() + pad > width:
                    pad = width - cursor()  # do not carry a stub of underline onto the next line
                if pad > 0.5:
                    place(_Item(0, pad, "line", size=size))
        newline()
        lines.pop()
        return lines

    # drawing -------------------------------------------------------------
    def draw_lines(self, lines: list[_Line], x: float, y: float, width: float, size: float, align: str = "L") -> None:
        lh = self.line_height(size)
        for n, line in enumerate(lines):
            top = y + n * lh
            dx = 0.0
            if align == "C":
                dx = (width - line.width) / 2
            elif align == "R":
                dx = width - line.width
            for item in line.items:
                self._draw_item(item, x + dx, top, lh)

    def _draw_item(self, item: _Item, x0: float, top: float, lh: float) -> None:
        em = item.size * PT
        baseline = top + (lh - em) / 2 + ASCENT * em
        x = x0 + item.x
        if item.kind == "text":
            if item.s.strip():
                self.set_font(FAMILY, "B" if item.bold else "", item.size)
                self.text(x, baseline, item.s)
            if item.underline:
                self.line(x, baseline + 0.16 * em, x + item.w, baseline + 0.16 * em)
        elif item.kind == "line":
            self.line(x + 0.3, baseline + 0.16 * em, x + item.w - 0.3, baseline + 0.16 * em)
        elif item.kind == "box":
            side = em * 0.78
            bx, by = x + (item.w - side) / 2, baseline + 0.1 * em - side
            with self.local_context(line_width=0.22):
                self.rect(bx, by, side, side)
            if item.checked:
                with self.local_context(line_width=0.45):
                    self.polyline(
                        [
                            (bx + side * 0.18, by + side * 0.52),
                            (bx + side * 0.42, by + side * 0.80),
                            (bx + side * 0.90, by - side * 0.05),
                        ]
                    )

    def ensure_space(self, h: float) -> None:
        if self.get_y() + h > self.bottom:
            self.add_page()

    def paragraph(
        self,
        tokens: Sequence[Token],
        size: float | None = None,
        indent: float = 0.0,
        hanging: float = 0.0,
        align: str = "L",
        space_after: float = 0.8,
    ) -> None:
        """Flowing text at the current position across the page width; breaks pages between lines."""
        size = size or self.base_size
        x = self.l_margin + indent
        width = self.inner_width - indent
        lines = self.layout(tokens, width, size)
        lh = self.line_height(size)
        for n, line in enumerate(lines):
            if self.get_y() + lh > self.bottom:
                self.add_page()
            lx = x + (hanging if n else 0.0)
            self.draw_lines([line], lx, self.get_y(), width - (hanging if n else 0.0), size, align)
            self.set_y(self.get_y() + lh)
        self.set_y(self.get_y() + space_after)

    def title_block(self, title: str, subtitle: str | None = None, size: float = 16) -> None:
        self.paragraph([T(title, bold=True, size=size)], size=size, align="C", space_after=1.5)
        if subtitle:
            self.paragraph([T(subtitle)], align="C")

    # tables ----------------------------------------------------------------
    def measure_cell(self, cell: Cell) -> float:
        inner = cell.w - 2 * PAD
        lines = self.layout(cell.tokens, inner, self._cs(cell))
        return max(len(lines), 1) * self.line_height(self._cs(cell)) + 2 * PAD

    def row(self, cells: Sequence[Cell], min_h: float = 0.0, x: float | None = None) -> float:
        """Draw one bordered table row at the current y; returns its height."""
        x0 = self.l_margin if x is None else x
        h = max([min_h, *(self.measure_cell(c) for c in cells)])
        if h > self.bottom - 40 and self.get_y() + h > self.bottom:
            return self._split_row(cells, x0)
        self.ensure_space(h)
        y = self.get_y()
        cx = x0
        for c in cells:
            if c.fill:
                with self.local_context(fill_color=(235, 235, 235)):
                    self.rect(cx, y, c.w, h, style="F")
            self.rect(cx, y, c.w, h)
            inner = c.w - 2 * PAD
            lines = self.layout(c.tokens, inner, self._cs(c))
            th = len(lines) * self.line_height(self._cs(c))
            ty = y + PAD if c.valign == "T" else y + (h - th) / 2
            self.draw_lines(lines, cx + PAD, ty, inner, self._cs(c), c.align)
            cx += c.w
        self.set_y(y + h)
        return h

    def _split_row(self, cells: Sequence[Cell], x0: float) -> float:
        """A row taller than a page: continue its cells' lines on the following pages."""
        pending = [self.layout(c.tokens, c.w - 2 * PAD, self._cs(c)) for c in cells]
        total = 0.0
        while True:
            if self.bottom - self.get_y() < 25:
                self.add_page()
            avail = self.bottom - self.get_y()
            parts = []
            for c, lines in zip(cells, pending, strict=True):
                n = max(1, int((avail - 2 * PAD) / self.line_height(self._cs(c))))
                parts.append(lines[:n])
            rest = [lines[len(part) :] for lines, part in zip(pending, parts, strict=True)]
            more = any(rest)
            y = self.get_y()
            h = (
                avail
                if more
                else max(len(p) * self.line_height(self._cs(c)) for c, p in zip(cells, parts, strict=True))
            )
            h = h if more else h + 2 * PAD
            cx = x0
            for c, part in zip(cells, parts, strict=True):
                if c.fill:
                    with self.local_context(fill_color=(235, 235, 235)):
                        self.rect(cx, y, c.w, h, style="F")
                self.rect(cx, y, c.w, h)
                self.draw_lines(part, cx + PAD, y + PAD, c.w - 2 * PAD, self._cs(c), c.align)
                cx += c.w
            self.set_y(y + h)
            total += h
            if not more:
                return total
            pending = rest
            self.add_page()

    def group(self, label: str, label_w: float, rows: Sequence[Sequence[Cell] | tuple[Sequence[Cell], float]]) -> None:
        """Rows with a shared label cell spanning them on the left (e.g. 個案基本資料)."""
        x_rows = self.l_margin + label_w
        top = self.get_y()

        def close(bottom: float) -> None:
            cell = Cell(label_w, [T(label, bold=True)], align="C", fill=True)
            lines = self.layout(cell.tokens, label_w - 2 * PAD, self._cs(cell))
            with self.local_context(fill_color=(235, 235, 235)):
                self.rect(self.l_margin, top, label_w, bottom - top, style="FD")
            th = len(lines) * self.line_height(self._cs(cell))
            self.draw_lines(
                lines, self.l_margin + PAD, top + (bottom - top - th) / 2, label_w - 2 * PAD, self._cs(cell), "C"
            )

        for spec in rows:
            cells, min_h = spec if isinstance(spec, tuple) else (spec, 0.0)
            h = max([min_h, *(self.measure_cell(c) for c in cells)])
            if self.get_y() + h > self.bottom:
                close(self.get_y())
                self.add_page()
                top = self.get_y()
            self.row(cells, min_h=h, x=x_rows)
        close(self.get_y())

    # common blocks -----------------------------------------------------------
    def signatures(
        self, names: Sequence[str | None] = (), roles: Sequence[str] = SIGNATURE_ROLES, space_before: float = 4
    ) -> None:
        self.set_y(self.get_y() + space_before)
        names = list(names) + [None] * (len(roles) - len(names))
        tokens: list[Token] = []
        for role, name in zip(roles, names, strict=False):
            tokens += [T(f"{role}："), Blank(name, 28), Gap(5)]
        self.ensure_space(self.line_height() * 2)
        self.paragraph(tokens, space_after=2)

    def bytes(self) -> bytes:
        return bytes(self.output())


@dataclass(frozen=True)
class Cell:
    w: float
    tokens: Sequence[Token]
    align: str = "L"
    valign: str = "M"
    fill: bool = False
    size: float | None = None  # None: the form's base size


def label(w: float, s: str, **kw) -> Cell:
    """A shaded label cell."""
    kw.setdefault("align", "C")
    return Cell(w, [T(s, bold=True)], fill=True, **kw)


def new_form(title: str, header_tokens: Sequence[Token] | None = None) -> FormPDF:
    pdf = FormPDF(title, header_tokens)
    pdf.add_page()
    return pdf


def case_header(case_no: str | None, client_name: str | None) -> list[Token]:
    """The ``案號： 個案姓名：`` line at the top right of the case forms."""
    return [T("案號："), Blank(case_no, 28), Gap(4), T("個案姓名："), Blank(client_name, 28)]


def nums_zh(n: int) -> str:
    """1..99 in Chinese numerals (二十四); other values as digits."""
    digits = "零一二三四五六七八九"
    if not 0 < n < 100:
        return str(n)
    tens, ones = divmod(n, 10)
    if tens == 0:
        return digits[ones]
    head = "十" if tens == 1 else digits[tens] + "十"
    return head + (digits[ones] if ones else "")
