"""Keep the window's translations current: extract, compile, merge, check.

    .venv/bin/python scripts/translations.py update    # sources → resources/translations/*.ts
    .venv/bin/python scripts/translations.py release   # *.ts → *.qm (what the window loads)
    .venv/bin/python scripts/translations.py merge A.ts [B.ts …]   # copy finished translations
    .venv/bin/python scripts/translations.py check     # exit 1 if a .ts or .qm is not current

``make translations`` runs update and release. The ``.ts`` files are the source a translator
edits (Qt Linguist, ``pyside6-linguist``); they carry no line numbers (``-locations none``),
so moving code does not change them. ``check`` is what ``tests/unit/test_translations.py``
asserts: every text of the window is in the ``.ts``, none unfinished or left over, and the
shipped ``.qm`` is what ``lrelease`` makes of it.
"""

from __future__ import annotations

import shutil
import subprocess
import sys
import tempfile
import xml.etree.ElementTree as ElementTree
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]
SOURCES = ROOT / "src" / "desktop" / "ui"
FOLDER = ROOT / "resources" / "translations"
CATALOGUE = "dossier_desk"
# every language with a catalogue of words has a catalogue of window texts too
LANGUAGES = tuple(sorted(path.stem for path in FOLDER.glob("*.toml") if path.stem != "en"))
BIN = Path(sys.executable).parent


def ts_file(language: str) -> Path:
    return FOLDER / f"{CATALOGUE}_{language}.ts"


def qm_file(language: str) -> Path:
    return FOLDER / f"{CATALOGUE}_{language}.qm"


def source_files() -> list[str]:
    return sorted(str(path) for path in SOURCES.rglob("*.py"))


def lupdate(target: Path) -> None:
    """Bring ``target`` up to date with the sources: new texts unfinished, gone ones dropped."""
    tool = shutil.which("pyside6-lupdate", path=str(BIN)) or "pyside6-lupdate"
    subprocess.run(
        [
            tool,
            *source_files(),
            "-locations",
            "none",
            "-no-obsolete",
            "-silent",
            "-ts",
            str(target),
        ],
        check=True,
    )


def lrelease(source: Path, target: Path) -> None:
    tool = shutil.which("pyside6-lrelease", path=str(BIN)) or "pyside6-lrelease"
    subprocess.run([tool, "-silent", str(source), "-qm", str(target)], check=True)


def messages(path: Path) -> dict[tuple[str, str], ElementTree.Element]:
    """(context, source) → the ``<message>`` element."""
    found = {}
    for context in ElementTree.parse(path).getroot().iter("context"):
        name = context.findtext("name") or ""
        for message in context.iter("message"):
            found[(name, message.findtext("source") or "")] = message
    return found


def unfinished(path: Path) -> list[tuple[str, str]]:
    """Messages without a finished translation (every plural form filled)."""
    missing = []
    for key, message in messages(path).items():
        translation = message.find("translation")
        forms = [] if translation is None else list(translation.iter("numerusform"))
        texts = [form.text for form in forms] if forms else [getattr(translation, "text", None)]
        if translation is None or translation.get("type") or not all(texts):
            missing.append(key)
    return missing


def update() -> None:
    FOLDER.mkdir(parents=True, exist_ok=True)
    for language in LANGUAGES:
        target = ts_file(language)
        if not target.exists():
            target.write_text(
                f'<?xml version="1.0" encoding="utf-8"?>\n<!DOCTYPE TS>\n'
                f'<TS version="2.1" language="{language}"></TS>\n',
                encoding="utf-8",
            )
        lupdate(target)


def release() -> None:
    for language in LANGUAGES:
        lrelease(ts_file(language), qm_file(language))


def merge(sources: list[Path]) -> int:
    """Copy finished translations from ``sources`` into the catalogue, by context and text."""
    target = ts_file(LANGUAGES[0])
    tree = ElementTree.parse(target)
    wanted = {}
    for context in tree.getroot().iter("context"):
        name = context.findtext("name") or ""
        for message in context.iter("message"):
            wanted[(name, message.findtext("source") or "")] = message
    copied = 0
    for source in sources:
        done = set(messages(source)) - set(unfinished(source))
        for key, message in messages(source).items():
            if key in wanted and key in done:
                old = wanted[key].find("translation")
                if old is not None:
                    wanted[key].remove(old)
                wanted[key].append(message.find("translation"))  # type: ignore[arg-type]
                copied += 1
    ElementTree.indent(tree)
    tree.write(target, encoding="utf-8", xml_declaration=True)
    return copied


def problems() -> list[str]:
    """What is not current: texts missing from or left over in a .ts, unfinished ones, a .qm
    that is not what lrelease makes of its .ts."""
    found = []
    with tempfile.TemporaryDirectory() as folder:
        for language in LANGUAGES:
            shipped = ts_file(language)
            if not shipped.exists():
                return [f"{shipped.name} is missing: run make translations"]
            fresh = Path(folder) / shipped.name
            shutil.copyfile(shipped, fresh)
            lupdate(fresh)
            new = set(messages(fresh)) - set(messages(shipped))
            gone = set(messages(shipped)) - set(messages(fresh))
            found += [f"{shipped.name}: not extracted yet: {c} / {s!r}" for c, s in sorted(new)]
            found += [
                f"{shipped.name}: no longer in the code: {c} / {s!r}" for c, s in sorted(gone)
            ]
            found += [f"{shipped.name}: unfinished: {c} / {s!r}" for c, s in unfinished(shipped)]
            compiled = Path(folder) / f"{language}.qm"
            lrelease(shipped, compiled)
            if not qm_file(language).exists() or (
                compiled.read_bytes() != qm_file(language).read_bytes()
            ):
                found.append(f"{qm_file(language).name} is not current: run make translations")
    return found


def main(argv: list[str]) -> int:
    command = argv[0] if argv else "check"
    if command == "update":
        update()
    elif command == "release":
        release()
    elif command == "merge":
        print(f"{merge([Path(arg) for arg in argv[1:]])} translations copied")
    elif command == "check":
        found = problems()
        print("\n".join(found) or "translations are current")
        return 1 if found else 0
    else:
        print(__doc__)
        return 2
    return 0


if __name__ == "__main__":
    sys.exit(main(sys.argv[1:]))
