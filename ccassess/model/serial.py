"""Dataclasses to JSON-ready data and back, driven by type hints (no third-party schema lib)."""

from __future__ import annotations

import dataclasses
import json
import types
import typing
from functools import cache
from typing import Any, TypeVar

from ccassess.catalogs import _
from ccassess.errors import CcassessError
from ccassess.model.result import RESULT_FORMAT, AssessmentResult
from ccassess.text import Text

T = TypeVar("T")


def to_data(value: Any) -> Any:
    """Dataclass trees to dicts/lists; Text to {de, en}; None fields are kept (lossless)."""
    if isinstance(value, Text):
        return {"de": value.de, "en": value.en, **dict(value.more)}
    if dataclasses.is_dataclass(value) and not isinstance(value, type):
        return {f.name: to_data(getattr(value, f.name)) for f in dataclasses.fields(value)}
    if isinstance(value, dict):
        return {str(k): to_data(v) for k, v in value.items()}
    if isinstance(value, list | tuple):
        return [to_data(v) for v in value]
    return value


@cache
def _hints(cls: type) -> dict[str, Any]:
    return typing.get_type_hints(cls)


def from_data(cls: type[T], data: Any) -> T:
    """Rebuild a dataclass tree from `to_data` output."""
    return _build(cls, data)


def _build(tp: Any, data: Any) -> Any:
    if data is None:
        return None
    origin = typing.get_origin(tp)
    if origin in (typing.Union, types.UnionType):
        options = [a for a in typing.get_args(tp) if a is not type(None)]
        return _build(options[0], data) if len(options) == 1 else data
    if tp is Text:
        return Text.from_data(data)
    if isinstance(tp, type) and dataclasses.is_dataclass(tp):
        hints = _hints(tp)
        kwargs = {
            f.name: _build(hints[f.name], data[f.name])
            for f in dataclasses.fields(tp)
            if f.init and f.name in data
        }
        return tp(**kwargs)
    if origin is list:
        (item,) = typing.get_args(tp)
        return [_build(item, v) for v in data]
    if origin is dict:
        _, value_type = typing.get_args(tp)
        return {k: _build(value_type, v) for k, v in data.items()}
    return data


def result_to_json(result: Any) -> str:
    return json.dumps(to_data(result), ensure_ascii=False, indent=2, sort_keys=False)


def result_from_json(text: str, source: str = "<result>") -> AssessmentResult:
    try:
        data = json.loads(text)
        if data.get("format") != RESULT_FORMAT:
            raise CcassessError(
                f"{source}: "
                + _(
                    "result format {found} is not supported (this ccassess reads format "
                    "{supported}); score the responses again"
                ).format(found=repr(data.get("format")), supported=RESULT_FORMAT)
            )
        return from_data(AssessmentResult, data)
    except (ValueError, KeyError, TypeError, AttributeError) as exc:
        raise CcassessError(
            f"{source}: " + _("not a ccassess result file ({reason})").format(reason=exc)
        ) from None
