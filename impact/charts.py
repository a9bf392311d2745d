"""Bar charts as accessible SVG, drawn on the server."""

from django.utils.html import format_html, format_html_join

BAR_HEIGHT = 22
GAP = 8
LABEL_WIDTH = 260
BAR_WIDTH = 300
VALUE_WIDTH = 80


def bar_chart_svg(*, chart_id: str, title: str, description: str, bars: list[tuple[str, float]]):
    """A horizontal bar chart (bar length from the absolute value, the signed value as text).

    role="img" with a title and a description, so screen readers announce it as one image.
    """
    top = max((abs(value) for _, value in bars), default=0) or 1
    height = max(len(bars), 1) * (BAR_HEIGHT + GAP) + GAP
    width = LABEL_WIDTH + BAR_WIDTH + VALUE_WIDTH
    rows = format_html_join(
        "",
        '<g transform="translate(0,{})"><text x="{}" y="15" text-anchor="end" '
        'font-size="13" fill="#1b1b1b">{}</text><rect x="{}" y="0" width="{}" height="{}" '
        'fill="#005ea2"></rect><text x="{}" y="15" font-size="13" fill="#1b1b1b">{}</text></g>',
        (
            (
                GAP + index * (BAR_HEIGHT + GAP),
                LABEL_WIDTH - 8,
                label if len(label) <= 36 else label[:35] + "…",
                LABEL_WIDTH,
                round(abs(value) / top * BAR_WIDTH, 1),
                BAR_HEIGHT,
                LABEL_WIDTH + round(abs(value) / top * BAR_WIDTH, 1) + 6,
                _number(value),
            )
            for index, (label, value) in enumerate(bars)
        ),
    )
    return format_html(
        '<svg class="impact-chart" role="img" aria-labelledby="{0}-title {0}-desc" '
        'viewBox="0 0 {1} {2}" width="100%" preserveAspectRatio="xMinYMin meet" '
        'xmlns="http://www.w3.org/2000/svg"><title id="{0}-title">{3}</title>'
        '<desc id="{0}-desc">{4}</desc>{5}</svg>',
        chart_id,
        width,
        height,
        title,
        description,
        rows,
    )


def _number(value: float) -> str:
    return f"{value:,.0f}" if float(value).is_integer() else f"{value:,.1f}"
