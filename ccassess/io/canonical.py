"""How a respondent's answers are stored: one canonical JSON object per module.

Canonical (sorted keys, no spaces, UTF-8 as is) so that the stored text also serves the
content hash: an import encodes each module's answers once, for the hash and the database.
"""

from __future__ import annotations

import hashlib
import json
from collections.abc import Callable, Mapping
from functools import lru_cache, partial
from json.encoder import c_make_encoder, encode_basestring  # type: ignore[attr-defined]
from typing import Any

_dump = partial(json.dumps, ensure_ascii=False, separators=(",", ":"))


@lru_cache(maxsize=1024)
def _quote(text: str | None) -> str:
    """A JSON string (or null); cached: departments, roles and module ids repeat."""
    return _dump(text)


def _encoder() -> Callable[[Any], str]:
    """json.dumps(value, sort_keys=True, ensure_ascii=False, separators=(",", ":")), with the
    C encoder made once rather than for every call (imports encode a hundred thousand)."""
    if c_make_encoder is None:  # pragma: no cover - CPython always has it
        return partial(_dump, sort_keys=True)
    base = json.JSONEncoder(ensure_ascii=False, separators=(",", ":"), sort_keys=True)
    encode = c_make_encoder(
        None, base.default, encode_basestring, None, ":", ",", True, False, True
    )
    return lambda value: "".join(encode(value, 0))


#: The workspace's one canonical JSON text (sorted keys, no spaces, UTF-8 as is): stored
#: answers and module definitions, and what their digests are computed from.
canonical_json: Callable[[Any], str] = _encoder()
#: A module's answers ({question id: answer}) as stored.
encode_answers: Callable[[Mapping[str, Any]], str] = canonical_json


def decode_answers(text: str) -> dict[str, Any]:
    return json.loads(text)


def encode_respondent(answers: Mapping[str, Mapping[str, Any]]) -> dict[str, str]:
    """Every module's answers of one respondent, encoded."""
    return {
        module_id: encode_answers(module_answers) for module_id, module_answers in answers.items()
    }


def content_digest(
    perspective: str,
    department: str | None,
    role: str | None,
    name: str | None,
    encoded: Mapping[str, str],
) -> str:
    """SHA-256 of everything a respondent said, from the encoded answers.

    The text hashed is exactly ``json.dumps({"perspective": …, "department": …, "role": …,
    "name": …, "answers": {…}}, sort_keys=True, ensure_ascii=False, separators=(",", ":"))``
    — the form hashes were first stored in — assembled without encoding the answers again.
    """
    modules = ",".join(f"{_quote(module_id)}:{encoded[module_id]}" for module_id in sorted(encoded))
    text = (
        f'{{"answers":{{{modules}}},"department":{_quote(department)},"name":{_quote(name)},'
        f'"perspective":{_quote(perspective)},"role":{_quote(role)}}}'
    )
    return hashlib.sha256(text.encode("utf-8")).hexdigest()
