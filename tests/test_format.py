"""Numbers for people (a real minus sign, '%' spaced per language, no exponents) and for
machines (plain ASCII: the result file and exports never go through the people's forms)."""

from __future__ import annotations

import json
from collections.abc import Callable
from pathlib import Path

from click.testing import Result

from ccassess.format import amount, number, percent, percent_spacing, plain, with_unit


def test_negative_numbers_carry_a_real_minus_sign() -> None:
    assert number(-18, "de") == "\u221218"
    assert number(-0.59, "en", 2) == "\u22120.59"
    assert number(-1234.5, "de", 1) == "\u22121.234,5"
    assert number(-0.4, "de") == "0"  # shown as zero, so no sign
    assert number(None, "de") == "–"


def test_percent_is_spaced_as_each_language_does() -> None:
    assert percent(0.49, "de") == "49\u00a0%"
    assert percent(0.49, "en") == "49%"
    assert (
        with_unit("49", "%", "en") == "49%"
        and with_unit("29.700", "EUR", "de") == "29.700\u00a0EUR"
    )
    assert percent_spacing("95 % interval, 12 % and 3%", "en") == "95% interval, 12% and 3%"
    assert percent_spacing("49 % und 3%, 95-%-Intervall", "de") == (
        "49\u00a0% und 3\u00a0%, 95-%-Intervall"
    )


def test_bounds_are_written_plainly() -> None:
    assert plain(10_000_000) == "10000000" and plain(1e-7) == "0.0000001" and plain(2.5) == "2.5"
    assert amount(10_000_000, "de") == "10\u00a0000\u00a0000"
    assert amount(12345.25, "de") == "12\u00a0345,25" and amount(5400, "en") == "5400"
    assert amount(-5, "en") == "\u22125"


def test_machine_output_keeps_ascii_minus(run: Callable[..., Result], tmp_path: Path) -> None:
    """The scored result is data: a negative NPS is the JSON number -31, not text."""
    path = tmp_path / "demo.json"
    result = run("demo", "--format", "json", "-o", path)
    assert result.exit_code == 0, result.output
    data = json.loads(path.read_text("utf-8"))
    nps = next(o for o in data["outcomes"] if o["id"] == "nps")
    assert isinstance(nps["value"], int | float) and nps["value"] < 0  # the demo's NPS
    assert all(isinstance(nps[key], int | float) for key in ("low", "high"))


def test_halves_round_away_from_zero_as_in_office():
    """A report and a slide deck round alike: 62.5 is 63 (Python's own formatting would say
    62, PowerPoint's label 63), and a value is never rounded twice."""
    assert number(62.5, "en") == "63" and number(-2.5, "en") == "\u22123"
    assert number(33.46, "de") == "33" and number(2.675, "en", 2) == "2.68"
    assert percent(0.625, "de") == "63\u00a0%"
