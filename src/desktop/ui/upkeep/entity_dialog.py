"""The entity form: every field checked as you type, the message right next to it.

A possible duplicate (a very similar name already in the database) is a warning, not a
block; a real problem (bad address, unknown code, clashing identifier) keeps Save disabled.
"""

from __future__ import annotations

from datetime import date
from typing import Any

from PySide6.QtWidgets import (
    QComboBox,
    QDialog,
    QDialogButtonBox,
    QFormLayout,
    QGridLayout,
    QLabel,
    QLineEdit,
    QPlainTextEdit,
    QVBoxLayout,
    QWidget,
)

from desktop.core.kb import taxonomy, validation
from desktop.core.language import texts as record_texts
from desktop.core.language.catalogues import languages
from desktop.core.upkeep.editing import EntityRecord
from desktop.ui.base.translation import current_language
from desktop.ui.upkeep.labels import in_language_label, sorted_names
from desktop.ui.widgets.code_list import CodeList
from desktop.ui.widgets.record_form import line_edit


class EntityDialog(QDialog):
    def __init__(
        self,
        parent: QWidget | None,
        record: EntityRecord | None,
        names: dict[str, str],
        tag_labels: dict[str, str],
    ) -> None:
        super().__init__(parent)
        self.setObjectName("entityDialog")
        self.setWindowTitle(self.tr("Edit entity") if record else self.tr("New entity"))
        self.resize(820, 680)
        self._names = names
        self._original = record.slug if record else None
        self._slug_touched = record is not None
        self.messages: dict[str, QLabel] = {}

        self.name = line_edit(self, "name", self.tr("Name"))
        self.short_name = line_edit(self, "shortName", self.tr("Short name or acronym"))
        self.slug = line_edit(self, "slug", self.tr("Identifier (slug), e.g. fraunhofer-izi"))
        self.kind = QComboBox(self)
        self.kind.setObjectName("kind")
        self.kind.setAccessibleName(self.tr("Kind"))
        language = current_language()
        for term in taxonomy.KINDS.values():
            self.kind.addItem(term.label(language), term.code)
        self.location = line_edit(self, "location", self.tr("Location as the source gives it"))
        self.website = line_edit(self, "website", "https://…")
        self.website.setAccessibleName(self.tr("Website"))
        self.founded = line_edit(self, "founded", self.tr("Year, e.g. 1997"))
        self.description = QPlainTextEdit(self)
        self.description.setObjectName("description")
        self.description.setAccessibleName(self.tr("Description"))
        self.description.setMaximumHeight(120)
        # the description and location in every further language with a catalogue (German
        # today), below the English description; the rest of the record's texts is kept whole
        self._texts: str | None = None
        self.translations: dict[tuple[str, str], QPlainTextEdit | QLineEdit] = {}
        for code in languages()[1:]:
            description = QPlainTextEdit(self)
            description.setMaximumHeight(100)
            self.translations["description", code] = description
            self.translations["location", code] = QLineEdit(self)
        english = {"description": self.tr("Description"), "location": self.tr("Location")}
        for (name, code), field in self.translations.items():
            field.setObjectName(f"{name}_{code}")
            field.setAccessibleName(in_language_label(english[name], code))
        self.sectors = CodeList(taxonomy.SECTORS, "Sectors", self)  # the object's name
        self.sectors.setAccessibleName(self.tr("Sectors"))
        tag_terms = {
            str(code): taxonomy.Term(str(code), label, "tag")  # seeded tags: the catalogue
            for label, code in sorted_names([(label, code) for code, label in tag_labels.items()])
        }
        self.tags = CodeList(tag_terms, "Tags and certifications", self)
        self.tags.setAccessibleName(self.tr("Tags and certifications"))

        form = QFormLayout()
        for label, widget, key in (
            (self.tr("Name"), self.name, "name"),
            (self.tr("Short name"), self.short_name, None),
            (self.tr("Identifier"), self.slug, "slug"),
            (self.tr("Kind"), self.kind, None),
            (self.tr("Location"), self.location, None),
            (self.tr("Website"), self.website, "website"),
            (self.tr("Founded"), self.founded, "founded_year"),
            (self.tr("Description"), self.description, None),
            *(
                (field.accessibleName(), field, None)
                for (_name, _code), field in self.translations.items()
            ),
        ):
            form.addRow(label, widget)
            if key:
                message = QLabel(self)
                message.setObjectName(f"{key}Message")
                message.setWordWrap(True)
                message.setStyleSheet("color: #b3261e;")
                form.addRow("", message)
                self.messages[key] = message
        self.duplicate = QLabel(self)
        self.duplicate.setObjectName("duplicateWarning")
        self.duplicate.setWordWrap(True)
        self.duplicate.setStyleSheet("color: #8a5a00;")
        lists = QGridLayout()
        lists.addWidget(QLabel(self.tr("<b>Sectors</b>"), self), 0, 0)
        lists.addWidget(QLabel(self.tr("<b>Tags and certifications</b>"), self), 0, 1)
        lists.addWidget(self.sectors, 1, 0)
        lists.addWidget(self.tags, 1, 1)
        self.buttons = QDialogButtonBox(
            QDialogButtonBox.StandardButton.Save | QDialogButtonBox.StandardButton.Cancel, self
        )
        self.buttons.accepted.connect(self.accept)
        self.buttons.rejected.connect(self.reject)
        layout = QVBoxLayout(self)
        layout.addLayout(form)
        layout.addWidget(self.duplicate)
        layout.addLayout(lists, 1)
        layout.addWidget(self.buttons)

        if record is not None:
            self._fill(record)
        for field in (self.name, self.slug, self.website, self.founded):
            field.textChanged.connect(self._validate)
        self.name.textChanged.connect(self._suggest_slug)
        self.slug.textEdited.connect(lambda _t: setattr(self, "_slug_touched", True))
        self._validate()

    def _fill(self, record: EntityRecord) -> None:
        self.name.setText(record.name)
        self.short_name.setText(record.short_name or "")
        self.slug.setText(record.slug)
        self.kind.setCurrentIndex(max(0, self.kind.findData(record.kind)))
        self.location.setText(record.location or "")
        self.website.setText(record.website or "")
        self.founded.setText(str(record.founded_year or ""))
        self.description.setPlainText(record.description)
        stored = record_texts.parse(record.texts)
        for (name, code), field in self.translations.items():
            text = stored.get(code, {}).get(name, "")
            if isinstance(field, QPlainTextEdit):
                field.setPlainText(text)
            else:
                field.setText(text)
        self._texts = record.texts
        self.sectors.set_codes(record.sectors)
        self.tags.set_codes(record.tags)

    def record(self) -> EntityRecord:
        founded = self.founded.text().strip()
        # each translation was shown beside its English: saving confirms it as written from
        # that English (changed or not), so it is no longer older than its English
        english = {"description": self.description.toPlainText(), "location": self.location.text()}
        texts = self._texts
        for (name, code), field in self.translations.items():
            typed = field.toPlainText() if isinstance(field, QPlainTextEdit) else field.text()
            texts = record_texts.with_text(texts, code, name, typed, english=english[name])
        if record_texts.same(texts, self._texts):
            texts = self._texts  # unchanged: saving journals no rewritten texts
        return EntityRecord(
            slug=self.slug.text().strip(),
            name=self.name.text().strip(),
            kind=self.kind.currentData(),
            short_name=self.short_name.text().strip() or None,
            description=self.description.toPlainText().strip(),
            website=self.website.text().strip() or None,
            location=self.location.text().strip() or None,
            founded_year=int(founded) if founded.isdigit() else None,
            sectors=self.sectors.codes(),
            tags=self.tags.codes(),
            texts=texts,
        )

    def _suggest_slug(self, name: str) -> None:
        if not self._slug_touched:
            self.slug.setText(validation.slug_from(name))

    def _validate(self) -> None:
        today = date.today()
        slug = self.slug.text().strip()
        problems = {
            "name": validation.required(self.name.text(), "The name")
            and self.tr("The name is required."),
            "slug": validation.slug(slug, current_language())
            or (
                self.tr("“{slug}” is already used by {name}.").format(
                    slug=slug, name=self._names[slug]
                )
                if slug in self._names and slug != self._original
                else None
            ),
            "website": validation.url(self.website.text(), current_language()),
            "founded_year": validation.year(
                self.founded.text(), today=today, language=current_language()
            ),
        }
        for key, label in self.messages.items():
            label.setText(problems.get(key) or "")
            label.setVisible(bool(problems.get(key)))
        similar = validation.similar_names(self.name.text(), self._names, skip=self._original)
        self.duplicate.setText(
            self.tr(
                "Possible duplicate of: {names}. Save anyway if it is a different organisation."
            ).format(names=", ".join(similar[:3]))
            if similar and self.name.text().strip()
            else ""
        )
        save = self.buttons.button(QDialogButtonBox.StandardButton.Save)
        save.setEnabled(not any(problems.values()))
        save.setToolTip("" if save.isEnabled() else self.tr("Fix the marked fields first."))


def edit_entity(parent: QWidget | None, record: Any, names: dict, tag_labels: dict) -> Any:
    """The entity form; returns the edited EntityRecord, or None when cancelled."""
    dialog = EntityDialog(parent, record, names, tag_labels)
    try:
        return dialog.record() if dialog.exec() == EntityDialog.DialogCode.Accepted else None
    finally:
        dialog.deleteLater()
