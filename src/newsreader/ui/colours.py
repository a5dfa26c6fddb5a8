"""Every colour the app paints, taken from the palette or checked against it.

This module owns the colours that are not plain palette roles: muted secondary text,
search highlights, the star, the full-article mark and warnings. Each is derived
from the widget's palette (light or dark desktop alike) and, where it carries text,
chosen for a WCAG contrast ratio of at least 4.5 against that text. Must not import
the store.
"""

from __future__ import annotations

from dataclasses import dataclass

from PySide6.QtGui import QColor, QPalette

# Hues for accents: amber for highlights and stars, red for warnings.
_AMBER_LIGHT = QColor("#ffe08a")  # pale yellow under dark text
_AMBER_DARK = QColor("#7a5a00")  # deep amber under light text
_STAR_LIGHT = QColor("#b07d00")
_STAR_DARK = QColor("#f2c12e")
_RED_LIGHT = QColor("#a8201a")
_RED_DARK = QColor("#ff8a80")


def luminance(colour: QColor) -> float:
    """Relative luminance (WCAG 2)."""

    def channel(c: float) -> float:
        return c / 12.92 if c <= 0.03928 else ((c + 0.055) / 1.055) ** 2.4

    return (0.2126 * channel(colour.redF()) + 0.7152 * channel(colour.greenF())
            + 0.0722 * channel(colour.blueF()))


def contrast(a: QColor, b: QColor) -> float:
    """WCAG contrast ratio of two colours (1 to 21)."""
    la, lb = sorted((luminance(a), luminance(b)), reverse=True)
    return (la + 0.05) / (lb + 0.05)


def is_dark(palette: QPalette) -> bool:
    return luminance(palette.color(QPalette.ColorRole.Base)) < 0.25


def _mix(a: QColor, b: QColor, share_a: int) -> QColor:
    share_b = 100 - share_a
    return QColor(
        (a.red() * share_a + b.red() * share_b) // 100,
        (a.green() * share_a + b.green() * share_b) // 100,
        (a.blue() * share_a + b.blue() * share_b) // 100,
    )


def muted(palette: QPalette) -> QColor:
    """Secondary text: between text and background, still legible (≥ 4.5:1)."""
    text = palette.color(QPalette.ColorRole.Text)
    base = palette.color(QPalette.ColorRole.Base)
    for share in (55, 65, 75, 85, 100):
        colour = _mix(text, base, share)
        if contrast(colour, base) >= 4.5:
            return colour
    return text


@dataclass(frozen=True)
class Highlight:
    """A search hit: its background and the text colour on it."""

    background: QColor
    foreground: QColor


def highlight(palette: QPalette) -> Highlight:
    """Search-hit colours for this palette: amber under readable text."""
    text = palette.color(QPalette.ColorRole.Text)
    background = _AMBER_DARK if is_dark(palette) else _AMBER_LIGHT
    if contrast(text, background) < 4.5:
        # The palette's text does not read on it: use whichever of black or white does.
        black, white = QColor("#000000"), QColor("#ffffff")
        text = black if contrast(black, background) >= contrast(white, background) else white
    return Highlight(background, text)


def _readable(palette: QPalette, light: QColor, dark: QColor) -> QColor:
    base = palette.color(QPalette.ColorRole.Base)
    colour = dark if is_dark(palette) else light
    return colour if contrast(colour, base) >= 3.0 else palette.color(QPalette.ColorRole.Text)


def star(palette: QPalette) -> QColor:
    """The star of a starred story (a symbol: 3:1 against the background)."""
    return _readable(palette, _STAR_LIGHT, _STAR_DARK)


def body_mark(palette: QPalette) -> QColor:
    """The small mark of a story with its full text: the palette's link colour."""
    link = palette.color(QPalette.ColorRole.Link)
    base = palette.color(QPalette.ColorRole.Base)
    return link if contrast(link, base) >= 3.0 else muted(palette)


def warning(palette: QPalette) -> QColor:
    """Text that says something went wrong (a rejected file)."""
    return _readable(palette, _RED_LIGHT, _RED_DARK)
