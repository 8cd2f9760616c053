#!/usr/bin/env bash
# Builds the OCR fixtures in corpus/fixtures/ocr/ from corpus/fixtures/seed.pdf (LibreOffice,
# Noto Sans CJK; made by make-fixtures.sh): 篇五's pages 13–16 as an image-only PDF, like a scan
# without a text layer; page 12 (text layer) followed by the scan of page 13 as a mixed PDF; and
# page 17 (篇六's first page) as a PNG page image. Pages are rendered
# at 200 dpi in black and white, which keeps the files small and is a common scanner setting.
# Idempotent: existing fixtures are kept; FORCE=1 rebuilds them.
# Needs: pdftoppm (poppler-utils), img2pdf and qpdf (apt-get install -y img2pdf qpdf).
set -euo pipefail

root=$(cd "$(dirname "$0")/.." && pwd)
seed=$root/corpus/fixtures/seed.pdf
out=$root/corpus/fixtures/ocr
tmp=$(mktemp -d)
trap 'rm -rf "$tmp"' EXIT
mkdir -p "$out"

# Pages of seed.pdf the fixtures show; test/ocr.test.ts compares against the same pages.
scan_first=13 scan_last=16 image_page=17
dpi=200

want() { [[ ${FORCE:-0} == 1 || ! -e $1 ]] && echo "making ${1#"$root"/}"; }

if want "$out/scan-p13-16.pdf"; then
  command -v img2pdf >/dev/null || { echo "img2pdf is needed: apt-get install -y img2pdf" >&2; exit 1; }
  # Bitmaps (PBM), which img2pdf stores CCITT G4 compressed as fax-like scans are; fitted to A4,
  # so the pages keep the original's size and 200 dpi.
  pdftoppm -r "$dpi" -mono -f "$scan_first" -l "$scan_last" "$seed" "$tmp/scan"
  img2pdf --pagesize A4 --creationdate 2022-10-07T00:00:00Z --moddate 2022-10-07T00:00:00Z \
    -o "$out/scan-p13-16.pdf" "$tmp"/scan-*.pbm >/dev/null  # it chatters on stdout
  # It must really have no text layer: that is what makes the PDF extractor fall back to OCR.
  if [[ -n $(pdftotext "$out/scan-p13-16.pdf" - | tr -d '[:space:]') ]]; then
    echo "scan-p13-16.pdf has a text layer" >&2
    exit 1
  fi
fi

if want "$out/mixed-p12-13.pdf"; then
  command -v qpdf >/dev/null || { echo "qpdf is needed: apt-get install -y qpdf" >&2; exit 1; }
  qpdf --empty --deterministic-id --pages "$seed" 12 "$out/scan-p13-16.pdf" 1 -- "$out/mixed-p12-13.pdf"
fi

if want "$out/page-17.png"; then
  pdftoppm -r "$dpi" -mono -png -f "$image_page" -l "$image_page" -singlefile "$seed" "$tmp/page"
  cp "$tmp/page.png" "$out/page-17.png"
fi

du -ch "$out"/* | tail -1
