"""Catalogues: every string is translated in Chinese and Japanese, and the committed .mo files match the .po files."""

from __future__ import annotations

import ast
import re
from dataclasses import dataclass, field
from pathlib import Path

import pytest
from django.conf import settings
from django.utils import translation

LOCALE_DIR = Path(settings.LOCALE_PATHS[0])
TRANSLATED = {"zh_Hant": "zh-hant", "ja": "ja"}  # locale directory -> language code
PLACEHOLDER = re.compile(r"%\((\w+)\)[sd]|\{\w*\}")


@dataclass
class Entry:
    msgid: str = ""
    msgid_plural: str | None = None
    msgctxt: str | None = None
    msgstr: dict[int, str] = field(default_factory=dict)
    flags: set[str] = field(default_factory=set)
    obsolete: bool = False


def read_po(path: Path) -> list[Entry]:
    """The entries of a .po file (the header included, as the entry with an empty msgid)."""
    entries: list[Entry] = []
    entry, key = Entry(), None

    def finish():
        nonlocal entry, key
        if key is not None:
            entries.append(entry)
        entry, key = Entry(), None

    for raw in path.read_text(encoding="utf-8").splitlines():
        line = raw.strip()
        if not line:
            finish()
            continue
        if line.startswith("#~"):
            entry.obsolete = True
            continue
        if line.startswith("#,"):
            entry.flags |= {flag.strip() for flag in line[2:].split(",")}
            continue
        if line.startswith("#"):
            continue
        match = re.match(r"^(msgctxt|msgid_plural|msgid|msgstr(?:\[(\d+)\])?)\s+(\".*\")$", line)
        if match:
            keyword, index, text = match.groups()
            key = (keyword, int(index) if index else 0)
        else:
            text = line
        value = ast.literal_eval(text)
        keyword, index = key
        if keyword == "msgid":
            entry.msgid += value
        elif keyword == "msgid_plural":
            entry.msgid_plural = (entry.msgid_plural or "") + value
        elif keyword == "msgctxt":
            entry.msgctxt = (entry.msgctxt or "") + value
        else:
            entry.msgstr[index] = entry.msgstr.get(index, "") + value
    finish()
    return entries


def messages(directory: str) -> list[Entry]:
    return [e for e in read_po(LOCALE_DIR / directory / "LC_MESSAGES" / "django.po") if e.msgid and not e.obsolete]


def header(directory: str) -> str:
    return next(e for e in read_po(LOCALE_DIR / directory / "LC_MESSAGES" / "django.po") if e.msgid == "").msgstr[0]


def label(entry: Entry) -> str:
    return f"{entry.msgctxt + ' | ' if entry.msgctxt else ''}{entry.msgid!r}"


@pytest.mark.parametrize("directory", ["zh_Hant", "ja", "en"])
def test_each_language_has_a_po_and_a_compiled_mo(directory):
    for suffix in ("po", "mo"):
        assert (LOCALE_DIR / directory / "LC_MESSAGES" / f"django.{suffix}").is_file()


@pytest.mark.parametrize("directory", TRANSLATED)
def test_every_string_is_translated_and_none_is_fuzzy(directory):
    entries = messages(directory)
    assert len(entries) > 100
    untranslated = [label(e) for e in entries if not e.msgstr or not all(s.strip() for s in e.msgstr.values())]
    fuzzy = [label(e) for e in entries if "fuzzy" in e.flags]
    assert not untranslated, f"{directory}: untranslated: {untranslated}"
    assert not fuzzy, f"{directory}: fuzzy: {fuzzy}"
    po_header = next(e for e in read_po(LOCALE_DIR / directory / "LC_MESSAGES" / "django.po") if not e.msgid)
    assert "fuzzy" not in po_header.flags


@pytest.mark.parametrize("directory", TRANSLATED)
def test_chinese_and_japanese_have_one_plural_form(directory):
    assert "Plural-Forms: nplurals=1; plural=0;" in header(directory)
    for entry in messages(directory):
        if entry.msgid_plural is not None:
            assert set(entry.msgstr) == {0}, label(entry)


@pytest.mark.parametrize("directory", TRANSLATED)
def test_translations_keep_every_placeholder(directory):
    for entry in messages(directory):
        wanted = sorted(PLACEHOLDER.findall(entry.msgid_plural or entry.msgid))
        for text in entry.msgstr.values():
            assert sorted(PLACEHOLDER.findall(text)) == wanted, f"{directory}: {label(entry)} -> {text!r}"


@pytest.mark.parametrize("directory", TRANSLATED)
def test_the_compiled_catalogue_matches_the_po(directory):
    """A .mo older than its .po (someone forgot compilemessages) gives other words than the .po says."""
    stale = []
    with translation.override(TRANSLATED[directory]):
        for entry in messages(directory):
            if entry.msgid_plural is not None:
                if entry.msgctxt is not None:
                    got = translation.npgettext(entry.msgctxt, entry.msgid, entry.msgid_plural, 1)
                else:
                    got = translation.ngettext(entry.msgid, entry.msgid_plural, 1)
                want = entry.msgstr[0]
            else:
                got = (
                    translation.pgettext(entry.msgctxt, entry.msgid)
                    if entry.msgctxt is not None
                    else translation.gettext(entry.msgid)
                )
                want = entry.msgstr[0]
            if got != want:
                stale.append(f"{label(entry)}: .po {want!r}, .mo {got!r}")
    assert not stale, f"{directory}: run compilemessages:\n" + "\n".join(stale)


def test_the_english_catalogue_is_the_source_text():
    entries = messages("en")
    assert entries
    assert all(not any(e.msgstr.values()) for e in entries)
    with translation.override("en"):
        assert translation.gettext("Dashboard") == "Dashboard"


@pytest.mark.parametrize("language", ["zh-hant", "ja"])
@pytest.mark.parametrize("heading", ["Dashboard", "People", "Sign in", "Audit trail", "Add a person", "Find people"])
def test_key_headings_are_translated(language, heading):
    with translation.override(language):
        assert translation.gettext(heading) != heading


def test_required_field_message_uses_djangos_own_wording():
    with translation.override("zh-hant"):
        assert translation.gettext("This field is required.") == "這個欄位是必須的。"
    with translation.override("ja"):
        assert translation.gettext("This field is required.") == "このフィールドは必須です。"


def test_glossary_terms_for_roles():
    with translation.override("zh-hant"):
        assert translation.gettext("Caregiver") == "照顧服務員"
        assert translation.gettext("Personal assistant") == "個人助理"
        assert translation.gettext("PA user") == "個人助理使用者"
    with translation.override("ja"):
        assert translation.gettext("Caregiver") == "ヘルパー"
        assert translation.gettext("Personal assistant") == "介助者"
        assert translation.gettext("Supervisor") == "サービス提供責任者"
