"""The core's own contributions, registered through the same hooks as any plugin."""

from __future__ import annotations

from typing import TYPE_CHECKING

from ccassess.markers import hookimpl
from ccassess.questions.builtin import CORE_TYPES
from ccassess.questions.types import QuestionType

if TYPE_CHECKING:
    from ccassess.importers.base import Importer


@hookimpl
def ccassess_question_types() -> list[QuestionType]:
    return [qtype() for qtype in CORE_TYPES]


@hookimpl
def ccassess_importers() -> list[Importer]:
    return core_importers()


def core_importers() -> list[Importer]:
    """The core's importers: response files, answer workbooks, CSV sheets and tables."""
    # late import: start-up time. Every command registers this plugin, few import files, and
    # the readers pull in the YAML parser and the validator (docs/performance.md).
    from ccassess.importers.csv_sheet import CsvImporter
    from ccassess.importers.response_files import StructuredImporter
    from ccassess.importers.xlsx_sheet import XlsxImporter

    return [StructuredImporter(), XlsxImporter(), CsvImporter()]
