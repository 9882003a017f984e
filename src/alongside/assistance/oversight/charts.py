"""Charts of the statistics as inline SVG, drawn on the server: no JavaScript, no style attribute (the CSP forbids
inline styles). Colours come from classes (alongside.css); the fill attributes are only the fallback before the
stylesheet loads: dark blue and orange, told apart by people with red-green colour blindness and in greyscale.

Every chart is an image with a title (role="img", aria-labelledby); its numbers are printed on the bars and
given again in the table beside it, which is what a screen reader reads.
"""

from __future__ import annotations

from decimal import Decimal

from django.utils.html import format_html, format_html_join
from django.utils.safestring import SafeString, mark_safe
from django.utils.translation import gettext as _

from alongside.assistance.oversight.statistics import AgeSexTable

WIDTH = 640
HEIGHT = 300
LEFT, RIGHT, TOP, BOTTOM = 16, 16, 44, 40
FALLBACK_FILL = {"male": "#1f4e79", "female": "#e08a1e", "other": "#6b6b6b", "transfer": "#6b6b6b", "use": "#1f4e79"}


def age_sex_chart(table: AgeSexTable, *, chart_id: str, title: str) -> SafeString:
    """Grouped bars: for each age band, one bar per sex, each with its count on top."""
    rows = [row for row in table.rows if row.sex != "other" or row.total]
    plot_height = HEIGHT - TOP - BOTTOM
    group = (WIDTH - LEFT - RIGHT) // max(len(table.bands), 1)
    bar = max((group * 4 // 5) // max(len(rows), 1), 1)
    highest = max([count for row in rows for count in row.counts] + [1])
    shapes = []
    for index, (_code, label) in enumerate(table.bands):
        x0 = LEFT + index * group + (group - bar * len(rows)) // 2
        for position, row in enumerate(rows):
            count = row.counts[index]
            height = count * plot_height // highest
            x, y = x0 + position * bar, TOP + plot_height - height
            shapes.append(_rect(row.sex, x, y, bar - 2, height))
            shapes.append(_text("chart__value", x + (bar - 2) // 2, y - 4, count))
        shapes.append(_text("chart__label", LEFT + index * group + group // 2, HEIGHT - BOTTOM + 18, label))
    shapes.append(_axis(TOP + plot_height))
    legend = [(row.sex, row.label) for row in rows]
    return _svg(chart_id, title, _legend(legend) + shapes)


def hours_chart(*, transfer: Decimal | None, use: Decimal | None, chart_id: str, title: str) -> SafeString:
    """Two horizontal bars: the mean hours moved to PA and the mean hours used, per user and month."""
    entries = [("transfer", _("Moved to PA"), transfer or Decimal(0)), ("use", _("Used"), use or Decimal(0))]
    label_width, bar_height, gap = 140, 48, 24
    room = WIDTH - LEFT - RIGHT - label_width - 90
    highest = max([value for _k, _l, value in entries] + [Decimal(1)])
    shapes = []
    for index, (kind, label, value) in enumerate(entries):
        y = TOP + index * (bar_height + gap)
        length = int(value * room / highest)
        shapes.append(_text("chart__label chart__label--start", LEFT, y + bar_height // 2 + 5, label))
        shapes.append(_rect(kind, LEFT + label_width, y, length, bar_height))
        value_text = _("%(hours)s h") % {"hours": value}
        shapes.append(_text("chart__value chart__value--start", LEFT + label_width + length + 8,
                            y + bar_height // 2 + 5, value_text))  # fmt: skip
    height = TOP + len(entries) * (bar_height + gap)
    return _svg(chart_id, title, shapes, height=height)


def _svg(chart_id: str, title: str, shapes: list[SafeString], *, height: int = HEIGHT) -> SafeString:
    body = mark_safe("".join(shapes))  # nosec B308, B703  # format_html escaped each shape
    return format_html(
        '<svg class="chart" role="img" aria-labelledby="{id}-title {id}-desc" viewBox="0 0 {w} {h}" width="100%"'
        ' xmlns="http://www.w3.org/2000/svg"><title id="{id}-title">{title}</title>'
        '<desc id="{id}-desc">{desc}</desc>{body}</svg>',
        id=chart_id, w=WIDTH, h=height, title=title, body=body,
        desc=_("The same numbers are in the table beside the chart."),
    )  # fmt: skip


def _rect(kind: str, x: int, y: int, width: int, height: int) -> SafeString:
    return format_html(
        '<rect class="chart__bar chart__bar--{}" x="{}" y="{}" width="{}" height="{}" fill="{}"/>',
        kind, x, y, max(width, 0), max(height, 0), FALLBACK_FILL[kind],
    )  # fmt: skip


def _text(css: str, x: int, y: int, content) -> SafeString:
    anchor = "start" if css.endswith("--start") else "middle"
    return format_html('<text class="{}" x="{}" y="{}" text-anchor="{}">{}</text>', css, x, y, anchor, content)


def _axis(y: int) -> SafeString:
    return format_html('<line class="chart__axis" x1="{}" y1="{}" x2="{}" y2="{}" stroke="#444"/>',
                       LEFT, y, WIDTH - RIGHT, y)  # fmt: skip


def _legend(entries: list[tuple[str, str]]) -> list[SafeString]:
    return [
        format_html_join("", "{}{}", [
            (_rect(kind, LEFT + index * 140, 8, 16, 16),
             _text("chart__legend chart__legend--start", LEFT + index * 140 + 22, 21, label)),
        ])
        for index, (kind, label) in enumerate(entries)
    ]  # fmt: skip
