"""Saving and deleting an entity as undoable steps.

Undoing a delete restores the entity with its relations, figures, space and contact, from the
snapshot the delete returned; undoing a creation deletes the new entity and keeps that
snapshot for the redo. The messages say what really happened: the detail pane speaks of a
deletion only after one, and names the key that takes it back.
"""

from __future__ import annotations

from PySide6.QtCore import QCoreApplication
from PySide6.QtGui import QUndoCommand

from desktop.app import edits
from desktop.app.changes import DataChange, Topic, change
from desktop.app.store import Store
from desktop.core.upkeep.editing import DeletedEntity, EntityRecord
from desktop.ui.upkeep.steps import EditSteps, who


def _showing(slug: str) -> DataChange:
    """An entity changed (or came back): show it, with what hangs on it."""
    return change(Topic.ENTITIES, Topic.FIGURES, slug=slug or None)


GONE = change(Topic.ENTITIES, Topic.FIGURES)  # an entity went, with its figures
translate = QCoreApplication.translate


class SaveEntityCommand(QUndoCommand):
    """Create (``before`` None) or update an entity; undo restores the previous state."""

    def __init__(self, steps: EditSteps, before: EntityRecord | None, after: EntityRecord) -> None:
        text = (
            translate("EntityCommands", "Edit {name}")
            if before
            else translate("EntityCommands", "Create {name}")
        )
        super().__init__(text.format(name=after.name))
        self.steps, self.before, self.after = steps, before, after
        self.deleted: DeletedEntity | None = None

    def redo(self) -> None:
        name, before, after = who(), self.before, self.after
        if before is None and self.deleted is not None:  # redo of an undone creation
            deleted = self.deleted
            self.steps.run(
                lambda store: edits.restore_entity(store, deleted=deleted, who=name),
                announce=_showing,
                step=self,
            )
            return
        original = before.slug if before else None
        self.steps.run(
            lambda store: edits.save_entity(store, record=after, original_slug=original, who=name),
            announce=_showing,
            step=self,
        )

    def undo(self) -> None:
        name, before, after = who(), self.before, self.after
        if before is not None:
            self.steps.run(
                lambda store: edits.save_entity(
                    store, record=before, original_slug=after.slug, who=name
                ),
                announce=_showing,
                step=self,
            )
            return

        def remove(store: Store) -> None:
            self.deleted = edits.delete_entity(store, slug=after.slug, who=name)

        self.steps.run(
            remove,
            announce=lambda _none: GONE,
            removal=lambda _none: translate(
                "EntityCommands",
                "The new entity “{name}” was taken back (Undo). "
                "Edit ▸ Redo (Ctrl+Shift+Z) creates it again.",
            ).format(name=after.name),
            step=self,
        )


class DeleteEntityCommand(QUndoCommand):
    def __init__(self, steps: EditSteps, slug: str, name: str | None = None) -> None:
        super().__init__(translate("EntityCommands", "Delete {name}").format(name=name or slug))
        self.steps, self.slug, self.name = steps, slug, name or slug
        self.deleted: DeletedEntity | None = None

    def redo(self) -> None:
        name, slug, shown = who(), self.slug, self.name

        def remove(store: Store) -> None:
            self.deleted = edits.delete_entity(store, slug=slug, who=name)

        self.steps.run(
            remove,
            announce=lambda _none: GONE,
            removal=lambda _none: translate(
                "EntityCommands", "“{name}” was deleted. Edit ▸ Undo (Ctrl+Z) puts it back."
            ).format(name=shown),
            step=self,
        )

    def undo(self) -> None:
        name = who()

        def restore(store: Store) -> str:
            # read in the worker: an undo pressed at once still finds the delete done
            if self.deleted is None:  # the delete was refused: nothing to put back
                return ""
            return edits.restore_entity(store, deleted=self.deleted, who=name)

        self.steps.run(restore, announce=_showing, step=self)
