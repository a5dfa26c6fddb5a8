"""Reading typography: which installed font shows Chinese well, and at what size.

This module owns choosing a CJK-capable family from what ``QFontDatabase`` reports
(never assuming one is installed), the zoom steps of the article pane, and the
font of the headline list. Must not import the store.
"""

from __future__ import annotations

from PySide6.QtGui import QFont, QFontDatabase

# Well-made CJK text faces, best first; whichever is installed wins.
_PREFERRED_SC = (
    "Noto Sans CJK SC",
    "Source Han Sans SC",
    "PingFang SC",
    "Hiragino Sans GB",
    "Microsoft YaHei",
    "Noto Sans SC",
    "Sarasa UI SC",
    "WenQuanYi Micro Hei",
    "WenQuanYi Zen Hei",
    "Droid Sans Fallback",
)
_PREFERRED_TC = (
    "Noto Sans CJK TC",
    "Source Han Sans TC",
    "PingFang TC",
    "Microsoft JhengHei",
    "Noto Sans TC",
)

# Article text sizes in points; the zoom step is an index into this.
ZOOM_SIZES = (9.0, 10.0, 11.0, 12.0, 13.0, 14.0, 16.0, 18.0, 20.0, 24.0, 28.0)
DEFAULT_ZOOM = 4  # 13 pt


def cjk_family(traditional: bool = False) -> str | None:
    """The best installed family that can show Chinese, or None if there is none."""
    system = QFontDatabase.WritingSystem
    wanted = system.TraditionalChinese if traditional else system.SimplifiedChinese
    families = QFontDatabase.families(wanted) or QFontDatabase.families(
        system.SimplifiedChinese
    )
    if not families:
        return None
    available = set(families)
    preferred = (_PREFERRED_TC + _PREFERRED_SC) if traditional else _PREFERRED_SC
    for name in preferred:
        if name in available:
            return name
    # Proportional faces read better than monospaced ones.
    for name in families:
        if "mono" not in name.lower() and not QFontDatabase.isFixedPitch(name):
            return name
    return families[0]


def reading_font(zoom: int, traditional: bool = False) -> QFont:
    font = QFont()
    family = cjk_family(traditional)
    if family:
        # The CJK face first: its Latin and digits sit on the same baseline and x-height
        # as its Han characters, which mixed text (stock codes, dates) needs.
        font.setFamilies([family, *font.families()])
    font.setPointSizeF(ZOOM_SIZES[clamp_zoom(zoom)])
    return font


def clamp_zoom(zoom: int) -> int:
    return max(0, min(len(ZOOM_SIZES) - 1, int(zoom)))
