#!/usr/bin/env bash
# Makes src/main/resources/org/tsbase/documents/fonts/NotoSansSC-Regular-subset.ttf, the one font of every PDF that
# TS-Base prints: Noto Sans SC Regular (SIL Open Font License 1.1, see OFL.txt beside the font) cut down to what a
# form of this call needs, so that the repository stays small (about 10.5 MB -> about 3 MB).
#
# Source: the npm package @expo-google-fonts/noto-sans-sc (Google Fonts' static Noto Sans SC instances, TrueType
# outlines: PDFBox subsets and embeds TrueType reliably, CFF-based OTF it may not). Tools: npm, and Python 3 with
# fontTools (Debian: apt-get install python3-fonttools).
#
# Kept: ASCII, Latin-1 punctuation, General Punctuation, CJK Symbols and Punctuation, the full- and half-width forms,
# every character of GB 2312 (its 682 symbols and 6763 hanzi), and the extra characters in extra-chars.txt (hanzi
# of 通用规范汉字表 outside GB 2312 that names of people, places and companies use; add more there when a form needs
# them). A character the font lacks prints as "□" (see CjkFont).
set -euo pipefail
cd "$(dirname "$0")"
PKG=@expo-google-fonts/noto-sans-sc@0.4.3
SHA256=d45f67f0a7c0ca3f256950777ce6a61cc7ce5f9696d02900cbbaac25f8aa7d16   # of the .ttf in that package
OUT=../src/main/resources/org/tsbase/documents/fonts
PY=${PYTHON:-python3}
work=$(mktemp -d); trap 'rm -rf "$work"' EXIT
(cd "$work" && npm pack --silent "$PKG" >/dev/null && tar xzf ./*.tgz package/400Regular/NotoSansSC_400Regular.ttf package/LICENSE_FONT)
ttf="$work/package/400Regular/NotoSansSC_400Regular.ttf"
echo "$SHA256  $ttf" | sha256sum -c --quiet
"$PY" - "$work/chars.txt" extra-chars.txt <<'PY'
import sys
chars = set(chr(c) for c in range(0x20, 0x7f))
chars |= set(chr(c) for c in range(0xa0, 0x100))
chars |= set(chr(c) for c in range(0x2010, 0x2070))
chars |= set(chr(c) for c in range(0x3000, 0x3040))
chars |= set(chr(c) for c in range(0xff01, 0xff5f))
for hi in range(0xa1, 0xf8):
    for lo in range(0xa1, 0xff):
        try:
            chars.add(bytes([hi, lo]).decode("gb2312"))
        except UnicodeDecodeError:
            pass
with open(sys.argv[2], encoding="utf-8") as f:
    chars |= set(c for line in f if not line.startswith("#") for c in line.strip())
with open(sys.argv[1], "w", encoding="utf-8") as f:
    f.write("".join(sorted(chars)))
PY
mkdir -p "$OUT"
# no hinting (PDF viewers do not need it), no layout features: PDFBox draws glyphs one by one
"$PY" -m fontTools.subset "$ttf" --text-file="$work/chars.txt" --output-file="$OUT/NotoSansSC-Regular-subset.ttf" \
  --no-hinting --layout-features='' --name-IDs='*' --name-legacy --name-languages='*' --drop-tables+=STAT,BASE
# drop the Unicode variation sequences (cmap format 14): PDFBox ignores them with a warning at every load
"$PY" - "$OUT/NotoSansSC-Regular-subset.ttf" <<'PY'
import sys
from fontTools.ttLib import TTFont
f = TTFont(sys.argv[1], recalcTimestamp=False)
f["cmap"].tables = [t for t in f["cmap"].tables if t.format != 14]
f.save(sys.argv[1])
PY
cp "$work/package/LICENSE_FONT" "$OUT/OFL.txt"
ls -l "$OUT"
