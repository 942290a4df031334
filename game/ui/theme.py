"""Colours, fonts and sizes of the calm, legible look.

Colours follow the Okabe-Ito palette, which stays distinguishable with the
common forms of colour blindness (Okabe and Ito, "Color Universal Design",
2008). No state is shown by colour alone: every coloured mark also has a
shape, a pattern or a word.
"""

from __future__ import annotations

from pathlib import Path

#: Logical screen size in pixels; the desktop scales it with pygame.SCALED and
#: the web page scales the canvas.
SCREEN_SIZE = (1280, 720)
ASSETS_DIR = Path(__file__).resolve().parents[2] / "assets"
FONT_DIR = ASSETS_DIR / "fonts"
SOUND_DIR = ASSETS_DIR / "sounds"

# Okabe-Ito colours.
ORANGE = (230, 159, 0)
SKY_BLUE = (86, 180, 233)
BLUISH_GREEN = (0, 158, 115)
YELLOW = (240, 228, 66)
BLUE = (0, 114, 178)
VERMILLION = (213, 94, 0)
REDDISH_PURPLE = (204, 121, 167)
BLACK = (0, 0, 0)

# Neutral surfaces and text.
BACKGROUND = (244, 242, 237)
PANEL = (255, 255, 255)
PANEL_ALT = (236, 234, 228)
BORDER = (190, 186, 178)
TEXT = (31, 35, 40)
TEXT_MUTED = (88, 92, 99)
TEXT_ON_DARK = (255, 255, 255)
DISABLED = (150, 150, 150)
HEADER = (32, 56, 84)
SHADE = (20, 24, 30, 150)

# Meaning of colours; each is paired with a symbol or word where it is used.
FOCUS = BLUE
ACCENT = BLUE
VICIOUS = VERMILLION
VICIOUS_TINT = (250, 228, 214)
VIRTUOUS = BLUISH_GREEN
VIRTUOUS_TINT = (214, 240, 230)
NEUTRAL_TINT = (240, 238, 233)
GOOD = BLUISH_GREEN
BAD = VERMILLION
SELECTED_TINT = (214, 233, 246)

#: Series colours for charts, paired with :data:`SERIES_MARKERS`.
SERIES_COLOURS = (BLUE, VERMILLION, BLUISH_GREEN, REDDISH_PURPLE, ORANGE, SKY_BLUE)
SERIES_MARKERS = ("circle", "square", "triangle", "diamond", "cross", "plus")

#: Font files per role and base pixel size at text size "normal".
FONT_ROLES = {
    "small": ("DejaVuSans.ttf", 15),
    "body": ("DejaVuSans.ttf", 18),
    "bold": ("DejaVuSans-Bold.ttf", 18),
    "label": ("DejaVuSansCondensed.ttf", 14),
    "heading": ("DejaVuSans-Bold.ttf", 26),
    "title": ("DejaVuSans-Bold.ttf", 52),
    "number": ("DejaVuSans-Bold.ttf", 16),
    "mono": ("DejaVuSansMono.ttf", 15),
}

# Layout constants in pixels.
MARGIN = 24
GAP = 12
RADIUS = 8
FOCUS_WIDTH = 3
BUTTON_HEIGHT = 44
