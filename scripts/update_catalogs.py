"""Extract the messages, update the .po catalogs and compile them (docs/languages.md).

    python scripts/update_catalogs.py          # after changing a message: then translate
    python scripts/update_catalogs.py --check  # what the tests run: nothing stale, nothing missing

The bundled plugins that have a ``locale/`` folder get the same for their own domain (their
package name): ``plugins/<name>/locale/<name>.pot`` and each language's ``<name>.po``/``.mo``.

The ``ccassess`` domain is extracted from the code (``_()``, ``N_()``, ``ngettext()``,
``gettext_for()``, ``ngettext_for()``, ``Phrase()``), from the CLI's help texts and from
click's own messages (a German user must not meet click's English "Usage:"). The ``labels``
domain has no extraction: its English catalog is the list of keys, and every other language
must translate each of them. The bundled plugins' label catalogs
(``plugins/<name>/locale/<lang>/LC_MESSAGES/<name>_labels.po``) are keyed the same way: their
English catalog is the list of keys; compiled and checked too.
"""

from __future__ import annotations

import argparse
import io
import string
import sys
from collections.abc import Iterable
from datetime import UTC, datetime
from pathlib import Path

from babel.messages.catalog import Catalog
from babel.messages.extract import extract_from_dir
from babel.messages.mofile import write_mo
from babel.messages.pofile import read_po, write_po

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT))

from ccassess.catalogs import LABELS, LOCALE_DIR, MESSAGES, SOURCE_LANGUAGE  # noqa: E402

#: Fixed dates keep the files byte-identical between runs (the tests compare them).
EPOCH = datetime(2026, 1, 1, tzinfo=UTC)
KEYWORDS = {
    "_": None,
    "N_": None,
    "ngettext": (1, 2),
    "gettext_for": (2,),
    "ngettext_for": (2, 3),
    "Phrase": None,
}
CLICK_KEYWORDS = {"_": None, "ngettext": (1, 2)}
WIDTH = 100


def extract_messages() -> Catalog:
    """Every message of the ``ccassess`` domain the code can show."""
    template = Catalog(project="ccassess", creation_date=EPOCH, revision_date=EPOCH)
    for filename, lineno, message, comments, context in extract_from_dir(
        str(ROOT / "ccassess"),
        method_map=[("**.py", "python")],
        keywords=KEYWORDS,
        comment_tags=("TRANSLATORS:",),
        strip_comment_tags=True,
    ):
        _add(template, message, f"ccassess/{filename}", lineno, comments, context)
    import click

    for filename, lineno, message, comments, context in extract_from_dir(
        str(Path(click.__file__).parent),
        method_map=[("**.py", "python")],
        keywords=CLICK_KEYWORDS,
    ):
        _add(template, message, f"click/{filename}", lineno, comments, context)
    for message, where in cli_help_texts():
        _add(template, message, where, 0, [], None)
    return template


def _add(
    template: Catalog,
    message: str | tuple[str, ...],
    where: str,
    lineno: int,
    comments: Iterable[str],
    context: str | None,
) -> None:
    if not message or (isinstance(message, tuple) and not message[0]):
        return
    template.add(message, None, [(where, lineno)], auto_comments=list(comments), context=context)


def cli_help_texts() -> list[tuple[str, str]]:
    """The help of every command and option, found by walking the CLI as click sees it."""
    import click

    from ccassess.cli.app import LazyGroup, cli

    found: list[tuple[str, str]] = [
        (text, "cli/summaries") for text in LazyGroup.summaries.values()
    ]
    context = click.Context(cli, info_name="ccassess")

    def walk(command: click.Command, path: str) -> None:
        for text in (command.help, command.short_help, command.epilog):
            if text:
                found.append((text, f"cli:{path}"))
        for param in command.params:
            help_text = getattr(param, "help", None)
            if help_text:
                found.append((help_text, f"cli:{path} {param.name}"))
        if isinstance(command, click.Group):
            for name in command.list_commands(context):
                sub = command.get_command(context, name)
                if sub is not None:
                    walk(sub, f"{path} {name}")

    walk(cli, "ccassess")
    return found


def read(path: Path, lang: str | None) -> Catalog:
    with path.open("rb") as handle:
        return read_po(handle, locale=lang)


def po_bytes(catalog: Catalog) -> bytes:
    catalog.revision_date = EPOCH
    catalog.creation_date = EPOCH
    buffer = io.BytesIO()
    write_po(
        buffer, catalog, width=WIDTH, sort_output=True, include_lineno=False, ignore_obsolete=True
    )
    return buffer.getvalue()


def mo_bytes(catalog: Catalog) -> bytes:
    buffer = io.BytesIO()
    write_mo(buffer, catalog, use_fuzzy=False)
    return buffer.getvalue()


def catalog_languages() -> list[str]:
    return sorted(p.name for p in LOCALE_DIR.iterdir() if (p / "LC_MESSAGES").is_dir())


def planned_files() -> tuple[dict[Path, bytes], list[str]]:
    """What every catalog file should contain, and what is missing from the catalogs."""
    files: dict[Path, bytes] = {}
    missing: list[str] = []
    template = extract_messages()
    files[LOCALE_DIR / f"{MESSAGES}.pot"] = po_bytes(template)
    labels_source = read(_po(SOURCE_LANGUAGE, LABELS), SOURCE_LANGUAGE)
    for lang in catalog_languages():
        for domain in (MESSAGES, LABELS):
            path = _po(lang, domain)
            catalog = read(path, lang) if path.is_file() else Catalog(locale=lang)
            if domain == MESSAGES:
                reference = template
                needs_translation = lang != SOURCE_LANGUAGE
            else:
                reference = labels_source
                needs_translation = True
            if not (domain == LABELS and lang == SOURCE_LANGUAGE):
                catalog.update(reference, no_fuzzy_matching=True, update_header_comment=False)
            keyed = labels_source if domain == LABELS else None
            check(path, catalog, missing, keyed=keyed, needs_translation=needs_translation)
            if (
                domain == MESSAGES
                and lang == SOURCE_LANGUAGE
                and not any(_first(m.string) for m in catalog if m.id)
            ):
                continue  # English messages are their own ids: no file needed
            files[path] = po_bytes(catalog)
            files[path.with_suffix(".mo")] = mo_bytes(catalog)
    for folder, domain in plugin_catalogs():
        _plan_plugin(folder, domain, files, missing)
    for folder in sorted((ROOT / "plugins").glob("*/locale")):
        plugin_label_catalogs(folder, files, missing)
    return files, missing


def plugin_catalogs() -> list[tuple[Path, str]]:
    """The bundled plugins that translate their messages: (locale folder, domain), the
    domain being the plugin's package name (`ccassess.plugin_messages`). A plugin takes part
    once its ``locale/`` holds a ``<domain>.pot`` or a language's ``<domain>.po`` (a
    ``locale/`` with only other catalogs, such as section labels, is left alone)."""
    found = []
    for folder in sorted((ROOT / "plugins").glob("*/locale")):
        domain = folder.parent.name
        if (folder / f"{domain}.pot").is_file() or any(folder.glob(f"*/LC_MESSAGES/{domain}.po")):
            found.append((folder, domain))
    return found


def _plan_plugin(folder: Path, domain: str, files: dict[Path, bytes], missing: list[str]) -> None:
    """A plugin's messages: extracted from its code into ``locale/<domain>.pot``; each
    language folder's ``<domain>.po`` updated and compiled. Other catalogs a plugin keeps
    there (its labels) are left alone."""
    package = folder.parent
    template = Catalog(project=domain, creation_date=EPOCH, revision_date=EPOCH)
    for filename, lineno, message, comments, context in extract_from_dir(
        str(package),
        method_map=[("**.py", "python")],
        keywords=KEYWORDS,
        comment_tags=("TRANSLATORS:",),
        strip_comment_tags=True,
    ):
        _add(template, message, f"{package.name}/{filename}", lineno, comments, context)
    files[folder / f"{domain}.pot"] = po_bytes(template)
    for lang_dir in sorted(p for p in folder.iterdir() if (p / "LC_MESSAGES").is_dir()):
        lang = lang_dir.name
        if lang == SOURCE_LANGUAGE:
            continue  # English messages are their own ids
        path = lang_dir / "LC_MESSAGES" / f"{domain}.po"
        catalog = read(path, lang) if path.is_file() else Catalog(locale=lang)
        catalog.update(template, no_fuzzy_matching=True, update_header_comment=False)
        check(path, catalog, missing)
        files[path] = po_bytes(catalog)
        files[path.with_suffix(".mo")] = mo_bytes(catalog)


def plugin_label_catalogs(folder: Path, files: dict[Path, bytes], missing: list[str]) -> None:
    """A plugin's keyed catalogs (its section labels, docs/languages.md): every language
    translates each key of the English catalog, with the same placeholders."""
    for english in sorted(folder.glob(f"{SOURCE_LANGUAGE}/LC_MESSAGES/*.po")):
        if english.stem == folder.parent.name:
            continue  # the plugin's messages (English ids): `_plan_plugin`
        source = read(english, SOURCE_LANGUAGE)
        for path in sorted(folder.glob(f"*/LC_MESSAGES/{english.name}")):
            lang = path.parent.parent.name
            catalog = read(path, lang)
            if lang != SOURCE_LANGUAGE:
                catalog.update(source, no_fuzzy_matching=True, update_header_comment=False)
            check(path, catalog, missing, keyed=source)
            files[path] = po_bytes(catalog)
            files[path.with_suffix(".mo")] = mo_bytes(catalog)


def check(
    path: Path,
    catalog: Catalog,
    missing: list[str],
    *,
    keyed: Catalog | None = None,
    needs_translation: bool = True,
) -> None:
    """Add to `missing` what `catalog` leaves untranslated and every translation that changes
    its message's placeholders. In a keyed catalog (labels) the placeholders are those of the
    English text in `keyed`; otherwise those of the message id (the English text)."""
    for message in catalog:
        if not message.id:
            continue
        where = f"{path.relative_to(ROOT)}: {_first(message.id)!r}"
        if not _first(message.string) or message.fuzzy:
            if needs_translation:
                missing.append(where)
            continue
        original = keyed.get(message.id) if keyed is not None else None
        wanted = fields(message.id if keyed is None else (original or message).string)
        if fields(message.string) != wanted:
            missing.append(f"{where} changes the placeholders {sorted(wanted)}")


def fields(text: object) -> set[str]:
    """The {placeholders} of a message (both forms of a plural)."""
    texts = text if isinstance(text, tuple | list) else (text,)
    found: set[str] = set()
    for one in texts:
        if not one:
            continue
        try:
            found |= {name for _, name, _, _ in string.Formatter().parse(one) if name}
        except ValueError:  # not a format string (a stray brace): compared as text
            found.add(f"<unparsable {one!r}>")
    return found


def _po(lang: str, domain: str) -> Path:
    return LOCALE_DIR / lang / "LC_MESSAGES" / f"{domain}.po"


def _first(message_id: str | tuple[str, ...]) -> str:
    return message_id[0] if isinstance(message_id, tuple) else message_id


def _holds(path: Path, data: bytes) -> bool:
    return path.is_file() and path.read_bytes() == data


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--check", action="store_true", help="change nothing; fail if stale")
    args = parser.parse_args(argv)
    files, missing = planned_files()
    stale = [
        path for path, data in files.items() if not path.is_file() or path.read_bytes() != data
    ]
    if args.check:
        for path in stale:
            print(f"stale: {path.relative_to(ROOT)} (run python scripts/update_catalogs.py)")
        for line in missing:
            print(f"untranslated: {line}")
        return 1 if stale or missing else 0
    for path in stale:
        path.parent.mkdir(parents=True, exist_ok=True)
        path.write_bytes(files[path])
        print(f"wrote {path.relative_to(ROOT)}")
    print(f"{len(missing)} messages to translate")
    for line in missing[:50]:
        print(f"  {line}")
    return 0


if __name__ == "__main__":
    sys.exit(main())
