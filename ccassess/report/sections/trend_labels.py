"""UI strings the trend section adds (changes with intervals, what moved), German and
English; kept beside the section (``ReportSection.labels``)."""

from __future__ import annotations

from ccassess.text import Text

_PAIRS = {
    "change_interval": ("95-%-Intervall", "95% interval"),
    "beyond_noise": ("über dem Rauschen", "beyond noise"),
    "within_noise": ("im Rauschen", "within noise"),
    "trend_chart": (
        "Entwicklung je Modul und der Wahrnehmungslücke; ein gefüllter letzter Punkt heißt: "
        "Veränderung über dem Rauschen",
        "Trend per module and of the perception gap; a filled last point means the change "
        "is beyond noise",
    ),
    "moved": ("Was sich bewegt hat", "What moved"),
    "moved_up": (
        "{label}: {change} (95\u00a0%: {low} bis {high})",
        "{label}: {change} (95%: {low} to {high})",
    ),
    "nothing_moved": (
        "Keine Veränderung gegenüber der vorigen Runde ist größer als das statistische Rauschen.",
        "No change against the previous round is larger than the statistical noise.",
    ),
    "noise_note": (
        "Veränderung = diese Runde − vorige Runde (Selbstbild; bei der Lücke intern − Kunden). "
        "Das Intervall kombiniert die 95-%-Intervalle beider Runden; liegt es ganz über oder "
        "unter 0, ist die Veränderung über dem Rauschen.",
        "Change = this round − the previous one (self-image; for the gap internal − "
        "customers). The interval combines both rounds' 95% intervals; when it lies wholly "
        "above or below 0, the change is beyond noise.",
    ),
}

LABELS: dict[str, Text] = {key: Text(de, en) for key, (de, en) in _PAIRS.items()}
