"""Report profiles: which sections a report holds, as a list of section ids.

A profile is not a second report engine: every section comes from the same hook
(`ccassess_report_sections`), a profile only picks and orders them. `full` is every section
except the board's condensed ones (its own pages say the same at length); `board` is the
short report a consultant presents to a board (6–8 pages). A section a profile names that a
report does not have (no customers: no perception gap) is simply absent.
"""

from __future__ import annotations

from ccassess.catalogs import _
from ccassess.errors import CcassessError
from ccassess.report.section import ReportSection

#: Sections only the board profile shows: the full report has them at length elsewhere.
BOARD_ONLY = frozenset({"board-summary", "ranking", "initiatives", "next-steps-suggested"})

PROFILES: dict[str, tuple[str, ...] | None] = {
    "full": None,
    "board": (
        "cover",
        "board-summary",
        "ranking",
        "perception-gap",
        "silo",
        "initiatives",
        "next-steps",
        "next-steps-suggested",
        "response-rates",
    ),
}


def apply_profile(
    collected: list[tuple[ReportSection, str]], profile: str
) -> list[tuple[ReportSection, str]]:
    """The (section, plugin) pairs a profile keeps, in report order: by `order` for the full
    report, in the profile's order for a named list. A part of another section (`within`)
    stays with the section it belongs to."""
    if profile not in PROFILES:
        raise CcassessError(
            _("unknown report profile {profile}; profiles: {profiles}").format(
                profile=repr(profile), profiles=", ".join(PROFILES)
            )
        )
    chosen = PROFILES[profile]
    if chosen is None:
        kept = [pair for pair in collected if (pair[0].within or pair[0].id) not in BOARD_ONLY]
        return sorted(kept, key=lambda pair: pair[0].order)
    rank = {section_id: index for index, section_id in enumerate(chosen)}
    kept = [pair for pair in collected if (pair[0].within or pair[0].id) in rank]
    return sorted(kept, key=lambda pair: (rank[pair[0].within or pair[0].id], pair[0].order))
