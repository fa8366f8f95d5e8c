from consult.reports.renderers.charts import Bar, bar_chart_svg, chart_alt, cjk_font_available


def test_bar_chart_is_deterministic_svg_with_suppressed_bars_marked():
    bars = [Bar("賛成", 120, 0.6), Bar("反対", 77, 0.385), Bar("わからない", None)]
    svg = bar_chart_svg(bars, threshold=5)
    assert svg.startswith(b"<?xml")
    assert svg == bar_chart_svg(bars, threshold=5)
    text = svg.decode()
    assert "&lt;5" in text
    assert "120 (60.0%)" in text
    assert "賛成" in text
    assert chart_alt(bars, threshold=5) == "賛成: 120; 反対: 77; わからない: <5"


def test_japanese_font_is_installed_for_charts():
    assert cjk_font_available(), "install Debian fonts-noto-cjk (scripts/ensure-fonts.sh)"
