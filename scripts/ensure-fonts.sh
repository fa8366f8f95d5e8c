#!/usr/bin/env bash
# ensure-fonts.sh: the Debian packages the PDF and chart renderers need — fontconfig, the
# Noto CJK fonts (Japanese text), Noto Color Emoji (emoji in quotes, else empty boxes), Pango
# (WeasyPrint's text layout) and HarfBuzz's subsetter (without it WeasyPrint subsets the large
# CJK fonts with fontTools: a 20-page Japanese PDF takes 13 s instead of about 2). Installs what
# is missing when we can (root with apt); otherwise says what to install. Never fails the caller
# and never downloads fonts from anywhere but the system's package manager. (The emoji font is
# found by fontconfig's fallback; naming it in the report's CSS cost 1.3 s on a 20-page PDF.)
bash "$(dirname "$0")/ensure-debian-package.sh" fc-list fontconfig

missing=()
[ -f /usr/share/fonts/opentype/noto/NotoSansCJK-Regular.ttc ] || missing+=(fonts-noto-cjk)
[ -f /usr/share/fonts/truetype/noto/NotoColorEmoji.ttf ] || missing+=(fonts-noto-color-emoji)
has_library() { ldconfig -p 2>/dev/null | grep -q "$1"; }
has_library 'libpango-1\.0\.so\.0' || missing+=(libpango-1.0-0)
has_library 'libpangoft2-1\.0\.so\.0' || missing+=(libpangoft2-1.0-0)
has_library 'libharfbuzz-subset\.so\.0' || missing+=(libharfbuzz-subset0)
[ ${#missing[@]} -eq 0 ] && exit 0

if [ "$(id -u)" = "0" ] && command -v apt-get >/dev/null 2>&1; then
  echo "Installing Debian packages ${missing[*]}…"
  (apt-get update -qq && DEBIAN_FRONTEND=noninteractive apt-get install -y -qq "${missing[@]}" \
    >/dev/null) || echo "Could not install ${missing[*]}; PDF reports will fail, lack Japanese" \
      "text or be slow to lay out."
  command -v fc-cache >/dev/null 2>&1 && fc-cache -f >/dev/null 2>&1
else
  echo "Missing Debian packages ${missing[*]} (apt-get install ${missing[*]}):" \
    "PDF reports will fail, lack Japanese text or be slow to lay out."
fi
exit 0
