"""Small accessible charts as server-rendered SVG: no script, no request to anyone, the same in the PDF.

Every chart is an ``<svg role="img">`` with ``<title>`` and ``<desc>``, inside a ``<figure>`` with a caption.
Colours come from the Okabe–Ito palette (safe for the common colour-vision deficiencies), and colour never
carries meaning alone: bars are labelled directly with their values, a highlighted bar is also hatched and
its label bold, and each line has its own dash pattern, marker shape and a label at its end. Pages put the
same figures in a table beside each chart (``data-table`` names it).

Only presentation attributes are used, never ``style``, so the Content-Security-Policy (style-src 'self')
holds without exceptions.
"""

import textwrap
from dataclasses import dataclass
from decimal import Decimal

from django.utils.formats import number_format
from django.utils.html import escape, format_html
from django.utils.safestring import SafeString, mark_safe

# Okabe & Ito (2008): blue, orange, bluish green, reddish purple, vermillion, sky blue, black, yellow.
OKABE_ITO = ["#0072B2", "#E69F00", "#009E73", "#CC79A7", "#D55E00", "#56B4E9", "#000000", "#F0E442"]
DASHES = ["", "8 4", "2 4", "10 4 2 4", "4 4", "12 3 3 3 3 3"]
MARKERS = ["circle", "square", "triangle", "diamond", "cross", "triangle-down"]
TEXT = "#1b1b1b"
GRID = "#767676"


def fmt(value, decimals: int = 0) -> str:
    """A figure in the current language's format (German: 1.234,5)."""
    if value is None or value == "":
        return "–"
    return number_format(Decimal(value), decimal_pos=decimals, use_l10n=True, force_grouping=True)


@dataclass
class Series:
    name: str
    values: list  # one per x label; None where there is no figure


def _figure(*, chart_id: str, title: str, description: str, caption: str, table_id: str, width: int, height: int,
            body: str) -> SafeString:  # fmt: skip
    return format_html(
        '<figure class="chart" id="{id}" data-table="{table}">'
        '<svg xmlns="http://www.w3.org/2000/svg" role="img" viewBox="0 0 {w} {h}" width="{w}" height="{h}" '
        'aria-labelledby="{id}-title {id}-desc" font-family="system-ui, sans-serif" font-size="13">'
        '<title id="{id}-title">{title}</title><desc id="{id}-desc">{desc}</desc>{body}</svg>'
        "<figcaption>{caption}</figcaption></figure>",
        id=chart_id,
        table=table_id,
        w=width,
        h=height,
        title=title,
        desc=description,
        body=mark_safe(body),  # noqa: S308 - built below from escaped parts only
        caption=caption,
    )


def _nice_max(value: float) -> float:
    if value <= 0:
        return 1
    magnitude = 10 ** (len(str(int(value))) - 1)
    for step in (1, 2, 2.5, 5, 10):
        if value <= step * magnitude:
            return step * magnitude
    return 10 * magnitude


def bar_chart(
    *,
    chart_id: str,
    title: str,
    caption: str,
    table_id: str,
    labels: list[str],
    values: list,
    decimals: int = 0,
    highlight: str | None = None,
    unit: str = "",
) -> SafeString:
    """Horizontal bars, one per label, each with its value written beside it; ``highlight`` is hatched."""
    # Room for the longest label (about 7.5 px a character at 13 px), within limits; a longer label is wrapped
    # onto more lines (its row grows), never cut, on the page and in the PDF alike.
    longest = max((len(label) for label in labels), default=10)
    label_width, bar_area, row, top, line_height = int(min(max(longest * 7.5 + 14, 120), 330)), 330, 26, 10, 15
    max_chars = int((label_width - 14) / 7.5)
    width = label_width + bar_area + 90
    wrapped = [textwrap.wrap(label, max_chars) or [""] for label in labels]
    rows = [row + line_height * (len(lines) - 1) for lines in wrapped]
    height = top * 2 + (sum(rows) if rows else row)
    known = [float(v) for v in values if v is not None]
    maximum = _nice_max(max(known) if known else 0)
    parts = [
        f'<defs><pattern id="{escape(chart_id)}-hatch" patternUnits="userSpaceOnUse" width="6" height="6" '
        f'patternTransform="rotate(45)"><rect width="6" height="6" fill="{OKABE_ITO[1]}"/>'
        f'<line x1="0" y1="0" x2="0" y2="6" stroke="{TEXT}" stroke-width="2"/></pattern></defs>'
    ]
    described = []
    y = top
    for index, (label, value) in enumerate(zip(labels, values, strict=True)):
        y += rows[index - 1] if index else 0
        is_highlight = label == highlight
        weight = ' font-weight="bold"' if is_highlight else ""
        lines = "".join(
            f'<tspan x="{label_width - 8}" dy="{0 if number == 0 else line_height}">{escape(line)}</tspan>'
            for number, line in enumerate(wrapped[index])
        )
        parts.append(f'<text x="{label_width - 8}" y="{y + 17}" text-anchor="end" fill="{TEXT}"{weight}>{lines}</text>')
        text = f"{fmt(value, decimals)}{unit}"
        described.append(f"{label}: {text}")
        if value is None:
            parts.append(f'<text x="{label_width + 4}" y="{y + 17}" fill="{TEXT}">{escape(text)}</text>')
            continue
        length = max(1.0, float(value) / maximum * bar_area)
        fill = f"url(#{escape(chart_id)}-hatch)" if is_highlight else OKABE_ITO[0]
        parts.append(
            f'<rect x="{label_width}" y="{y + 4}" width="{length:.1f}" height="{row - 8}" fill="{fill}" '
            f'stroke="{TEXT}" stroke-width="0.5"/>'
        )
        parts.append(
            f'<text x="{label_width + length + 6:.1f}" y="{y + 17}" fill="{TEXT}"{weight}>{escape(text)}</text>'
        )
    parts.append(
        f'<line x1="{label_width}" y1="{top}" x2="{label_width}" y2="{height - top}" stroke="{TEXT}" stroke-width="1"/>'
    )
    return _figure(
        chart_id=chart_id,
        title=title,
        description="; ".join(described),
        caption=caption,
        table_id=table_id,
        width=width,
        height=height,
        body="".join(parts),
    )


def _marker(shape: str, x: float, y: float, colour: str) -> str:
    if shape == "square":
        return f'<rect x="{x - 4:.1f}" y="{y - 4:.1f}" width="8" height="8" fill="{colour}" stroke="{TEXT}"/>'
    if shape in ("triangle", "triangle-down"):
        d = -1 if shape == "triangle" else 1
        return (
            f'<polygon points="{x:.1f},{y + 5 * d:.1f} {x - 5:.1f},{y - 4 * d:.1f} {x + 5:.1f},{y - 4 * d:.1f}" '
            f'fill="{colour}" stroke="{TEXT}"/>'
        )
    if shape == "diamond":
        return (
            f'<polygon points="{x:.1f},{y - 5:.1f} {x + 5:.1f},{y:.1f} {x:.1f},{y + 5:.1f} {x - 5:.1f},{y:.1f}" '
            f'fill="{colour}" stroke="{TEXT}"/>'
        )
    if shape == "cross":
        return (
            f'<path d="M{x - 4:.1f},{y - 4:.1f}L{x + 4:.1f},{y + 4:.1f}M{x - 4:.1f},{y + 4:.1f}L{x + 4:.1f},'
            f'{y - 4:.1f}" stroke="{colour}" stroke-width="2.5"/>'
        )
    return f'<circle cx="{x:.1f}" cy="{y:.1f}" r="4.5" fill="{colour}" stroke="{TEXT}"/>'


def line_chart(
    *,
    chart_id: str,
    title: str,
    caption: str,
    table_id: str,
    x_labels: list[str],
    series: list[Series],
    decimals: int = 0,
) -> SafeString:
    """One line per series over the x labels (years), each with its own colour, dashes, markers and end label."""
    left, right, top, bottom = 70, 170, 16, 34
    plot_w = max(240, 110 * max(len(x_labels) - 1, 1))
    plot_h = 200
    width, height = left + plot_w + right, top + plot_h + bottom
    known = [float(v) for s in series for v in s.values if v is not None]
    maximum = _nice_max(max(known) if known else 0)

    def x_at(index: int) -> float:
        return left + (plot_w * index / (len(x_labels) - 1) if len(x_labels) > 1 else plot_w / 2)

    def y_at(value) -> float:
        return top + plot_h - float(value) / maximum * plot_h

    parts = []
    for step in range(5):
        tick = maximum * step / 4
        y = y_at(tick)
        parts.append(
            f'<line x1="{left}" y1="{y:.1f}" x2="{left + plot_w}" y2="{y:.1f}" stroke="{GRID}" stroke-width="0.5" '
            f'stroke-dasharray="{"" if step == 0 else "2 3"}"/>'
        )
        parts.append(
            f'<text x="{left - 6}" y="{y + 4:.1f}" text-anchor="end" fill="{TEXT}">{escape(fmt(tick, 0))}</text>'
        )
    for index, label in enumerate(x_labels):
        parts.append(
            f'<text x="{x_at(index):.1f}" y="{top + plot_h + 20}" text-anchor="middle" fill="{TEXT}">'
            f"{escape(label)}</text>"
        )
    described = []
    end_labels = []
    for number, line in enumerate(series):
        colour = OKABE_ITO[number % len(OKABE_ITO)]
        dash = DASHES[number % len(DASHES)]
        shape = MARKERS[number % len(MARKERS)]
        points = [(x_at(i), y_at(v)) for i, v in enumerate(line.values) if v is not None]
        described.append(
            f"{line.name}: "
            + ", ".join(f"{x_labels[i]} {fmt(v, decimals)}" for i, v in enumerate(line.values) if v is not None)
        )
        if len(points) > 1:
            path = " ".join(f"{x:.1f},{y:.1f}" for x, y in points)
            dash_attr = f' stroke-dasharray="{dash}"' if dash else ""
            parts.append(f'<polyline points="{path}" fill="none" stroke="{colour}" stroke-width="2.5"{dash_attr}/>')
        parts.extend(_marker(shape, x, y, colour) for x, y in points)
        if points:
            end_labels.append([points[-1][1], line.name, points[-1][0]])
    # Direct labels at the line ends, nudged apart so they never overlap.
    end_labels.sort()
    for index in range(1, len(end_labels)):
        end_labels[index][0] = max(end_labels[index][0], end_labels[index - 1][0] + 15)
    for y, name, x in end_labels:
        parts.append(f'<text x="{x + 10:.1f}" y="{y + 4:.1f}" fill="{TEXT}">{escape(name)}</text>')
    return _figure(
        chart_id=chart_id,
        title=title,
        description="; ".join(described),
        caption=caption,
        table_id=table_id,
        width=width,
        height=height,
        body="".join(parts),
    )
