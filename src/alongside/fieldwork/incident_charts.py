"""The incidents-per-month chart as inline SVG, drawn on the server: no JavaScript, no style attribute (the CSP
forbids inline styles). An image with a title (role="img", aria-labelledby); its numbers are printed on the bars
and given again in the table below it, which is what a screen reader reads."""

from __future__ import annotations

from django.utils.html import format_html
from django.utils.safestring import SafeString, mark_safe
from django.utils.translation import gettext as _

from alongside.fieldwork.incident_stats import YearTrend

WIDTH, HEIGHT = 640, 260
LEFT, RIGHT, TOP, BOTTOM = 16, 16, 24, 36
FILL = "#1f4e79"


def month_chart(trend: YearTrend, *, chart_id: str, title: str) -> SafeString:
    """One bar per month (all kinds together), with its count on top and the month number below."""
    plot_height = HEIGHT - TOP - BOTTOM
    slot = (WIDTH - LEFT - RIGHT) // 12
    bar = slot * 3 // 4
    highest = max([*trend.month_totals, 1])
    shapes = []
    for index, count in enumerate(trend.month_totals):
        height = count * plot_height // highest
        x, y = LEFT + index * slot + (slot - bar) // 2, TOP + plot_height - height
        shapes.append(format_html(
            '<rect class="chart__bar chart__bar--use" x="{}" y="{}" width="{}" height="{}" fill="{}"/>',
            x, y, bar, height, FILL,
        ))  # fmt: skip
        shapes.append(_text("chart__value", x + bar // 2, y - 4, count))
        shapes.append(_text("chart__label", x + bar // 2, HEIGHT - BOTTOM + 18, index + 1))
    shapes.append(format_html('<line class="chart__axis" x1="{}" y1="{}" x2="{}" y2="{}" stroke="#444"/>',
                              LEFT, TOP + plot_height, WIDTH - RIGHT, TOP + plot_height))  # fmt: skip
    body = mark_safe("".join(shapes))  # nosec B308, B703  # format_html escaped each shape
    return format_html(
        '<svg class="chart" role="img" aria-labelledby="{id}-title {id}-desc" viewBox="0 0 {w} {h}" width="100%"'
        ' xmlns="http://www.w3.org/2000/svg"><title id="{id}-title">{title}</title>'
        '<desc id="{id}-desc">{desc}</desc>{body}</svg>',
        id=chart_id, w=WIDTH, h=HEIGHT, title=title, body=body,
        desc=_("Months 1 to 12. The same numbers are in the table below the chart."),
    )  # fmt: skip


def _text(css: str, x: int, y: int, content) -> SafeString:
    return format_html('<text class="{}" x="{}" y="{}" text-anchor="middle">{}</text>', css, x, y, content)
