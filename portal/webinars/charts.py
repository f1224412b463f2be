"""Geometry for server-rendered SVG charts; the templates draw the shapes and labels."""

from dataclasses import dataclass, field

from django.utils.translation import ngettext


@dataclass
class Bar:
    label: str
    value: int
    x: float
    y: float
    width: float
    height: float
    text_x: float
    text_y: float


@dataclass
class Chart:
    title: str
    width: int
    height: int
    bars: list[Bar] = field(default_factory=list)
    total: int = 0
    line: str = ""  # an SVG polyline for cumulative totals (timeline only)
    axis_labels: list[tuple[float, str]] = field(default_factory=list)
    peak: int = 0

    @property
    def summary(self) -> str:
        parts = ", ".join(f"{bar.label}: {bar.value}" for bar in self.bars[:12])
        return f"{self.title}. {parts}" if parts else self.title


def horizontal_bars(title: str, items: list[tuple[str, int]], *, width: int = 640,
                    label_width: int = 210, bar_height: int = 22, gap: int = 8,
                    limit: int = 15) -> Chart:
    """One bar per item, longest first, label on the left and value at the bar's end."""
    items = sorted(items, key=lambda item: (-item[1], item[0]))
    if len(items) > limit:
        others = items[limit - 1:]
        rest = sum(value for _label, value in others)
        label = ngettext("%(count)d other", "%(count)d others", len(others)) % {
            "count": len(others)}
        items = [*items[:limit - 1], (label, rest)]
    peak = max((value for _label, value in items), default=0)
    plot = width - label_width - 50
    chart = Chart(title, width, max(len(items), 1) * (bar_height + gap) + gap,
                  total=sum(value for _label, value in items), peak=peak)
    for index, (label, value) in enumerate(items):
        y = gap + index * (bar_height + gap)
        bar_width = (value / peak * plot) if peak else 0
        chart.bars.append(Bar(label, value, label_width, y, max(bar_width, 1), bar_height,
                              label_width + bar_width + 6, y + bar_height * 0.72))
    return chart


def timeline(title: str, days: list[tuple[str, int]], *, width: int = 640,
             height: int = 220) -> Chart:
    """Registrations per day as columns, with the running total as a line."""
    left, bottom, top = 40, 30, 16
    plot_width, plot_height = width - left - 10, height - bottom - top
    peak = max((value for _day, value in days), default=0)
    total = sum(value for _day, value in days)
    chart = Chart(title, width, height, total=total, peak=peak)
    if not days:
        return chart
    step = plot_width / len(days)
    running, points = 0, []
    for index, (day, value) in enumerate(days):
        bar_height = (value / peak * plot_height) if peak else 0
        x = left + index * step
        chart.bars.append(Bar(day, value, x + step * 0.15, top + plot_height - bar_height,
                              max(step * 0.7, 1), bar_height, x + step / 2,
                              top + plot_height - bar_height - 4))
        running += value
        points.append(f"{x + step / 2:.1f},{top + plot_height - running / total * plot_height:.1f}")
    chart.line = " ".join(points)
    every = max(1, len(days) // 6)
    chart.axis_labels = [(left + index * step + step / 2, day)
                         for index, (day, _value) in enumerate(days) if index % every == 0]
    return chart
