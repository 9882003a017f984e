"""Horizontal bar charts as inline SVG, drawn on the server (no script, no style attribute: the CSP forbids both).

Each chart is an image with a title and a description (role="img", aria-labelledby); its numbers are printed on
the bars and given again in the table beside it, which is what a screen reader reads. Colours come from the
stylesheet's chart classes; the fill attribute is the fallback before it loads.
"""

from __future__ import annotations

from decimal import Decimal

from django.utils.html import format_html
from django.utils.safestring import SafeString, mark_safe
from django.utils.translation import gettext as _

WIDTH = 640
LEFT, TOP = 8, 12
LABEL_WIDTH, BAR_HEIGHT, GAP, VALUE_ROOM = 220, 26, 12, 80
FILL = "#1f4e79"


def bar_chart(entries: list[tuple[str, int | Decimal | str]], *, chart_id: str, title: str) -> SafeString:
    """One bar per (label, value); values may be hour strings such as "12.50"."""
    values = [(label, Decimal(str(value or 0))) for label, value in entries]
    highest = max([value for _label, value in values] + [Decimal(1)])
    room = WIDTH - LEFT - LABEL_WIDTH - VALUE_ROOM
    shapes = []
    for index, (label, value) in enumerate(values):
        y = TOP + index * (BAR_HEIGHT + GAP)
        length = int(value * room / highest)
        shapes.append(format_html('<text class="chart__label" x="{}" y="{}" text-anchor="start">{}</text>',
                                  LEFT, y + BAR_HEIGHT // 2 + 5, label[:32]))  # fmt: skip
        shapes.append(format_html(
            '<rect class="chart__bar chart__bar--use" x="{}" y="{}" width="{}" height="{}" fill="{}"/>',
            LEFT + LABEL_WIDTH, y, max(length, 0), BAR_HEIGHT, FILL,
        ))  # fmt: skip
        value_x = LEFT + LABEL_WIDTH + length + 6
        shapes.append(format_html('<text class="chart__value" x="{}" y="{}" text-anchor="start">{}</text>',
                                  value_x, y + BAR_HEIGHT // 2 + 5, _number(value)))  # fmt: skip
    height = TOP + max(len(values), 1) * (BAR_HEIGHT + GAP)
    body = mark_safe("".join(shapes))  # nosec B308, B703  # format_html escaped each shape
    return format_html(
        '<svg class="chart" role="img" aria-labelledby="{id}-title {id}-desc" viewBox="0 0 {w} {h}" width="100%"'
        ' xmlns="http://www.w3.org/2000/svg"><title id="{id}-title">{title}</title>'
        '<desc id="{id}-desc">{desc}</desc>{body}</svg>',
        id=chart_id, w=WIDTH, h=height, title=title, body=body,
        desc=_("The same numbers are in the table beside the chart."),
    )  # fmt: skip


def _number(value: Decimal) -> str:
    return str(int(value)) if value == value.to_integral_value() else f"{value.quantize(Decimal('0.01'))}"
