"""Which text encoding an export was saved in: tools write UTF-8, but people re-save them.

German Excel writes "CSV UTF-8" (UTF-8 with a byte-order mark), "CSV (Trennzeichen-getrennt)"
(Windows-1252) and "Unicode-Text" (UTF-16 little-endian with a byte-order mark, tab
separated). A byte-order mark decides; UTF-16 without one shows in its zero bytes; text that
is not valid UTF-8 is read as Windows-1252 (Excel on Windows), or as Mac Roman when its
umlauts are Mac Roman's (older Excel for Mac), and the import says so: it is a guess. No
library is needed for these few cases.
"""

from __future__ import annotations

from dataclasses import dataclass

from ccassess import Location, Problem, ValidationError
from ccassess_survey_tools.i18n import _

_BOMS = (
    (b"\xef\xbb\xbf", "utf-8-sig", "UTF-8"),
    (b"\xff\xfe", "utf-16", "UTF-16"),
    (b"\xfe\xff", "utf-16", "UTF-16"),
)


@dataclass(frozen=True)
class Decoded:
    text: str
    #: The encoding's name as the user sees it ("UTF-8", "UTF-16", "Windows-1252").
    encoding: str
    #: A note for the user when the encoding was guessed, else None.
    note: str | None = None


def _utf16_without_bom(raw: bytes) -> str | None:
    """'utf-16-le' / 'utf-16-be' when every other byte of the start is zero (ASCII text)."""
    head = raw[:4096]
    if len(head) < 4 or b"\x00" not in head:
        return None
    even = head[0::2].count(0)
    odd = head[1::2].count(0)
    half = len(head) // 2
    if odd > 0.4 * half and even < 0.05 * half:
        return "utf-16-le"
    if even > 0.4 * half and odd < 0.05 * half:
        return "utf-16-be"
    return None


def decode_export(raw: bytes, file: str, *, partial: bool = False) -> Decoded:
    """An export's bytes as text; `partial`: only the start of the file (detection), where a
    character cut at the end is no error."""
    errors = "ignore" if partial else "strict"
    for bom, codec, name in _BOMS:
        if raw.startswith(bom):
            try:
                return Decoded(raw.decode(codec, errors), name)
            except UnicodeDecodeError as exc:
                raise _refuse(
                    file,
                    _("invalid {encoding} text ({reason})").format(
                        encoding=name, reason=exc.reason
                    ),
                ) from None
    utf16 = _utf16_without_bom(raw)
    if utf16 is not None:
        try:
            return Decoded(raw.decode(utf16, errors), "UTF-16")
        except UnicodeDecodeError as exc:
            raise _refuse(
                file,
                _("invalid {encoding} text ({reason})").format(
                    encoding="UTF-16", reason=exc.reason
                ),
            ) from None
    if b"\x00" in raw[:4096]:
        raise _refuse(file, _("not a text file (it contains binary data)"))
    try:
        return Decoded(raw.decode("utf-8"), "UTF-8")
    except UnicodeDecodeError as exc:
        if partial and exc.start >= len(raw) - 3:  # a character cut by the sample's end
            return Decoded(raw[: exc.start].decode("utf-8"), "UTF-8")
        utf8_error = exc
    if _mac_roman(raw):
        return Decoded(
            raw.decode("mac_roman"),
            "Mac Roman",
            _(
                "{file}: not UTF-8, read as Mac Roman (its umlauts are Mac Roman's), as older "
                "Excel for Mac saves CSV; check that umlauts came through, or save the file as "
                "CSV UTF-8"
            ).format(file=file),
        )
    try:
        text = raw.decode("cp1252", errors)
    except UnicodeDecodeError as exc:
        line = raw[: exc.start].count(b"\n") + 1
        raise ValidationError(
            [
                Problem(
                    Location(file, line),
                    _(
                        "neither UTF-8 nor Windows-1252 text (byte {byte}); save the file as CSV "
                        "UTF-8"
                    ).format(byte=f"0x{raw[exc.start]:02x}"),
                )
            ]
        ) from None
    line = raw[: utf8_error.start].count(b"\n") + 1
    return Decoded(
        text,
        "Windows-1252",
        _(
            "{file}: not UTF-8 (from line {line}), read as Windows-1252, as Excel on Windows "
            "saves 'CSV (Trennzeichen-getrennt)'; check that umlauts came through, or save the "
            "file as CSV UTF-8"
        ).format(file=file, line=line),
    )


#: The bytes of ä ö ü Ä Ö Ü ß in Windows-1252 and in Mac Roman.
_CP1252_UMLAUTS = frozenset(b"\xe4\xf6\xfc\xc4\xd6\xdc\xdf")
_MAC_UMLAUTS = frozenset(b"\x8a\x9a\x9f\x80\x85\x86\xa7")


def _mac_roman(raw: bytes) -> bool:
    """Whether non-UTF-8 text is Mac Roman rather than Windows-1252: its umlauts are."""
    cp1252 = sum(1 for byte in raw if byte in _CP1252_UMLAUTS)
    mac = sum(1 for byte in raw if byte in _MAC_UMLAUTS)
    return mac > 2 * cp1252


def _refuse(file: str, message: str) -> ValidationError:
    return ValidationError([Problem(Location(file), message)])
