"""Build the vendored Traditional Chinese font used by the printed forms.

Source: Debian's ``fonts-noto-cjk`` (Noto Sans CJK, OFL-1.1), file
``/usr/share/fonts/opentype/noto/NotoSansCJK-{Regular,Bold}.ttc``; the collection's
"Noto Sans CJK TC" face (Taiwan glyph shapes) is extracted and subset to the
repertoire the forms and user data need, then renamed "Alongside Sans TC" so the
modified version does not carry the upstream names (see README.md beside this file).

Run from the repository root (fontTools comes with fpdf2)::

    .venv/bin/python src/alongside/documents/fonts/make_subset.py

By default Regular keeps the whole CJK Unified Ideographs block (any name a user
types) and Bold, used only for the forms' own headings and labels, keeps the Big5
ideographs plus every character of the seed documents, to keep the repository small.

Optional: ``--src-dir DIR`` (where the .ttc files are), ``--seeds DIR`` (extra text
files whose characters are added), ``--out-dir DIR``.
"""

from __future__ import annotations

import argparse
import sys
from pathlib import Path

from fontTools import subset
from fontTools.ttLib import TTCollection

HERE = Path(__file__).resolve().parent
FAMILY = "Alongside Sans TC"
PS_FAMILY = "AlongsideSansTC"
TC_FACE = "Noto Sans CJK TC"

# Unicode ranges kept (inclusive).
RANGES: list[tuple[int, int, str]] = [
    (0x0020, 0x007E, "Basic Latin"),
    (0x00A0, 0x00FF, "Latin-1 Supplement"),
    (0x02C6, 0x02DD, "spacing modifiers (ˇ ˊ ˋ ˙ used with Bopomofo)"),
    (0x2000, 0x206F, "General Punctuation"),
    (0x2100, 0x214F, "Letterlike Symbols (℃ №)"),
    (0x2150, 0x218F, "Number Forms (Ⅰ Ⅱ Ⅲ)"),
    (0x2190, 0x21FF, "Arrows"),
    (0x2200, 0x22FF, "Mathematical Operators"),
    (0x2460, 0x24FF, "Enclosed Alphanumerics (① ②)"),
    (0x2500, 0x257F, "Box Drawing"),
    (0x25A0, 0x25FF, "Geometric Shapes (□ ■ ○ ◎ △)"),
    (0x2600, 0x26FF, "Miscellaneous Symbols (☐ ☑ ★)"),
    (0x2700, 0x27BF, "Dingbats (✓ ✔ ➤ where present)"),
    (0x3000, 0x303F, "CJK Symbols and Punctuation"),
    (0x3040, 0x30FF, "Hiragana and Katakana"),
    (0x3100, 0x312F, "Bopomofo"),
    (0x31A0, 0x31BF, "Bopomofo Extended"),
    (0x3200, 0x32FF, "Enclosed CJK Letters and Months"),
    (0x3300, 0x33FF, "CJK Compatibility (㎡ ㎏)"),
    (0x4E00, 0x9FFF, "CJK Unified Ideographs"),
    (0xFE30, 0xFE4F, "CJK Compatibility Forms"),
    (0xFF00, 0xFFEF, "Halfwidth and Fullwidth Forms"),
]


def in_big5(cp: int) -> bool:
    try:
        chr(cp).encode("big5")
    except UnicodeEncodeError:
        return False
    return True


def wanted_codepoints(seed_dir: Path | None, repertoire: str = "full") -> set[int]:
    """``full``: every range in RANGES. ``big5``: the same, but ideographs only where Big5 has them."""
    cps: set[int] = set()
    for lo, hi, _ in RANGES:
        cps.update(range(lo, hi + 1))
    if repertoire == "big5":
        cps = {cp for cp in cps if not 0x4E00 <= cp <= 0x9FFF or in_big5(cp)}
    if seed_dir and seed_dir.is_dir():
        for path in sorted(seed_dir.glob("*.txt")):
            cps.update(ord(ch) for ch in path.read_text(encoding="utf-8") if ord(ch) >= 0x20)
    return cps


def extract_tc(ttc_path: Path):
    collection = TTCollection(str(ttc_path))
    for font in collection.fonts:
        if font["name"].getDebugName(1) == TC_FACE:
            return font
    raise SystemExit(f"{ttc_path}: no '{TC_FACE}' face")


def rename(font, style: str) -> None:
    """Give the modified font its own names (OFL condition 3) and keep copyright + licence records."""
    name = font["name"]
    full = f"{FAMILY} {style}" if style != "Regular" else FAMILY
    ps = f"{PS_FAMILY}-{style}"
    upstream_version = name.getDebugName(5) or ""
    records = {
        1: FAMILY,
        2: style,
        3: f"{ps};subset of {TC_FACE} {upstream_version}",
        4: full,
        5: f"{upstream_version}; subset for Alongside",
        6: ps,
        16: FAMILY,
        17: style,
    }
    # drop the upstream naming records (incl. localized family names) we replace
    name.names = [n for n in name.names if n.nameID not in (*records, 18, 21, 22)]
    for nid, value in records.items():
        name.setName(value, nid, 3, 1, 0x409)
        name.setName(value, nid, 1, 0, 0)
    if "CFF " in font:
        cff = font["CFF "].cff
        cff.fontNames = [ps]
        top = cff.topDictIndex[0]
        top.FullName = full
        top.FamilyName = FAMILY
        if hasattr(top, "FontName"):
            top.FontName = ps


def build(src: Path, style: str, cps: set[int], out_dir: Path) -> Path:
    font = extract_tc(src)
    options = subset.Options()
    options.layout_features = []  # fpdf2 does no OpenType shaping; CJK forms need none
    options.hinting = False
    options.desubroutinize = False
    options.name_IDs = ["*"]
    options.name_languages = ["*"]
    options.notdef_outline = True
    options.recommended_glyphs = True
    options.drop_tables += ["BASE", "VORG", "vhea", "vmtx", "GSUB", "GPOS", "GDEF"]
    subsetter = subset.Subsetter(options)
    available = set(font.getBestCmap())
    subsetter.populate(unicodes=sorted(cps & available))
    subsetter.subset(font)
    rename(font, style)
    out = out_dir / f"{PS_FAMILY}-{style}.otf"
    font.save(str(out))
    return out


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("--src-dir", type=Path, default=Path("/usr/share/fonts/opentype/noto"))
    parser.add_argument("--seeds", type=Path, default=Path("/work/shared/seeds"))
    parser.add_argument("--out-dir", type=Path, default=HERE)
    parser.add_argument(
        "--styles",
        nargs="+",
        default=["Regular:full", "Bold:big5"],
        help="STYLE:REPERTOIRE pairs; repertoire is full (all of U+4E00-9FFF) or big5 (Big5 ideographs + seeds)",
    )
    args = parser.parse_args(argv)
    for spec in args.styles:
        style, _, repertoire = spec.partition(":")
        cps = wanted_codepoints(args.seeds, repertoire or "full")
        out = build(args.src_dir / f"NotoSansCJK-{style}.ttc", style, cps, args.out_dir)
        sys.stdout.write(f"{out}: {out.stat().st_size / 1e6:.2f} MB\n")
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
