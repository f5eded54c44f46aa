"""What an assessment is about: the client, its departments, language and privacy rules."""

from __future__ import annotations

from datetime import date

from ccassess.records import FrozenRecord, record, set_field


@record
class AssessmentSettings(FrozenRecord):
    """What an assessment is about: the client, its departments, language and privacy rules."""

    client: str = ""
    title: str = ""
    date: date | None = None
    prepared_by: str = ""
    language: str = "de"
    departments: tuple[str, ...] = ()
    anonymity_threshold: int = 5
    modules: tuple[str, ...] | None = None
    theme: str | None = None
    logo: str | None = None

    def __init__(
        self,
        client: str = "",
        title: str = "",
        date: date | None = None,
        prepared_by: str = "",
        language: str = "de",
        departments: tuple[str, ...] = (),
        anonymity_threshold: int = 5,
        modules: tuple[str, ...] | None = None,
        theme: str | None = None,
        logo: str | None = None,
    ) -> None:
        set_field(self, "client", client)
        set_field(self, "title", title)
        set_field(self, "date", date)
        set_field(self, "prepared_by", prepared_by)
        set_field(self, "language", language)
        set_field(self, "departments", departments)
        set_field(self, "anonymity_threshold", anonymity_threshold)
        set_field(self, "modules", modules)
        set_field(self, "theme", theme)
        set_field(self, "logo", logo)
