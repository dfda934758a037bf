"""Public API: DossierData → PDF bytes or an atomically written (optionally encrypted) file.

Layout happens in memory; only finished bytes touch the disk, through a temp file in the
destination folder that replaces the target in one rename (:mod:`desktop.core.atomic_files`,
shared with the data export). A failed or cancelled export therefore leaves the previous file
untouched and no debris. Encryption is done afterwards with
pypdf (AES-256), because ReportLab's own 256-bit mode yields files poppler and pypdf reject.
"""

from __future__ import annotations

import hashlib
import io
import threading
from dataclasses import dataclass
from pathlib import Path

from desktop.core.errors import DossierError
from desktop.core.kb.refusals import RefusedError
from desktop.core.language.messages import message
from desktop.dossier.brand.theme import Theme, load_theme
from desktop.dossier.content.model import DossierData
from desktop.dossier.layout.progress import ExportCancelled, Progress, ProgressCallback

__all__ = [
    "EmptyPasswordError",
    "ExportCancelled",
    "RenderResult",
    "render_bytes",
    "render_file",
    "warm_up",
]

TEMPLATES = ("full", "onepager")
_default_theme: Theme | None = None
_theme_lock = threading.Lock()
# ReportLab keeps per-font subset state in shared objects and is not documented as thread-safe;
# a preview and an export started together are laid out one after the other.
_build_lock = threading.Lock()


class EmptyPasswordError(DossierError, ValueError):
    """An empty password was given for an encrypted export."""


@dataclass(frozen=True)
class RenderResult:
    path: Path | None  # None for render_bytes
    pages: int
    sha256: str


def _theme(theme: Theme | None) -> Theme:
    global _default_theme
    if theme is not None:
        return theme
    with _theme_lock:
        if _default_theme is None:
            _default_theme = load_theme()
        return _default_theme


def _metadata_title(data: DossierData, language: str) -> str:
    from desktop.dossier.brand import markup
    from desktop.dossier.content import i18n

    return f"{i18n.title(data.template, language)} — {markup.one_line(data.prepared_for)}"


def _build(
    data: DossierData, theme: Theme, reproducible: bool, progress: Progress
) -> tuple[bytes, int]:
    # Imported here so that importing this module (e.g. from the UI) stays cheap.
    from desktop.dossier.brand import markup
    from desktop.dossier.brand.styles import make_kit
    from desktop.dossier.layout.template import DossierDocTemplate
    from desktop.dossier.sections.onepager import onepager_story
    from desktop.dossier.sections.story import full_story

    if data.template not in TEMPLATES:
        raise RefusedError(
            message(
                "unknown dossier template {template!r}; expected one of: {templates}",
                template=data.template,
                templates=", ".join(TEMPLATES),
            )
        )
    from desktop.core.language.catalogues import languages
    from desktop.dossier.layout.bounds import bounded

    data = bounded(data)  # no value longer than a page can hold, metadata included
    language = data.language if data.language in languages() else "en"  # one with a catalogue
    progress.stage(5, message("Preparing fonts and styles"))
    kit = make_kit(theme, language)
    progress.stage(12, message("Composing the dossier"))
    buffer = io.BytesIO()
    doc = DossierDocTemplate(
        buffer,
        kit,
        first_template="cover" if data.template == "full" else "onepager",
        title=_metadata_title(data, language),
        author=markup.one_line(data.consultant.name),
        subject=markup.one_line(data.subject),
        keywords=[markup.one_line(k) for k in data.keywords if k],
        prepared_for=data.prepared_for,
        prepared_on=data.prepared_on,
        reproducible=reproducible,
        progress=progress,
    )
    while not _build_lock.acquire(timeout=0.05):
        progress.check()  # waiting for another render stays cancellable
    try:
        if data.template == "full":
            story = full_story(data, kit).flowables
        else:
            story = onepager_story(data, kit)
        doc.build(story)  # one pass: see layout.deferred
    finally:
        _build_lock.release()
    return buffer.getvalue(), doc.pages


def render_bytes(
    data: DossierData,
    *,
    theme: Theme | None = None,
    reproducible: bool = False,
    progress: ProgressCallback | None = None,
    cancel: threading.Event | None = None,
) -> tuple[bytes, int]:
    """The dossier as PDF bytes and its page count. Raises ``ExportCancelled`` on cancel."""
    tracker = Progress(progress, cancel)
    pdf, pages = _build(data, _theme(theme), reproducible, tracker)
    tracker.finish()
    return pdf, pages


def warm_up(theme: Theme | None = None) -> None:
    """Load the theme and register the fonts now (≈ 0.2 s once per process), e.g. at idle
    time in the UI, so the first export does not pay for it."""
    from desktop.dossier.brand.styles import make_kit
    from desktop.dossier.sections import onepager, story  # noqa: F401 - imported for their cost

    make_kit(_theme(theme), "en")


def encrypt_pdf(pdf: bytes, password: str) -> bytes:
    """AES-256 encryption with pypdf; the outline and metadata are cloned along."""
    from pypdf import PdfReader, PdfWriter

    writer = PdfWriter(clone_from=PdfReader(io.BytesIO(pdf)))
    writer.encrypt(user_password=password, owner_password=password, algorithm="AES-256")
    out = io.BytesIO()
    writer.write(out)
    return out.getvalue()


def render_file(
    data: DossierData,
    out: Path,
    *,
    theme: Theme | None = None,
    password: str | None = None,
    reproducible: bool = False,
    progress: ProgressCallback | None = None,
    cancel: threading.Event | None = None,
) -> RenderResult:
    """Render and write ``out`` atomically; with ``password`` the file is AES-256 encrypted.

    Encrypted output is never byte-reproducible (pypdf draws fresh salts and keys). An empty
    password is refused rather than taken as "no password": a file the consultant meant to
    protect must never go out readable. A target that is not a regular file (a folder, a link,
    a device) is refused before the layout starts.
    """
    from desktop.core import atomic_files

    if password is not None and not password.strip():
        raise EmptyPasswordError(
            message(
                "The password is empty; give one to encrypt the PDF, or none to write it "
                "unencrypted."
            )
        )
    atomic_files.check_target(Path(out))
    tracker = Progress(progress, cancel)
    pdf, pages = _build(data, _theme(theme), reproducible, tracker)
    if password is not None:
        tracker.stage(970, message("Encrypting"))
        pdf = encrypt_pdf(pdf, password)
    tracker.stage(985, message("Saving"))
    atomic_files.write_bytes(Path(out), pdf)  # aside, synced, renamed: never half a file
    tracker.finish()
    return RenderResult(path=Path(out), pages=pages, sha256=hashlib.sha256(pdf).hexdigest())
