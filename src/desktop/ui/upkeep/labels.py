"""Words and formats the upkeep windows share, in the window's language.

Counts, dates and times are :mod:`desktop.ui.base.formats`' (re-used here); figures go
through ``QLocale()`` too, so a German window reads "1.500" and "2,5". The journal and the
import speak of codes (actions, record types, field names, backup reasons); these turn them
into words.
Every text is translated when it is asked for, never at import time: the translator is
installed after the modules are imported.
"""

from __future__ import annotations

from collections.abc import Callable
from datetime import date, datetime

from PySide6.QtCore import QCoreApplication, QLocale

from desktop.core.kb import taxonomy, validation
from desktop.core.kb.vocabulary import LANGUAGES
from desktop.core.language import texts as record_texts
from desktop.ui.base.formats import collator, shown_iso_date, shown_time
from desktop.ui.base.translation import current_language
from desktop.ui.base.wording import code_label

translate = QCoreApplication.translate
_SHORT = QLocale.FormatType.ShortFormat


def shown_date(text: str | None, empty: str = "") -> str:
    """A stored ISO date as the window writes it (see :func:`formats.shown_iso_date`)."""
    return shown_iso_date(text, empty)


def shown_stamp(text: str) -> str:
    """The journal's "YYYY-MM-DD HH:MM" as the window writes a date and time."""
    try:
        return shown_time(datetime.strptime(text, "%Y-%m-%d %H:%M"))
    except ValueError:
        return text


def shown_number(value: float) -> str:
    """A figure in the window's number format: 1500.0 → "1.500", 2.5 → "2,5" in German."""
    if float(value).is_integer():
        return QLocale().toString(int(value))
    return QLocale().toString(float(value), "g", 15)


def parse_number(text: str) -> float | None:
    """A figure typed in the window's format ("1.500,5" in German), or as a program writes
    it ("2.5"); None when it is not a number."""
    text = text.strip()
    value, ok = QLocale().toDouble(text)
    if ok:
        return value
    plain = text.replace(",", "") if QLocale().decimalPoint() == "." else text
    try:
        return float(plain)
    except ValueError:
        return None


def sorted_names(pairs: list[tuple[str, object]]) -> list[tuple[str, object]]:
    """(label, value) pairs in the window's alphabetical order (Ä sorts with A in German)."""
    compare = collator()
    return sorted(pairs, key=lambda pair: compare.sortKey(pair[0]))


def name_choices(names: dict[str, str], skip: str | None = None) -> list[tuple[str, object]]:
    """(name, key) choices for a form, in the window's alphabetical order."""
    return sorted_names([(name, key) for key, name in names.items() if key != skip])


def term_choices(vocabulary: dict[str, taxonomy.Term]) -> list[tuple[str, str]]:
    """(label, code) choices for a form: a vocabulary in its order, in the window's language
    (the qualifier without a word, "exact", reads "exactly")."""
    language = current_language()
    exactly = translate("UpkeepLabels", "exactly")
    return [(term.label(language) or exactly, term.code) for term in vocabulary.values()]


def in_language(check: Callable[[str | None, str], str | None]) -> Callable[[str], str | None]:
    """A core check (e-mail, phone, web address) that answers in the window's language."""
    return lambda value: check(value, current_language())


def as_of_check(today: date) -> Callable[[str], str | None]:
    """The as-of date check, in the window's language."""
    return lambda value: validation.as_of(value, today=today, language=current_language())


def required(said: str) -> Callable[[str], str | None]:
    """A form check: the field must be filled (core's rule), and ``said`` says so."""
    return lambda value: said if validation.required(value, "") else None


def check_figure(text: str) -> str | None:
    """What is wrong with a typed figure, if anything: it may be written as the window writes
    numbers ("1.500,5" in German) or as a program does (2.5)."""
    if parse_number(text) is not None:
        return None
    return validation.number(text, language=current_language()) or translate(
        "UpkeepLabels", "The value must be a number, e.g. 1500 or 2.5."
    )


def in_language_label(label: str, language: str) -> str:
    """A form field's label for its text in another language: "Note (German)", in a German
    window "Notiz (Deutsch)". One pattern for every field, so a form's translated fields read
    alike and a third language needs no new texts."""
    term = LANGUAGES.get(language)
    return translate("UpkeepLabels", "{field} ({language})").format(
        field=label, language=term.label(current_language()) if term else language
    )


def term_label(vocabulary: dict[str, taxonomy.Term], code: str | None) -> str:
    """A vocabulary code's label in the window's language (the code itself when unknown; the
    qualifier without a word, "exact", reads "exactly")."""
    term = vocabulary.get(code or "")
    if term is None:
        return code or ""
    return term.label(current_language()) or translate("UpkeepLabels", "exactly")


DATES = frozenset({"as_of", "since", "published", "accessed", "accessed_on", "verified_on"})
LISTS = frozenset({"sectors", "tags"})  # the journal keeps a list as "a, b"


def _vocabulary(field: str) -> dict[str, taxonomy.Term] | None:
    return {
        "kind": taxonomy.KINDS,
        "sectors": taxonomy.SECTORS,
        "relation_type": taxonomy.RELATION_TYPES,
        "space_type": taxonomy.SPACE_TYPES,
        "type": {**taxonomy.RELATION_TYPES, **taxonomy.SPACE_TYPES},  # as an import names them
        "availability": taxonomy.AVAILABILITY,
        "qualifier": taxonomy.QUALIFIERS,
    }.get(field)


def shown_value(field: str, value: object, tags: dict[str, str] | None = None) -> str:
    """A field's value as a person reads it: vocabulary labels and tag names instead of codes,
    dates, figures and yes/no in the window's language, "—" for nothing. ``value`` is what a
    record holds (the import) or its text in the journal ("True", "a, b", "1500.0")."""
    if value is None or value == "" or value == ():
        return "—"
    if isinstance(value, (tuple, list)):
        return ", ".join(shown_value(field, item, tags) for item in value)
    if isinstance(value, bool) or (field == "public" and value in ("True", "False")):
        yes = value is True or value == "True"
        return translate("UpkeepLabels", "yes") if yes else translate("UpkeepLabels", "no")
    if isinstance(value, date):
        return shown_date(value.isoformat())
    text = str(value)
    if field in LISTS and ", " in text:
        return shown_value(field, text.split(", "), tags)
    if (vocabulary := _vocabulary(field)) is not None:
        return term_label(vocabulary, text)
    if field == "tags" and tags:
        return tags.get(text, text)
    if field in DATES:
        return shown_date(text)
    if field == "texts" and record_texts.written_from(text):
        # the texts as a person wrote them; the fingerprints of their English are bookkeeping
        return record_texts.dump(record_texts.parse(text)) or "—"
    if field == "value":
        try:
            return shown_number(float(text))  # written by the program: "1500.0", "2.125"
        except ValueError:
            return text
    return text


def action_word(code: str) -> str:
    """What the journal says was done: "verify" → "Verified"."""
    words = {
        "create": translate("UpkeepLabels", "Created"),
        "update": translate("UpkeepLabels", "Changed"),
        "delete": translate("UpkeepLabels", "Deleted"),
        "verify": translate("UpkeepLabels", "Verified"),
        "import": translate("UpkeepLabels", "Imported"),
        "restore": translate("UpkeepLabels", "Restored"),
    }
    return words.get(code) or code_label(code)


def record_type_word(code: str) -> str:
    """What kind of record a journal line is about: "fact" → "Key figure"."""
    words = {
        "entity": translate("UpkeepLabels", "Entity"),
        "fact": translate("UpkeepLabels", "Key figure"),
        "relation": translate("UpkeepLabels", "Relation"),
        "space": translate("UpkeepLabels", "Space offer"),
        "contact": translate("UpkeepLabels", "Contact"),
        "source": translate("UpkeepLabels", "Source"),
        "tag": translate("UpkeepLabels", "Tag"),
        "prospect": translate("UpkeepLabels", "Prospect"),  # a colleague's, through team sync
        "brief": translate("UpkeepLabels", "Brief"),
        "brief item": translate("UpkeepLabels", "Brief item"),
        "sent dossier": translate("UpkeepLabels", "Sent dossier"),
    }
    return words.get(code) or code_label(code)


def field_word(code: str) -> str:
    """A field of a record (as the journal and the import files name it) in words; a field in
    another language, ``description [de]``, as the field's word with the code kept."""
    field, bracket, rest = code.partition(" [")
    if bracket and rest.endswith("]"):
        return f"{field_word(field)} [{rest}"
    return _fields().get(code) or code_label(code)


def _fields() -> dict[str, str]:
    return {
        "accessed": translate("UpkeepLabels", "Accessed on"),
        "accessed_on": translate("UpkeepLabels", "Accessed on"),
        "as_of": translate("UpkeepLabels", "As of"),
        "availability": translate("UpkeepLabels", "Availability"),
        "category": translate("UpkeepLabels", "Category"),
        "code": translate("UpkeepLabels", "Code"),
        "comparable": translate("UpkeepLabels", "Comparison group"),
        "description": translate("UpkeepLabels", "Description"),
        "email": translate("UpkeepLabels", "E-mail"),
        "file": translate("UpkeepLabels", "File name"),
        "file_name": translate("UpkeepLabels", "File name"),
        "founded": translate("UpkeepLabels", "Founded"),
        "founded_year": translate("UpkeepLabels", "Founded"),
        "from": translate("UpkeepLabels", "From entity"),
        "key": translate("UpkeepLabels", "Key"),
        "kind": translate("UpkeepLabels", "Kind"),
        "label": translate("UpkeepLabels", "Label"),
        "location": translate("UpkeepLabels", "Location"),
        "name": translate("UpkeepLabels", "Name"),
        "note": translate("UpkeepLabels", "Note"),
        "object": translate("UpkeepLabels", "Related entity"),
        "organisation": translate("UpkeepLabels", "Organisation"),
        "period": translate("UpkeepLabels", "Period"),
        "person": translate("UpkeepLabels", "Person"),
        "phone": translate("UpkeepLabels", "Phone"),
        "public": translate("UpkeepLabels", "Shareable"),
        "published": translate("UpkeepLabels", "Published"),
        "publisher": translate("UpkeepLabels", "Publisher"),
        "qualifier": translate("UpkeepLabels", "Qualifier"),
        "quote": translate("UpkeepLabels", "Quote"),
        "relation_type": translate("UpkeepLabels", "Relation"),
        "role": translate("UpkeepLabels", "Role"),
        "scope": translate("UpkeepLabels", "Scope"),
        "sectors": translate("UpkeepLabels", "Sectors"),
        "short_name": translate("UpkeepLabels", "Short name"),
        "since": translate("UpkeepLabels", "From (date)"),
        "site": translate("UpkeepLabels", "Site"),
        "slug": translate("UpkeepLabels", "Identifier"),
        "source": translate("UpkeepLabels", "Source"),
        "space_type": translate("UpkeepLabels", "Space"),
        "subject": translate("UpkeepLabels", "Entity"),
        "tags": translate("UpkeepLabels", "Tags"),
        "texts": translate("UpkeepLabels", "Translations"),
        "title": translate("UpkeepLabels", "Title"),
        "to": translate("UpkeepLabels", "To entity"),
        "topics": translate("UpkeepLabels", "Topics"),
        "type": translate("UpkeepLabels", "Type"),
        "unit": translate("UpkeepLabels", "Unit"),
        "url": translate("UpkeepLabels", "Web address"),
        "value": translate("UpkeepLabels", "Value"),
        "verified_by": translate("UpkeepLabels", "Verified by"),
        "verified_on": translate("UpkeepLabels", "Verified on"),
        "website": translate("UpkeepLabels", "Website"),
    }


def backup_reason(code: str | None) -> str:
    """Why a backup was taken, in words ("periodic" → "automatic, while working")."""
    if not code:
        return ""
    words = {
        "manual": translate("UpkeepLabels", "taken by hand"),
        "start": translate("UpkeepLabels", "at start"),
        "periodic": translate("UpkeepLabels", "automatic, while working"),
        "import": translate("UpkeepLabels", "before an import"),
        "migration": translate("UpkeepLabels", "before an update of the file"),
        "before-joining-a-team": translate("UpkeepLabels", "before joining a team"),
    }
    return words.get(code, code.replace("-", " "))
