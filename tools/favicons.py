"""Make the site's favicon set from its one drawing: theme/assets/images/favicon.svg (written
here), then favicon.png (48 px, Material's `theme.favicon`), apple-touch-icon.png (180 px) and
theme/favicon.ico (16, 32 and 48 px; served at /favicon.ico, where browsers and feed readers
look without asking the page).

Run it after changing the drawing: `.venv/bin/python tools/favicons.py`; commit the files.
The SVG is rasterized by Debian's Chromium through Playwright (already a test dependency), so
the PNGs match the SVG exactly; the ICO container is written by hand: it is a 6-byte header and
a 16-byte entry per image around PNG data (valid since Windows Vista), and Pillow would be a
dependency for that alone.
"""

from __future__ import annotations

import struct
from pathlib import Path

from playwright.sync_api import sync_playwright

THEME = Path(__file__).resolve().parent.parent / "theme"
IMAGES = THEME / "assets" / "images"

# The theme's colours: Material's indigo (primary) and a white «Л», the first letter of
# «Летопись», drawn as a path so that no font is needed.
SVG = """<svg xmlns="http://www.w3.org/2000/svg" viewBox="0 0 64 64">
  <rect width="64" height="64" rx="12" fill="#3f51b5"/>
  <path d="M14 50 Q22 48 24 32 L25.5 16 H47 V50" fill="none" stroke="#fff"
        stroke-width="7" stroke-linejoin="round" stroke-linecap="round"/>
  <rect x="10" y="55" width="44" height="3" rx="1.5" fill="#ff6e40"/>
</svg>
"""


def rasterize(svg: str, sizes: list[int]) -> dict[int, bytes]:
    with sync_playwright() as playwright:
        browser = playwright.chromium.launch(executable_path="/usr/bin/chromium",
                                             args=["--no-sandbox", "--disable-gpu"])
        page = browser.new_page()
        pngs = {}
        for size in sizes:
            page.set_viewport_size({"width": size, "height": size})
            page.set_content(f'<style>html,body{{margin:0;background:transparent}}'
                             f'svg{{display:block;width:{size}px;height:{size}px}}</style>{svg}')
            pngs[size] = page.screenshot(omit_background=True)
        browser.close()
    return pngs


def ico(pngs: dict[int, bytes]) -> bytes:
    """An ICO file holding PNG images (ICONDIR, then one ICONDIRENTRY per image)."""
    header = struct.pack("<HHH", 0, 1, len(pngs))
    offset = len(header) + 16 * len(pngs)
    entries, data = b"", b""
    for size, png in sorted(pngs.items()):
        side = 0 if size >= 256 else size  # 0 means 256 in an ICO entry
        entries += struct.pack("<BBBBHHII", side, side, 0, 0, 1, 32, len(png), offset + len(data))
        data += png
    return header + entries + data


def main() -> None:
    IMAGES.mkdir(parents=True, exist_ok=True)
    (IMAGES / "favicon.svg").write_text(SVG, encoding="utf-8")
    pngs = rasterize(SVG, [16, 32, 48])
    (IMAGES / "favicon.png").write_bytes(pngs[48])
    # Square corners: iOS rounds the icon itself and paints transparent corners black.
    square = rasterize(SVG.replace(' rx="12"', ""), [180])
    (IMAGES / "apple-touch-icon.png").write_bytes(square[180])
    (THEME / "favicon.ico").write_bytes(ico({s: pngs[s] for s in (16, 32, 48)}))


if __name__ == "__main__":
    main()
