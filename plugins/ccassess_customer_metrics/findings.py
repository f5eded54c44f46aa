"""Findings from the computed metrics. Pure."""

from __future__ import annotations

from typing import Any

from ccassess import Finding, Text

#: Churn above this (per cent) is a warning.
CHURN_WARNING = 20.0
#: CSAT below this (per cent) is a warning.
CSAT_WARNING = 50.0
#: CES below this (scale midpoint 4 of 1–7): more customers find it hard than easy.
CES_WARNING = 4.0
#: Staff figures that differ from the customers' own ratings by this much (points) are a gap.
NPS_GAP = 20.0
CSAT_GAP = 15.0


def _de(number: float, digits: int = 0) -> str:
    return f"{number:.{digits}f}".replace(".", ",").replace("-", "−")


def _en(number: float, digits: int = 0) -> str:
    return f"{number:.{digits}f}".replace("-", "−")


def _signed(number: float, lang: str) -> str:
    text = _de(number) if lang == "de" else _en(number)
    return f"+{text}" if round(number) > 0 else text


def _evidence(entry: dict[str, Any], digits: int = 0) -> tuple[str, str]:
    """ "; 95-%-Intervall a bis b, n = …" and a small-sample caveat, German and English (to go
    inside the parentheses after the figure); empty without an interval."""
    interval, n = entry.get("interval"), entry.get("n")
    if not interval or not n:
        return "", ""
    low, high = interval
    de = f"; 95-%-Intervall {_de(low, digits)} bis {_de(high, digits)}, n = {n}"
    en = f"; 95% interval {_en(low, digits)} to {_en(high, digits)}, n = {n}"
    caveat = entry.get("small_sample") or {}
    if caveat.get("reason") == "anonymity_threshold":
        de += f"; Vorsicht: weniger Antworten als die Anonymitätsschwelle ({caveat['minimum']})"
        en += f"; caution: fewer answers than the anonymity threshold ({caveat['minimum']})"
    elif caveat.get("reason") == "minimum_sample":
        de += f"; Vorsicht: weniger als {caveat['minimum']} Antworten"
        en += f"; caution: fewer than {caveat['minimum']} answers"
    return de, en


def metric_findings(data: dict[str, Any], respondents: int) -> list[Finding]:
    metrics = data["metrics"]
    findings = []
    nps, csat, ces = metrics["nps"], metrics["csat"], metrics["ces"]
    churn = metrics["churn"]
    if nps["value"] is not None and nps["value"] < 0:
        nps_de, nps_en = _evidence(nps)
        findings.append(
            Finding(
                "nps_negative",
                "critical",
                Text(
                    f"Der NPS ist negativ ({_signed(nps['value'], 'de')}{nps_de}): Es gibt mehr "
                    "Kritiker als Promotoren. Kritiker empfehlen aktiv ab und wandern eher ab; "
                    "jeder von ihnen sollte persönlich nachgefasst werden.",
                    f"The NPS is negative ({_signed(nps['value'], 'en')}{nps_en}): there are more "
                    "detractors than promoters. Detractors actively advise against you and are "
                    "likelier to leave; each of them deserves a personal follow-up.",
                ),
                dimension="loyalty",
                evidence="kpi",
                n=nps.get("n"),
            )
        )
    if churn["value"] is not None and churn["value"] > CHURN_WARNING:
        findings.append(
            Finding(
                "churn_high",
                "warning",
                Text(
                    f"Die Abwanderungsrate liegt bei {_de(churn['value'], 1)} %: Mehr als jeder "
                    "fünfte Kunde geht im Zeitraum verloren. Bindung ist meist günstiger als "
                    "Neugewinnung – Kündigungsgründe erfragen und Frühwarnsignale einrichten.",
                    f"The churn rate is {_en(churn['value'], 1)}%: more than one customer in five "
                    "is lost in the period. Keeping customers is usually cheaper than winning new "
                    "ones – ask for cancellation reasons and set up early-warning signals.",
                ),
                dimension="retention",
                # a company figure over the whole customer base, not a sample
                evidence="kpi",
            )
        )
    if csat["value"] is not None and csat["value"] < CSAT_WARNING:
        csat_de, csat_en = _evidence(csat)
        findings.append(
            Finding(
                "csat_low",
                "warning",
                Text(
                    f"Nur {_de(csat['value'])} % der Antworten sind zufrieden oder sehr zufrieden "
                    f"(CSAT{csat_de}). Die Hälfte der Kunden oder mehr ist es nicht.",
                    f"Only {_en(csat['value'])}% of answers are satisfied or very satisfied "
                    f"(CSAT{csat_en}). Half of the customers or more are not.",
                ),
                dimension="satisfaction",
                evidence="kpi",
                n=csat.get("n"),
            )
        )
    if ces["value"] is not None and ces["value"] < CES_WARNING:
        ces_de, ces_en = (f" ({text[2:]})" if text else "" for text in _evidence(ces, 1))
        findings.append(
            Finding(
                "ces_low",
                "warning",
                Text(
                    f"Der Customer Effort Score liegt bei {_de(ces['value'], 1)} von 7{ces_de}: "
                    "Kunden erleben es eher als mühsam, ihr Anliegen zu erledigen.",
                    f"The customer effort score is {_en(ces['value'], 1)} out of 7{ces_en}: "
                    "customers find it more of an effort than it should be to get their "
                    "requests handled.",
                ),
                dimension="effort",
                evidence="kpi",
                n=ces.get("n"),
            )
        )
    findings.extend(_self_image_gaps(metrics))
    if respondents and all(metrics[m]["value"] is None for m in metrics):
        findings.append(
            Finding(
                "no_metrics",
                "info",
                Text(
                    "Keine Kundenkennzahl ließ sich berechnen: Es fehlen sowohl "
                    "Kundenbewertungen als auch Zahlen aus eigenen Umfragen und dem CRM. Ohne "
                    "sie bleibt der Reifegrad eine Selbsteinschätzung.",
                    "No customer metric could be computed: there are neither customer ratings nor "
                    "figures from your own surveys and CRM. Without them the maturity level stays "
                    "a self-assessment.",
                ),
            )
        )
    return findings


def _self_image_gaps(metrics: dict[str, Any]) -> list[Finding]:
    findings = []
    for metric, bound, dimension in (
        ("nps", NPS_GAP, "loyalty"),
        ("csat", CSAT_GAP, "satisfaction"),
    ):
        entry = metrics[metric]
        internal, customers = entry.get("internal_figure"), entry["value"]
        if internal is None or customers is None or internal - customers < bound:
            continue
        name = "NPS" if metric == "nps" else "CSAT"
        unit = "" if metric == "nps" else " %"
        article = "an" if metric == "nps" else "a"
        findings.append(
            Finding(
                f"{metric}_self_image_gap",
                "warning",
                Text(
                    f"Die intern gemeldeten Zahlen ergeben einen {name} von "
                    f"{_de(internal)}{unit}, die Antworten der Kunden selbst nur {_de(customers)}"
                    f"{unit}. Das Selbstbild ist deutlich besser als das Urteil der Kunden.",
                    f"The figures reported internally give {article} {name} of "
                    f"{_en(internal)}{unit}; the customers' own answers give only "
                    f"{_en(customers)}{unit}. The self-image is clearly better than the customers' "
                    "verdict.",
                ),
                dimension=dimension,
                evidence="kpi",
                n=entry.get("n"),
            )
        )
    return findings
