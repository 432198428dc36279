"""Writes the app icon: assets/icons/hanyeong.svg (the source, text as outlines so that it looks the same without
any font installed), PNGs of the usual sizes, hanyeong.ico (Windows) and hanyeong.icns (macOS); the app's window icon is the SVG (model.api.ICONS).

  .venv/bin/python packaging/make_icons.py      (after changing the design below; the results are committed)
"""

from __future__ import annotations

import io
import sys
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
ICONS = ROOT / "assets" / "icons"
PNG_SIZES = (16, 24, 32, 48, 64, 128, 256, 512)
ICO_SIZES = (16, 24, 32, 48, 64, 128, 256)

# The design: a blue tile; a white card with 한 (NanumGothic, outlined and thickened), an amber card with A.
TEMPLATE = """<svg xmlns="http://www.w3.org/2000/svg" width="256" height="256" viewBox="0 0 256 256">
  <title>Hanyeong</title>
  <defs>
    <linearGradient id="bg" x1="0" y1="0" x2="1" y2="1">
      <stop offset="0" stop-color="#3b82f6"/>
      <stop offset="1" stop-color="#1e40af"/>
    </linearGradient>
  </defs>
  <rect x="12" y="12" width="232" height="232" rx="52" fill="url(#bg)"/>
  <rect x="40" y="52" width="110" height="110" rx="22" fill="#ffffff" fill-opacity="0.95"/>
  <path fill="#1e3a8a" stroke="#1e3a8a" stroke-width="2.5" stroke-linejoin="round" d="{hangul}"/>
  <rect x="112" y="108" width="108" height="108" rx="22" fill="#f59e0b"/>
  <path fill="#ffffff" d="{latin}"/>
</svg>
"""


def outline(text: str, font: Path, size: float, center_x: float, center_y: float) -> str:
    """SVG path data of `text` in `font`, its bounding box centred on (center_x, center_y)."""
    from matplotlib.font_manager import FontProperties
    from matplotlib.path import Path as MplPath
    from matplotlib.textpath import TextPath

    path = TextPath((0, 0), text, size=size, prop=FontProperties(fname=str(font)))
    box = path.get_extents()
    dx, dy = center_x - (box.x0 + box.x1) / 2, center_y + (box.y0 + box.y1) / 2

    def point(x, y):
        return f"{x + dx:.2f} {dy - y:.2f}"

    parts = []
    for vertices, code in path.iter_segments(simplify=False, curves=True):
        pairs = [vertices[i:i + 2] for i in range(0, len(vertices), 2)]
        if code == MplPath.MOVETO:
            parts.append("M" + point(*pairs[0]))
        elif code == MplPath.LINETO:
            parts.append("L" + point(*pairs[0]))
        elif code == MplPath.CURVE3:
            parts.append("Q" + " ".join(point(*p) for p in pairs))
        elif code == MplPath.CURVE4:
            parts.append("C" + " ".join(point(*p) for p in pairs))
        elif code == MplPath.CLOSEPOLY:
            parts.append("Z")
    return "".join(parts)


def svg() -> str:
    import matplotlib

    dejavu_bold = Path(matplotlib.get_data_path()) / "fonts" / "ttf" / "DejaVuSans-Bold.ttf"
    return TEMPLATE.format(hangul=outline("한", ROOT / "assets" / "fonts" / "NanumGothic.ttf", 72, 95, 107),
                           latin=outline("A", dejavu_bold, 72, 166, 162))


def render_png(svg_bytes: bytes, size: int) -> bytes:
    from PySide6.QtCore import QBuffer, QByteArray, QIODevice
    from PySide6.QtGui import QGuiApplication, QImage, QPainter
    from PySide6.QtSvg import QSvgRenderer

    QGuiApplication.instance() or QGuiApplication(["make_icons", "-platform", "offscreen"])
    image = QImage(size, size, QImage.Format.Format_ARGB32)
    image.fill(0)
    painter = QPainter(image)
    painter.setRenderHint(QPainter.RenderHint.Antialiasing)
    QSvgRenderer(QByteArray(svg_bytes)).render(painter)
    painter.end()
    buffer = QBuffer()
    buffer.open(QIODevice.OpenModeFlag.WriteOnly)
    image.save(buffer, "PNG")
    return bytes(buffer.data())


def main() -> int:
    from PIL import Image

    ICONS.mkdir(parents=True, exist_ok=True)
    source = svg()
    (ICONS / "hanyeong.svg").write_text(source, encoding="utf-8")
    for size in PNG_SIZES:
        (ICONS / f"hanyeong-{size}.png").write_bytes(render_png(source.encode(), size))
    largest = Image.open(io.BytesIO(render_png(source.encode(), 1024)))
    largest.save(ICONS / "hanyeong.ico", sizes=[(s, s) for s in ICO_SIZES])
    largest.save(ICONS / "hanyeong.icns")
    print(f"icons written to {ICONS}")
    return 0


if __name__ == "__main__":
    sys.exit(main())
