"""The results as inline SVG (no script, no style attribute: the CSP forbids both): one horizontal bar per group,
its length the mean answer of a part (1–5, or 0–4 / 0–3 by the part's answer scale) with the number printed at
its end. role="img" with a title; the same numbers are in the table beside it. Suppressed groups are not drawn."""

from __future__ import annotations

from decimal import Decimal

from django.utils.html import format_html
from django.utils.safestring import SafeString, mark_safe
from django.utils.translation import gettext as _

WIDTH = 640
LEFT, RIGHT, TOP = 16, 16, 16
LABEL_WIDTH, BAR, GAP = 170, 24, 12
FILL = "#1f4e79"


def mean_chart(rows: list[tuple[str, Decimal]], *, highest: Decimal, chart_id: str, title: str) -> SafeString:
    room = WIDTH - LEFT - RIGHT - LABEL_WIDTH - 60
    shapes = []
    for index, (label, value) in enumerate(rows):
        y = TOP + index * (BAR + GAP)
        length = int(value * room / highest) if highest else 0
        shapes.append(format_html('<text class="chart__label" x="{}" y="{}" text-anchor="start">{}</text>',
                                  LEFT, y + BAR // 2 + 5, label[:14]))  # fmt: skip
        shapes.append(format_html('<rect class="chart__bar chart__bar--use" x="{}" y="{}" width="{}" height="{}" '
                                  'fill="{}"/>', LEFT + LABEL_WIDTH, y, max(length, 0), BAR, FILL))  # fmt: skip
        shapes.append(format_html('<text class="chart__value" x="{}" y="{}" text-anchor="start">{}</text>',
                                  LEFT + LABEL_WIDTH + length + 8, y + BAR // 2 + 5, value))  # fmt: skip
    height = TOP * 2 + max(len(rows), 1) * (BAR + GAP)
    body = mark_safe("".join(shapes))  # nosec B308, B703  # format_html escaped each shape
    return format_html(
        '<svg class="chart" role="img" aria-labelledby="{id}-title {id}-desc" viewBox="0 0 {w} {h}" width="100%"'
        ' xmlns="http://www.w3.org/2000/svg"><title id="{id}-title">{title}</title>'
        '<desc id="{id}-desc">{desc}</desc>{body}</svg>',
        id=chart_id, w=WIDTH, h=height, title=title, body=body,
        desc=_("The same numbers are in the table above the chart."),
    )  # fmt: skip
