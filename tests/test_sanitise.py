"""The fallback page's last line of defence keeps the report's own markup (charts with a
phone drawing, table regions) and drops anything that could run or fetch elsewhere."""

from __future__ import annotations

import re

import pandas as pd
from matplotlib.figure import Figure

from wres_analysis.display.charts.base import Chart, new_axes, responsive
from wres_analysis.display.charts.markup import figure_html
from wres_analysis.display.html_table import table_html
from wres_analysis.display.sanitise import clean_fragment

PNG = "data:image/png;base64,iVBORw0KGgo="


@responsive
def small_chart() -> Chart:
    with new_axes(2) as (figure, ax):
        ax.bar([0, 1], [1, 2])
    return Chart(figure, 'Two bars: "a" 1 & <b> 2.', "Two bars")


@responsive
def bare_chart() -> Chart:
    figure = Figure(figsize=(4, 2))  # made without new_axes: no Agg canvas of its own
    figure.add_subplot().set_xlabel("a long axis label " * 4)
    return Chart(figure, "A bare figure.", "Bare")


def test_a_chart_figure_survives_cleaning_whole() -> None:
    shown = figure_html(small_chart())
    cleaned = clean_fragment(shown)
    for part in (
        '<figure class="chart"><picture><source',
        'media="(max-width: 40em)"',
        'srcset="data:image/png;base64,',
        'alt="Two bars: &quot;a&quot; 1 &amp; &lt;b&gt; 2."',
        "data-min-text-px=",
        "<figcaption>Two bars</figcaption>",
    ):
        assert part in cleaned, part
    assert len(re.findall(r"data:image/png;base64,", cleaned)) == 2  # wide and phone
    assert bare_chart().phone_png()  # a figure made elsewhere still gets its phone drawing


def test_sources_and_images_offer_nothing_but_png_data() -> None:
    hostile = (
        '<picture><source srcset="javascript:alert(1)"><source srcset="https://x.test/a.png">'
        '<source srcset="data:text/html;base64,PHNjcmlwdD4="><source srcset="' + PNG + '">'
        '<img src="data:image/svg+xml;base64,PHN2Zz4=" alt="svg" onerror="alert(2)">'
        "</picture>"
    )
    cleaned = clean_fragment(hostile)
    assert cleaned.count("srcset=") == 1 and f'srcset="{PNG}"' in cleaned
    assert "javascript" not in cleaned and "x.test" not in cleaned and "text/html" not in cleaned
    assert "svg+xml" not in cleaned and "onerror" not in cleaned
    assert 'alt="svg"' in cleaned  # the image's text stays


def test_a_table_region_keeps_its_roles_labels_and_headers() -> None:
    table = pd.DataFrame({"Group": ["White"], "Staff": ["3"]})
    shown = table_html(table, "Staff by group", ident="t-1")
    assert clean_fragment(shown) == shown
