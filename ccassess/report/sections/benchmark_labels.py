"""UI strings of the benchmark section and bands, German and English."""

from __future__ import annotations

from ccassess.text import Text

_PAIRS = {
    "benchmark": ("Im Vergleich mit anderen Kunden", "Compared with other clients"),
    "intro": (
        "Wo dieses Unternehmen unter {clients} anderen Kunden der Beratung steht: die Werte "
        "der Kunden als Verteilung, dieses Unternehmen darin als Viertel. Die Vergleichsdatei "
        "enthält keine Namen und keine Antworten.",
        "Where this company stands among {clients} of the consultancy's clients: their "
        "scores as a distribution, this company's place in it as a quarter. The norm file "
        "holds no names and no answers.",
    ),
    "overall": ("Reifegrad der Praxis", "Practice maturity"),
    "customers": ("Sicht der Kunden", "Customers' view"),
    "gap": ("Wahrnehmungslücke", "Perception gap"),
    "metric": ("Kennzahl", "Metric"),
    "this_client": ("Dieses Unternehmen", "This company"),
    "median": ("Median der Kunden", "Clients' median"),
    "band": ("Einordnung", "Position"),
    "clients": ("Kunden", "Clients"),
    "modules": ("Module", "Modules"),
    "dimensions": ("Dimensionen", "Dimensions"),
    "band_bottom_quarter": ("unteres Viertel", "bottom quarter"),
    "band_lower_middle": ("unter dem Median", "below the median"),
    "band_upper_middle": ("über dem Median", "above the median"),
    "band_top_quarter": ("oberes Viertel", "top quarter"),
    "note": (
        "Viertel nach dem Anteil der Kunden mit einem niedrigeren Wert (bei der Lücke: mit "
        "einer größeren Lücke); gleiche Werte zählen halb. Eine Dimension erscheint nur, "
        "wenn mindestens fünf Kunden sie bewertet haben.",
        "Quarters by the share of clients with a lower score (for the gap: with a larger "
        "gap); ties count half. A dimension appears only when at least five clients have it.",
    ),
}

LABELS: dict[str, Text] = {key: Text(de, en) for key, (de, en) in _PAIRS.items()}
