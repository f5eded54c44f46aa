"""The scored result: plain, versioned data that serialises to JSON losslessly.

A report can be rebuilt from an AssessmentResult alone, so it carries every text and number
the report shows (titles, level descriptions, recommendations, weights, thresholds).
"""

from __future__ import annotations

from collections.abc import Mapping
from dataclasses import dataclass, field
from typing import Any

from ccassess.model.benchmark import BenchmarkPositions
from ccassess.model.comments import CommentGroup
from ccassess.model.drivers import DriverAnalysis
from ccassess.model.narrative import Narrative
from ccassess.text import Text

#: Bumped whenever the scoring method changes what a number means.
METHOD_VERSION = "2.2"
#: Bumped whenever the JSON layout of the result changes.
RESULT_FORMAT = 3


@dataclass
class Stats:
    """Distribution of scores (0–100) across respondents."""

    n: int = 0
    mean: float | None = None
    median: float | None = None
    sd: float | None = None
    #: Agreement within this group of respondents: single-item r_wg against a uniform null
    #: (0 = as spread as random answers, 1 = identical answers), for questions answered on a
    #: scale of points; None otherwise (read `sd` then) and below two answers.
    rwg: float | None = None
    #: The reading band of `rwg`: none, weak, moderate, strong, very strong.
    rwg_band: str | None = None


@dataclass
class Coverage:
    """How many answers were possible, given, and "don't know"."""

    asked: int = 0
    answered: int = 0
    dont_know: int = 0

    @property
    def share(self) -> float | None:
        return self.answered / self.asked if self.asked else None


@dataclass
class PerspectiveScore:
    """One perspective's score (staff: "internal", customers: "customer") and its level.

    `level` is classified on the score as displayed (rounded to a whole number); `low` and
    `high` are a 95 % interval for the score (the spread of that perspective's own
    respondent scores, t interval, centred on the score); None below two respondents.
    """

    score: float | None = None
    level: int | None = None
    n: int = 0
    low: float | None = None
    high: float | None = None


@dataclass
class Mirror:
    """Staff vs customers on the mirrored questions only (the same items for both),
    gap = internal − customer, with Welch's 95 % interval for the gap (None below two
    respondents on a side) and the respondents behind each side."""

    internal: float
    customer: float
    gap: float
    low: float | None = None
    high: float | None = None
    n_internal: int = 0
    n_customer: int = 0


@dataclass
class Agreement:
    """Agreement among one perspective's respondents on a dimension (never pooled).

    `rwg` is r_wg(J) against a uniform null over the dimension's questions answered on a
    scale of points (`items` of them); where a dimension has none, `rwg` is None and `sd`
    (the standard deviation of the respondents' own dimension scores, 0–100) is the spread
    to read. `disputed`: at least three respondents and r_wg below the disputed band (or,
    without r_wg, an SD at or above the disputed spread).
    """

    n: int = 0
    rwg: float | None = None
    band: str | None = None
    items: int = 0
    sd: float | None = None
    disputed: bool = False


@dataclass
class Reliability:
    """Cronbach's alpha of a dimension's questions within one perspective: `n` respondents
    answered all `items` questions asked of that perspective; `alpha` is None below the
    minimum n or with fewer than two questions."""

    alpha: float | None = None
    n: int = 0
    items: int = 0


@dataclass
class LevelInfo:
    level: int
    minimum: float
    name: Text
    description: Text


@dataclass
class QuestionResult:
    id: str
    type: str
    text: Text
    perspective: str
    weight: float
    reverse: bool
    source: str
    scored: bool
    text_customer: Text | None = None
    #: An open question (free text): its answers are only counted (`coverage.answered`);
    #: their wording stays in the answers appendix.
    free_text: bool = False
    #: The staff's mean (None for a question only customers answer); each perspective's
    #: figures are in `by_perspective`.
    score: float | None = None
    #: The staff's distribution (the customers' for a question only customers answer).
    stats: Stats = field(default_factory=Stats)
    coverage: Coverage = field(default_factory=Coverage)
    by_perspective: dict[str, Stats] = field(default_factory=dict)
    mirror: Mirror | None = None


@dataclass
class DimensionResult:
    id: str
    title: Text
    weight: float
    #: Practice maturity: the staff's score (None when only customers were asked).
    score: float | None = None
    level: int | None = None
    coverage: Coverage = field(default_factory=Coverage)
    #: Spread of the staff's own dimension scores (the customers' for a dimension only
    #: customers answer); each perspective's agreement is in `agreement`.
    stats: Stats = field(default_factory=Stats)
    #: Agreement within each perspective that answered (r_wg(J), or SD without a scale).
    agreement: dict[str, Agreement] = field(default_factory=dict)
    #: True when respondents of one perspective disagree (`agreement[p].disputed`).
    disagreement: bool = False
    #: Cronbach's alpha within each perspective that answered (never pooled).
    reliability: dict[str, Reliability] = field(default_factory=dict)
    #: True when a perspective's alpha is below the consistency bound (read single items).
    inconsistent: bool = False
    by_perspective: dict[str, PerspectiveScore] = field(default_factory=dict)
    mirror: Mirror | None = None
    level_description: Text | None = None
    #: Set when a plugin's analysis replaced the engine's score.
    score_source: str | None = None
    questions: list[QuestionResult] = field(default_factory=list)


#: What a finding or a recommendation rests on. Customer evidence (the customers' own
#: scores, an outcome KPI, a perception gap on mirrored questions) ranks before the staff's
#: self-ratings; see docs/concepts/scoring.md, "Findings and the action plan".
EVIDENCE_KINDS = ("customer", "kpi", "mirror", "self_rated")
CUSTOMER_EVIDENCE = frozenset({"customer", "kpi", "mirror"})


#: A finding's severity, most severe last.
SEVERITIES = ("info", "warning", "critical")
#: A recommendation's priority label, from its priority (0–100): "high" from 50, "medium"
#: from 30, "low" below.
PRIORITY_LABELS = ("high", "medium", "low")
#: The priority scale: every recommendation's priority is a number from 0 to 100.
PRIORITY_MIN, PRIORITY_MAX = 0.0, 100.0
#: Maturity levels run from 1 to 5.
LEVEL_RANGE = range(1, 6)


@dataclass(frozen=True)
class Analysis:
    """What a plugin's `ccassess_module_analysis` returns (plugin API 1.2; the dict with the
    same keys that API 1.0 documented is still accepted and converted).

    `data` is JSON-serialisable and stored in ``ModuleResult.analysis[key]`` (`key`: the
    plugin's name by default); `dimension_scores` (dimension id → 0..100, or None) replaces
    the engine's practice scores of those dimensions.
    """

    data: Any = None
    key: str | None = None
    dimension_scores: Mapping[str, float | None] = field(default_factory=dict)


@dataclass
class Finding:
    id: str
    severity: str
    text: Text
    module: str = ""
    dimension: str | None = None
    origin: str = "rule"
    #: "customer", "kpi", "mirror" or "self_rated" (the default for plugin findings).
    evidence: str = "self_rated"
    #: The respondents the finding rests on (for a gap, the smaller side); None if unknown.
    n: int | None = None
    #: Set by the core when `n` is below the assessment's anonymity threshold.
    small_sample: bool = False


@dataclass
class Recommendation:
    text: Text
    module: str = ""
    dimension: str | None = None
    current_level: int | None = None
    target_level: int | None = None
    #: 0–100, set by the core for every recommendation (module's and plugins'):
    #: weight share × evidence factor × (100 − the dimension's score as displayed);
    #: see docs/concepts/scoring.md. Higher first in the action plan.
    priority: float = 0.0
    priority_label: str = "medium"
    origin: str = "module"
    #: The initiative (a group of recommendations in the action plan) this belongs to;
    #: None means the module's own initiative. The core fills in the key it used.
    initiative: str | None = None
    #: "customer" when customers confirm the need (see Finding.evidence), else "self_rated".
    evidence: str = "self_rated"


@dataclass
class Initiative:
    """A group of recommendations in the action plan, ordered by its highest priority."""

    id: str
    title: Text
    why: Text
    priority: float = 0.0
    priority_label: str = "medium"
    #: Modules whose recommendations it holds, in report order.
    modules: list[str] = field(default_factory=list)
    #: How many recommendations it holds.
    recommendations: int = 0


@dataclass
class ModuleResult:
    id: str
    version: str
    title: Text
    weight: float
    description: Text | None = None
    #: Practice maturity: the weighted mean of the dimensions' staff scores.
    score: float | None = None
    level: int | None = None
    coverage: Coverage = field(default_factory=Coverage)
    respondents: int = 0
    by_perspective: dict[str, PerspectiveScore] = field(default_factory=dict)
    mirror: Mirror | None = None
    dimensions: list[DimensionResult] = field(default_factory=list)
    findings: list[Finding] = field(default_factory=list)
    recommendations: list[Recommendation] = field(default_factory=list)
    analysis: dict[str, Any] = field(default_factory=dict)
    levels: list[LevelInfo] = field(default_factory=list)
    formulas: dict[str, Text] = field(default_factory=dict)
    plugin: str | None = None

    def dimension(self, dimension_id: str) -> DimensionResult | None:
        return next((d for d in self.dimensions if d.id == dimension_id), None)


@dataclass
class DepartmentGroup:
    name: str
    n: int
    score: float | None
    level: int | None
    modules: dict[str, float | None] = field(default_factory=dict)
    #: True for the merged "other" group.
    merged: bool = False
    #: The spread within the group: sample SD of its members' own overall scores (0–100).
    sd: float | None = None
    #: Staff invited in the group's departments (settings `invited`); None when not given
    #: for every one of them.
    invited: int | None = None
    #: The departments it holds (for "other": the merged ones).
    departments: list[str] = field(default_factory=list)


@dataclass
class DepartmentBreakdown:
    threshold: int
    groups: list[DepartmentGroup] = field(default_factory=list)
    #: How many departments were too small to show and went into "other" (or were left out).
    merged_departments: int = 0
    #: Respondents not shown in any group because even merged they stayed below the threshold.
    left_out: int = 0
    #: Staff invited in all departments (settings `invited`; None: not given) and the
    #: internal respondents who answered, for the overall response rate.
    invited: int | None = None
    answered: int = 0
    #: The departments merged into "other" because they have fewer respondents than the
    #: threshold, and those merged although large enough, so that the small ones cannot be
    #: recovered by subtracting the shown groups from the total.
    merged_small: list[str] = field(default_factory=list)
    merged_to_protect: list[str] = field(default_factory=list)
    #: Internal respondents who gave no department (counted in "other").
    without_department: int = 0


@dataclass
class Withholding:
    """Figures withheld because they differ from an earlier shared report of the same round
    by fewer respondents than the anonymity threshold (subtracting the two would expose
    them; docs/security.md, "Differencing")."""

    #: "perspective" (name: internal or customer) or "department" (name: the department).
    kind: str
    name: str
    #: The module whose figures are withheld; None: the overall score.
    module: str | None
    #: By how many respondents the group differs from the earlier report.
    changed: int
    #: The day that report was rendered.
    earlier: str


@dataclass
class PrivacyNotes:
    """What the anonymity rules did to this result, for the report's notes."""

    threshold: int = 5
    #: Free text (activity names, open answers) is shown only when at least this many
    #: respondents gave it.
    free_text_threshold: int = 10
    withheld: list[Withholding] = field(default_factory=list)
    #: Differences the consultant chose to show anyway (`--accept-differencing-risk`).
    accepted: list[Withholding] = field(default_factory=list)


@dataclass
class AssessmentInfo:
    client: str = ""
    title: str = ""
    date: str | None = None
    prepared_by: str = ""
    language: str = "de"
    departments: list[str] = field(default_factory=list)
    anonymity_threshold: int = 5
    logo: str | None = None


@dataclass
class RespondentCounts:
    internal: int = 0
    customer: int = 0

    @property
    def total(self) -> int:
        return self.internal + self.customer


@dataclass
class AnswerRecord:
    """One respondent's answers for the optional appendix: pseudonym only, never a name."""

    respondent: str
    perspective: str
    department: str | None
    #: module id → question id → the answer as a reader sees it, in both languages
    answers: dict[str, dict[str, Text]]


@dataclass
class TrendPoint:
    """An earlier round's scores (for the trend): overall, per module, per module's dimension."""

    round: str
    date: str | None = None
    score: float | None = None
    level: int | None = None
    respondents: int = 0
    modules: dict[str, float | None] = field(default_factory=dict)
    #: module id → dimension id → score
    dimensions: dict[str, dict[str, float | None]] = field(default_factory=dict)
    #: The staff's 95 % interval for the overall score and each module's (None: fewer than
    #: two respondents), so that a change can be told from noise.
    low: float | None = None
    high: float | None = None
    module_low: dict[str, float | None] = field(default_factory=dict)
    module_high: dict[str, float | None] = field(default_factory=dict)
    #: The perception gap on the mirrored questions then, with its 95 % interval.
    gap: float | None = None
    gap_low: float | None = None
    gap_high: float | None = None


@dataclass
class Outcome:
    """An outcome KPI (e.g. NPS, CSAT, churn) as a figure against its anchors.

    Never part of the maturity score. `level` is the band the value falls in by the
    anchors (`thresholds`: the values where levels 2, 3, 4 and 5 begin); `low`/`high` a 95 %
    interval where the figure rests on a sample (None for company counts and where the
    inputs do not allow one).
    """

    id: str
    label: Text
    value: float | None
    unit: str = ""
    n: int | None = None
    low: float | None = None
    high: float | None = None
    level: int | None = None
    thresholds: list[float] | None = None
    higher_is_better: bool = True
    #: "customer_ratings" or "internal_figures"
    source: str | None = None
    module: str = ""
    #: Decimals to show, and whether a positive value carries its sign (a net score: +12).
    digits: int = 0
    signed: bool = False


@dataclass
class QuestionTypeInfo:
    """A question type as the report's method names it: what readers call it and how its
    answers score (None: as its module describes)."""

    label: Text
    scoring: Text | None = None


@dataclass
class SkippedPlugin:
    """A plugin left out because it failed (``--skip-broken-plugins``): with it went its
    modules, findings, recommendations and report sections."""

    plugin: str
    reason: str
    #: The modules it had registered (left out of this result).
    modules: list[str] = field(default_factory=list)


@dataclass
class ImportanceRow:
    """One dimension in the importance × performance view: how important customers say it
    is and how they rate it, both 0–100, with the quadrant it falls in."""

    module: str
    dimension: str
    title: Text
    module_title: Text
    #: The customers' mean importance rating, 0–100, with n and a 95 % interval.
    importance: float | None = None
    importance_n: int = 0
    importance_low: float | None = None
    importance_high: float | None = None
    #: The customers' view of the dimension (its customers' score), 0–100.
    performance: float | None = None
    performance_n: int = 0
    #: "concentrate" (more important than the others, rated below the midpoint), "keep_up"
    #: (more important, rated at or above it), "low_priority" (less important, rated below),
    #: "possible_overkill" (less important, rated at or above); None without both figures.
    quadrant: str | None = None
    #: Rests on fewer customers than the anonymity threshold: the importance is withheld.
    small: bool = False


@dataclass
class ImportanceView:
    """Importance × performance (Martilla & James 1977) over the dimensions customers rated
    for importance: importance is split at the mean of the rows shown (a relative priority:
    customers call most things important), performance at the scale's midpoint (rated well
    or not)."""

    rows: list[ImportanceRow]
    importance_mean: float | None = None
    performance_midpoint: float = 50.0


@dataclass
class AssessmentResult:
    info: AssessmentInfo
    respondents: RespondentCounts
    modules: list[ModuleResult]
    #: Practice maturity overall: the weighted mean of the modules' staff scores.
    score: float | None = None
    level: int | None = None
    coverage: Coverage = field(default_factory=Coverage)
    by_perspective: dict[str, PerspectiveScore] = field(default_factory=dict)
    mirror: Mirror | None = None
    levels: list[LevelInfo] = field(default_factory=list)
    departments: DepartmentBreakdown | None = None
    answers: list[AnswerRecord] | None = None
    #: Earlier rounds of the same assessment, oldest first (None when there are none).
    trend: list[TrendPoint] | None = None
    #: Outcome KPIs, reported beside (never inside) maturity and the customers' view.
    outcomes: list[Outcome] = field(default_factory=list)
    #: The action plan's initiatives, highest priority first; each recommendation names its
    #: initiative in `Recommendation.initiative`.
    initiatives: list[Initiative] = field(default_factory=list)
    #: The question types the modules use, by type name: how the report names them.
    question_types: dict[str, QuestionTypeInfo] = field(default_factory=dict)
    #: Plugins left out because they failed (--skip-broken-plugins): the result is incomplete.
    skipped_plugins: list[SkippedPlugin] = field(default_factory=list)
    privacy: PrivacyNotes = field(default_factory=PrivacyNotes)
    #: Importance × performance, where customers rated how important dimensions are.
    importance: ImportanceView | None = None
    #: The consultant's narrative from the workspace's `narrative.md` (None: there is none).
    narrative: Narrative | None = None
    #: Importance × performance of the dimensions in the customers' eyes (None: too few
    #: customers, or no overall rating to derive importance from).
    drivers: DriverAnalysis | None = None
    #: Where this client stands among the consultancy's other clients (`report --benchmark`;
    #: None without a norm file).
    benchmark: BenchmarkPositions | None = None
    #: Open-text comments by question and perspective, only above the free-text threshold,
    #: scrubbed of e-mail addresses, phone numbers and respondents' names.
    comments: list[CommentGroup] = field(default_factory=list)
    method_version: str = METHOD_VERSION
    format: int = RESULT_FORMAT
    ccassess_version: str = ""

    def module(self, module_id: str) -> ModuleResult | None:
        return next((m for m in self.modules if m.id == module_id), None)
