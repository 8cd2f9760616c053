#!/usr/bin/env bash
# Builds the extract-stage fixtures in corpus/fixtures/ from the seed text.
# Idempotent: a fixture that already exists is kept, so re-running changes nothing that is
# committed (LibreOffice and qpdf stamp dates and ids into their output); FORCE=1 rebuilds all.
# Needs: node, iconv, soffice (LibreOffice) with fonts-noto-cjk, pdftoppm (poppler-utils), zip,
# and qpdf for the encrypted PDF (apt-get install -y qpdf).
set -euo pipefail

root=$(cd "$(dirname "$0")/.." && pwd)
seed=$root/corpus/seed/000_7bf2245de4f05e93.txt
out=$root/corpus/fixtures
bad=$out/bad
helpers=$root/scripts/fixtures
tmp=$(mktemp -d)
trap 'rm -rf "$tmp"' EXIT
mkdir -p "$out" "$bad"

# want FILE: true when FILE must be (re)built.
want() { [[ ${FORCE:-0} == 1 || ! -e $1 ]] && echo "making ${1#"$root"/}"; }

# A private LibreOffice profile, so a running office or another build cannot lock this one.
office() { soffice "-env:UserInstallation=file://$tmp/profile" --headless "$@" >/dev/null 2>&1; }

# Text import: UTF-8, LF lines, Noto Sans CJK, Chinese; every TXT line becomes a paragraph that
# LibreOffice wraps into visual lines (which the PDF extractor must join again).
txt_filter='Text (encoded):UTF8,LF,Noto Sans CJK SC,zh-CN'

# noise BYTES SEED: deterministic pseudo-random bytes (an LCG's high bytes) on stdout.
noise() {
  node -e 'let x = Number(process.argv[2]); const b = Buffer.alloc(Number(process.argv[1]));
    for (let i = 0; i < b.length; i++) { x = (Math.imul(x, 1103515245) + 12345) >>> 0; b[i] = x >>> 24; }
    process.stdout.write(b);' "$1" "$2"
}

# --- the seed in other encodings -------------------------------------------------------------
if want "$out/seed.gb18030.txt"; then iconv -f UTF-8 -t GB18030 "$seed" >"$out/seed.gb18030.txt"; fi
if want "$out/seed.utf16le.txt"; then
  { printf '\xff\xfe'; iconv -f UTF-8 -t UTF-16LE "$seed"; } >"$out/seed.utf16le.txt"
fi
if want "$out/seed.utf8bom.txt"; then { printf '\xef\xbb\xbf'; cat "$seed"; } >"$out/seed.utf8bom.txt"; fi

# --- the seed as PDF and DOCX, converted as-is by LibreOffice ----------------------------------
cp "$seed" "$tmp/seed.txt"
if want "$out/seed.pdf"; then
  office --infilter="$txt_filter" --convert-to pdf --outdir "$tmp" "$tmp/seed.txt"
  cp "$tmp/seed.pdf" "$out/seed.pdf"
fi
if want "$out/seed.docx"; then
  office --infilter="$txt_filter" --convert-to 'docx:MS Word 2007 XML' --outdir "$tmp" "$tmp/seed.txt"
  cp "$tmp/seed.docx" "$out/seed.docx"
fi

# --- 篇五 with real heading styles (DOCX) and as a GB2312-labelled web page (HTML) -------------
node "$helpers/html.mjs" "$seed" "$tmp"
if want "$out/opinion-headings.docx"; then
  office --infilter='HTML (StarWriter)' --convert-to 'docx:MS Word 2007 XML' --outdir "$tmp" "$tmp/opinion.html"
  cp "$tmp/opinion.docx" "$out/opinion-headings.docx"
fi
if want "$out/page.gbk.html"; then iconv -f UTF-8 -t GB18030 "$tmp/page.html" >"$out/page.gbk.html"; fi

# --- 篇五 as Word 97 (.doc), as WPS Writer saves it (.wps: Word's binary format under WPS's name), as RTF
if want "$out/opinion.doc"; then
  office --infilter='HTML (StarWriter)' --convert-to 'doc:MS Word 97' --outdir "$tmp" "$tmp/opinion.html"
  cp "$tmp/opinion.doc" "$out/opinion.doc"
fi
if want "$out/opinion.wps"; then cp "$out/opinion.doc" "$out/opinion.wps"; fi
if want "$out/opinion.rtf"; then
  office --infilter='HTML (StarWriter)' --convert-to 'rtf:Rich Text Format' --outdir "$tmp" "$tmp/opinion.html"
  cp "$tmp/opinion.rtf" "$out/opinion.rtf"
fi
# A notice written as Chinese Word and WPS write RTF: \ansicpg936 with GBK bytes.
if want "$out/notice.gbk.rtf"; then node "$helpers/gbk-rtf.mjs" "$out/notice.gbk.rtf"; fi

# --- a CJK PDF that is only readable with pdf.js's CMap files ----------------------------------
if want "$out/cjk-cmap.pdf"; then node "$helpers/cmap-pdf.mjs" "$seed" "$out/cjk-cmap.pdf"; fi

# --- bad inputs --------------------------------------------------------------------------------
if want "$bad/empty.txt"; then : >"$bad/empty.txt"; fi
if want "$bad/random.pdf"; then noise 4096 1 >"$bad/random.pdf"; fi
if want "$bad/garbage.txt"; then noise 4096 2 >"$bad/garbage.txt"; fi
if want "$bad/not-zip.docx"; then noise 4096 3 >"$bad/not-zip.docx"; fi
if want "$bad/truncated.pdf"; then
  head -c $(($(stat -c %s "$out/seed.pdf") / 2)) "$out/seed.pdf" >"$bad/truncated.pdf"
fi
if want "$bad/encrypted.pdf"; then
  command -v qpdf >/dev/null || { echo "qpdf is needed for bad/encrypted.pdf: apt-get install -y qpdf" >&2; exit 1; }
  qpdf --encrypt wenshi-user wenshi-owner 256 -- "$out/cjk-cmap.pdf" "$bad/encrypted.pdf"
  qpdf --requires-password "$bad/encrypted.pdf" \
    || { echo "bad/encrypted.pdf does not require a password" >&2; exit 1; }
fi
if want "$bad/zip-not-docx.docx"; then
  mkdir -p "$tmp/zip"
  printf '会议纪要\n' >"$tmp/zip/minutes.txt"
  printf '<note>not a Word document</note>\n' >"$tmp/zip/note.xml"
  touch -d '2022-10-07 00:00:00' "$tmp/zip"/*
  (cd "$tmp/zip" && TZ=UTC zip -q -X -D "$tmp/archive.zip" minutes.txt note.xml)
  cp "$tmp/archive.zip" "$bad/zip-not-docx.docx"
fi
if want "$bad/truncated.doc"; then head -c $(($(stat -c %s "$out/opinion.doc") / 2)) "$out/opinion.doc" >"$bad/truncated.doc"; fi
if want "$bad/truncated.rtf"; then head -c $(($(stat -c %s "$out/opinion.rtf") / 2)) "$out/opinion.rtf" >"$bad/truncated.rtf"; fi
if want "$bad/encrypted.doc"; then
  # soffice has no password option: a Basic macro in the private profile stores with one.
  office --terminate_after_init
  cp "$helpers/encrypt-doc.xba" "$tmp/profile/user/basic/Standard/Module1.xba"
  office "macro:///Standard.Module1.Encrypt(\"$out/opinion.doc\",\"$bad/encrypted.doc\",\"wenshi\")"
  office --convert-to txt --outdir "$tmp/locked" "$bad/encrypted.doc"
  [[ -s $bad/encrypted.doc && ! -e $tmp/locked/encrypted.txt ]] \
    || { echo "bad/encrypted.doc was not written, or opens without its password" >&2; exit 1; }
fi
if want "$bad/not-ole.doc"; then noise 4096 4 >"$bad/not-ole.doc"; fi
if want "$bad/empty.doc"; then : >"$bad/empty.doc"; fi
if want "$bad/scripts-only.html"; then
  cat >"$bad/scripts-only.html" <<'HTML'
<!DOCTYPE html>
<html><head><meta charset="utf-8"><title></title>
<script>window.location.replace("https://example.org/" + "跳转中");</script>
<style>body { display: none }</style></head>
<body><script>document.write("<p>正在加载</p>");</script><noscript>请启用 JavaScript</noscript></body></html>
HTML
fi
if want "$bad/picture.png"; then
  pdftoppm -png -r 20 -f 1 -l 1 -singlefile "$out/cjk-cmap.pdf" "$tmp/picture"
  cp "$tmp/picture.png" "$bad/picture.png"
fi
if want "$bad/scanned.pdf"; then
  pdftoppm -gray -r 30 -f 1 -l 1 -singlefile "$out/seed.pdf" "$tmp/scan"
  node "$helpers/scan-pdf.mjs" "$tmp/scan.pgm" "$bad/scanned.pdf"
fi

du -ch "$out"/* "$bad"/* | tail -1
