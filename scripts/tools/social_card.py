"""Draws docs/assets/social-card.png, the image link previews show (og:image, twitter:card):
1200x630, the site's colours (Material's indigo and amber), its name and what it is. Run it
again after changing the text: `python -m scripts.tools.social_card` (needs Pillow, from
requirements-dev.txt, and Debian's DejaVu fonts: apt-get install fonts-dejavu-core)."""
from __future__ import annotations

from pathlib import Path

from PIL import Image, ImageDraw, ImageFont

from .. import REPO_ROOT
from ..model import urls

OUT = REPO_ROOT / "docs" / urls.SOCIAL_CARD
FONTS = Path("/usr/share/fonts/truetype/dejavu")
INDIGO, AMBER, WHITE = (63, 81, 181), (255, 193, 7), (255, 255, 255)
TITLE = "La Poste et vos données"
LINES = ("Enquête ouverte et sourcée sur les données", "personnelles dans le groupe La Poste")
FOOT = "Chaque fait cite sa source, mot pour mot."


def draw(out: Path = OUT) -> Path:
    width, height = urls.SOCIAL_CARD_SIZE
    image = Image.new("RGB", (width, height), INDIGO)
    pen = ImageDraw.Draw(image)
    bold = ImageFont.truetype(str(FONTS / "DejaVuSans-Bold.ttf"), 76)
    regular = ImageFont.truetype(str(FONTS / "DejaVuSans.ttf"), 40)
    small = ImageFont.truetype(str(FONTS / "DejaVuSans.ttf"), 32)
    pen.rectangle((0, 0, 24, height), fill=AMBER)
    # an envelope: the post, and the data it carries
    left, top = 96, 96
    pen.rectangle((left, top, left + 150, top + 100), outline=WHITE, width=8)
    pen.line((left, top, left + 75, top + 58, left + 150, top), fill=WHITE, width=8, joint="curve")
    pen.text((96, 250), TITLE, font=bold, fill=WHITE)
    for number, line in enumerate(LINES):
        pen.text((96, 360 + number * 54), line, font=regular, fill=WHITE)
    pen.rectangle((96, 500, 196, 508), fill=AMBER)
    pen.text((96, 530), FOOT, font=small, fill=WHITE)
    out.parent.mkdir(parents=True, exist_ok=True)
    image.quantize(colors=16).save(out, format="PNG", optimize=True)
    return out


if __name__ == "__main__":
    print(draw())
