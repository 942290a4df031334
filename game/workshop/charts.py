"""Geometry for the report's SVG charts; the markup is in the templates.

Charts are plain SVG written by Jinja2 templates, so the report works
offline, prints sharply and needs no JavaScript. This module computes the
coordinates. Every chart has a title and a text description for screen
readers. Teams differ by line pattern as well as by colour, so the charts
stay readable in black-and-white print.
"""

from __future__ import annotations

from dataclasses import dataclass, field

#: Colours of teams in order (Okabe and Ito's palette for colour blindness,
#: without its yellow, which is too light on white paper, plus brown).
COLOURS = (
    "#0072B2",
    "#D55E00",
    "#009E73",
    "#CC79A7",
    "#E69F00",
    "#56B4E9",
    "#000000",
    "#8C564B",
)
#: SVG ``stroke-dasharray`` patterns; the pattern changes after each colour round.
DASHES = ("", "7 3", "2 3", "9 3 2 3")

WIDTH = 640
LINE_HEIGHT = 240
MARGIN_LEFT = 44
MARGIN_RIGHT = 16
MARGIN_TOP = 14
MARGIN_BOTTOM = 34


@dataclass(frozen=True)
class TeamStyle:
    """Colour and line pattern of one team in every chart of a report."""

    colour: str
    dash: str


def team_style(index: int) -> TeamStyle:
    """Return the style of the team at ``index`` in the report's team order."""
    return TeamStyle(
        COLOURS[index % len(COLOURS)],
        DASHES[(index // len(COLOURS)) % len(DASHES)],
    )


@dataclass
class Tick:
    position: float
    label: str


@dataclass
class Series:
    team: str
    style: TeamStyle
    points: str
    end_x: float
    end_y: float


@dataclass
class LineChart:
    """A variable over the rounds, one line per team."""

    id: str
    title: str
    description: str
    width: int
    height: int
    plot_left: float
    plot_right: float
    plot_top: float
    plot_bottom: float
    x_ticks: list[Tick]
    y_ticks: list[Tick]
    series: list[Series]
    #: Win threshold as ``(y, label)`` or ``None``.
    threshold: tuple[float, str] | None = None


def line_chart(
    chart_id: str,
    title: str,
    description: str,
    rounds: int,
    low: float,
    high: float,
    teams: list[tuple[str, TeamStyle, list[float]]],
    threshold: tuple[float, str] | None = None,
) -> LineChart:
    """Lay out a line chart of values from round 0 to ``rounds``.

    Args:
        teams: ``(name, style, values)`` with ``values[r]`` after round ``r``.
        threshold: A goal value and its label, drawn as a dashed line.
    """
    left, right = MARGIN_LEFT, WIDTH - MARGIN_RIGHT
    top, bottom = MARGIN_TOP, LINE_HEIGHT - MARGIN_BOTTOM
    span = (high - low) or 1.0

    def x_of(round_number: float) -> float:
        return left + (right - left) * round_number / max(rounds, 1)

    def y_of(value: float) -> float:
        return bottom - (bottom - top) * (value - low) / span

    step = _tick_step(rounds)
    x_ticks = [Tick(_r(x_of(r)), str(r)) for r in range(0, rounds + 1, step)]
    y_ticks = [
        Tick(_r(y_of(low + span * i / 4)), _number(low + span * i / 4))
        for i in range(5)
    ]
    series = []
    for name, style, values in teams:
        points = " ".join(f"{_r(x_of(r))},{_r(y_of(v))}" for r, v in enumerate(values))
        end = len(values) - 1
        series.append(Series(name, style, points, _r(x_of(end)), _r(y_of(values[end]))))
    line = None
    if threshold is not None:
        line = (_r(y_of(threshold[0])), threshold[1])
    return LineChart(
        id=chart_id,
        title=title,
        description=description,
        width=WIDTH,
        height=LINE_HEIGHT,
        plot_left=left,
        plot_right=right,
        plot_top=top,
        plot_bottom=bottom,
        x_ticks=x_ticks,
        y_ticks=y_ticks,
        series=series,
        threshold=line,
    )


@dataclass
class Bar:
    team: str
    style: TeamStyle
    y: float
    width: float
    label: str


@dataclass
class BarChart:
    """Scores as horizontal bars, one per team."""

    id: str
    title: str
    description: str
    width: int
    height: int
    label_width: float
    bar_height: float
    bars: list[Bar] = field(default_factory=list)


def bar_chart(
    chart_id: str,
    title: str,
    description: str,
    bars: list[tuple[str, TeamStyle, float, str]],
) -> BarChart:
    """Lay out horizontal bars of ``(team, style, value, label)``.

    Negative values are drawn as empty bars, since scores below zero only
    occur when a variable where less is better stays high.
    """
    bar_height, gap, label_width = 18.0, 6.0, 150.0
    top = max((value for _, _, value, _ in bars), default=0.0) or 1.0
    room = WIDTH - label_width - 70
    laid_out = []
    for index, (team, style, value, label) in enumerate(bars):
        laid_out.append(
            Bar(
                team,
                style,
                _r(index * (bar_height + gap) + gap),
                _r(room * max(value, 0.0) / top),
                label,
            )
        )
    height = int(len(bars) * (bar_height + gap) + gap)
    return BarChart(
        chart_id, title, description, WIDTH, height, label_width, bar_height, laid_out
    )


@dataclass
class Marker:
    team: str
    style: TeamStyle
    x: float
    y: float
    label: str


@dataclass
class LoopRow:
    name: str
    y: float


@dataclass
class LoopChart:
    """When each team first turned each cycle, on one round axis."""

    id: str
    title: str
    description: str
    width: int
    height: int
    label_width: float
    plot_right: float
    row_height: float
    x_ticks: list[Tick]
    rows: list[LoopRow]
    markers: list[Marker]


def loop_chart(
    chart_id: str,
    title: str,
    description: str,
    rounds: int,
    loops: list[str],
    broken: list[tuple[str, TeamStyle, list[int]]],
    marker_label: str,
) -> LoopChart:
    """Lay out a dot chart of the round each team broke each cycle.

    Args:
        loops: Cycle names, one row each.
        broken: ``(team, style, rounds)`` with ``rounds[i]`` the round the
            team broke cycle ``i``, 0 for never.
        marker_label: Format string for a marker's tooltip with ``{team}``,
            ``{loop}`` and ``{round}``.
    """
    label_width, right = 230.0, WIDTH - MARGIN_RIGHT
    teams = max(len(broken), 1)
    row_height = max(26.0, 6.0 * teams + 10.0)
    step = _tick_step(rounds)

    def x_of(round_number: float) -> float:
        return label_width + (right - label_width) * round_number / max(rounds, 1)

    rows = [
        LoopRow(name, _r(MARGIN_TOP + row_height * (i + 0.5)))
        for i, name in enumerate(loops)
    ]
    markers = []
    for team_index, (team, style, rounds_broken) in enumerate(broken):
        offset = (team_index - (teams - 1) / 2) * min(6.0, (row_height - 10) / teams)
        for loop_index, round_number in enumerate(rounds_broken):
            if not round_number:
                continue
            markers.append(
                Marker(
                    team,
                    style,
                    _r(x_of(round_number)),
                    _r(rows[loop_index].y + offset),
                    marker_label.format(
                        team=team, loop=loops[loop_index], round=round_number
                    ),
                )
            )
    height = int(MARGIN_TOP + row_height * len(loops) + MARGIN_BOTTOM)
    x_ticks = [Tick(_r(x_of(r)), str(r)) for r in range(0, rounds + 1, step)]
    return LoopChart(
        chart_id,
        title,
        description,
        WIDTH,
        height,
        label_width,
        right,
        row_height,
        x_ticks,
        rows,
        markers,
    )


def _tick_step(rounds: int) -> int:
    """Return the rounds between axis labels, so at most about 12 labels show."""
    if rounds <= 12:
        return 1
    if rounds <= 24:
        return 2
    return 4


def _r(value: float) -> float:
    return round(value, 1)


def _number(value: float) -> str:
    return str(int(value)) if float(value).is_integer() else f"{value:g}"
