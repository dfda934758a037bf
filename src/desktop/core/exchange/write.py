"""The writers of an import: one method per record type, Core SQL, audit entries collected.

:func:`desktop.core.exchange.importer.apply` runs them inside its transaction, in dependency order.
Entities, the bulk of any large import, go in with one ``executemany`` per table; the other
types are few and are written row by row.
"""

from __future__ import annotations

from pathlib import Path
from typing import Any

from sqlalchemy import Connection, delete, update

from desktop.core.exchange import state as import_state
from desktop.core.exchange.plan import ADD, UPDATE, RowPlan, display
from desktop.core.kb.models import (
    Contact,
    Entity,
    EntitySector,
    EntityTag,
    Fact,
    Relation,
    Source,
    SpaceOffer,
    Tag,
)
from desktop.core.upkeep import audit

_ENTITY_COLUMNS = {"founded": "founded_year", "source": "source_id"}
_FACT_COLUMNS = {"scope": "scope_id", "source": "source_id"}
_SOURCE_COLUMNS = {"accessed": "accessed_on", "file": "file_name"}
_RELATION_COLUMNS = {"from": "subject_id", "type": "relation_type", "to": "object_id"}
_RELATION_COLUMNS["source"] = "source_id"
_SPACE_COLUMNS = {"site": "site_id", "type": "space_type", "source": "source_id"}
_CONTACT_COLUMNS = {"organisation": "organisation_id"}


_LABEL_FIELDS = {
    "sources": "title",
    "tags": "label",
    "entities": "name",
    "facts": "label",
    "contacts": "name",
}
_WORDS = (
    ("add", "added"),
    ("update", "updated"),
    ("unchanged", "unchanged"),
    ("reject", "skipped"),
)


class Writer:
    """Writes one record type at a time and collects the audit entries."""

    def __init__(self, who: str, batch: str) -> None:
        self.who, self.batch = who, batch
        self.stamp = audit.now()  # every row and journal entry of the import alike
        self.connection: Connection
        self.audit: list[audit.Entry] = []
        self.entries = 0
        self._sources: dict[str, int] | None = None

    # --- helpers ---------------------------------------------------------------------------

    def _log(self, row: RowPlan, audit_type: str) -> None:
        """A new record: one entry naming it (its fields are in the record itself, and every
        later change is journalled with its old value). A change: one entry per field."""
        if row.action == ADD:
            label = row.values.get(_LABEL_FIELDS.get(row.record_type, ""), row.key)
            self._entry(audit_type, row.key, new=str(label))
        for change in row.changes:
            self._entry(audit_type, row.key, change.field, display(change.old), display(change.new))

    def summary(self, source: str, counts: dict[str, int]) -> None:
        """One entry for the import itself: which file, how much (the batch ties it all)."""
        text = ", ".join(f"{counts[action]} {word}" for action, word in _WORDS if counts[action])
        self._entry("import", Path(source).name, "file", new=f"{source}: {text}")

    def _entry(
        self,
        record_type: str,
        key: str,
        field: str | None = None,
        old: str | None = None,
        new: str | None = None,
    ) -> None:
        self.audit.append(
            audit.entry(
                who=self.who,
                action="import",
                record_type=record_type,
                key=key,
                batch=self.batch,
                field=field,
                old=old,
                new=new,
                at=self.stamp,
            )
        )

    def journal(self) -> None:
        """Write the collected entries in one statement, inside the import's transaction."""
        self.entries = audit.write_many(
            self.connection, self.audit, bulk_insert=import_state.insert_many
        )

    def source_id(self, key: str | None) -> int | None:
        if key is None:
            return None
        if self._sources is None or key not in self._sources:
            self._sources = import_state.source_ids(self.connection)
        return self._sources[key]

    def _ids(self, rows: list[RowPlan], *fields: str) -> dict[str, int]:
        slugs = {row.values[f] for row in rows for f in fields if row.values.get(f)}
        return import_state.entity_ids(self.connection, slugs)

    def _columns(
        self, values: dict[str, Any], names: dict[str, str], ids: dict[str, int] | None = None
    ) -> dict[str, Any]:
        """Field values → column values: slugs and source keys become ids."""
        result: dict[str, Any] = {}
        for name, value in values.items():
            column = names.get(name, name)
            if name == "source":
                value = self.source_id(value)
            elif column.endswith("_id") and ids is not None:
                value = ids[value]
            elif name == "topics":
                value = " ".join(value)
            result[column] = value
        return result

    def _update(self, table: Any, id_column: Any, record_id: Any, values: dict[str, Any]) -> None:
        if values:
            self.connection.execute(update(table).where(id_column == record_id).values(**values))

    def _links(self, entity_id: int, sectors: Any, tags: Any, replace: bool) -> None:
        for link, column, codes in (
            (EntitySector, "sector_code", sectors),
            (EntityTag, "tag_code", tags),
        ):
            if codes is None:
                continue
            if replace:
                self.connection.execute(delete(link).where(link.entity_id == entity_id))
            import_state.insert_many(
                self.connection,
                link.__table__,
                ("entity_id", column),
                [(entity_id, code) for code in codes],
            )

    # --- record types ----------------------------------------------------------------------

    def write(self, record_type: str, rows: list[RowPlan]) -> None:
        """Write ``rows`` of one record type (the import calls this in dependency order)."""
        writers = {
            "sources": self.sources,
            "tags": self.tags,
            "entities": self.entities,
            "relations": self.relations,
            "spaces": self.spaces,
            "facts": self.facts,
            "contacts": self.contacts,
        }
        writers[record_type](rows)

    def sources(self, rows: list[RowPlan]) -> None:
        current = import_state.load_records(self.connection, "sources", [r.key for r in rows])
        for row in rows:
            changed = {c.field: row.values[c.field] for c in row.changes}
            values = self._columns(row.values if row.action == ADD else changed, _SOURCE_COLUMNS)
            if row.action == ADD:
                self.connection.execute(Source.__table__.insert().values(**values))
            else:
                self._update(Source, Source.id, current[row.key]["_id"], values)
            self._log(row, "source")
        self._sources = None

    def tags(self, rows: list[RowPlan]) -> None:
        for row in rows:
            if row.action == ADD:
                self.connection.execute(Tag.__table__.insert().values(**row.values))
            else:
                changed = {c.field: row.values[c.field] for c in row.changes}
                self._update(Tag, Tag.code, row.key, changed)
            self._log(row, "tag")

    def entities(self, rows: list[RowPlan]) -> None:
        adds = [row for row in rows if row.action == ADD]
        columns = (
            "slug",
            "name",
            "short_name",
            "kind",
            "description",
            "website",
            "location",
            "founded_year",
            "source_id",
            "verified_on",
            "verified_by",
            "created_at",
            "updated_at",
            "texts",
        )
        import_state.insert_many(
            self.connection,
            Entity.__table__,
            columns,
            [self._entity_tuple(row.values) for row in adds],
        )
        ids = import_state.entity_ids(self.connection, [row.key for row in rows])
        sectors, tags = [], []
        for row in adds:
            entity_id = ids[row.key]
            sectors += [(entity_id, code) for code in row.values.get("sectors", ())]
            tags += [(entity_id, code) for code in row.values.get("tags", ())]
            self._log(row, "entity")
        import_state.insert_many(
            self.connection, EntitySector.__table__, ("entity_id", "sector_code"), sectors
        )
        import_state.insert_many(
            self.connection, EntityTag.__table__, ("entity_id", "tag_code"), tags
        )
        for row in rows:
            if row.action == UPDATE:
                changed = {c.field: row.values[c.field] for c in row.changes}
                links = {name: changed.pop(name, None) for name in ("sectors", "tags")}
                values = self._columns(changed, _ENTITY_COLUMNS)
                self._update(Entity, Entity.id, ids[row.key], {**values, "updated_at": self.stamp})
                self._links(ids[row.key], links["sectors"], links["tags"], replace=True)
                self._log(row, "entity")

    def _entity_tuple(self, values: dict[str, Any]) -> tuple[Any, ...]:
        get = values.get
        return (
            values["slug"],
            values["name"],
            get("short_name"),
            values["kind"],
            get("description") or "",
            get("website"),
            get("location"),
            get("founded"),
            self.source_id(get("source")),
            get("verified_on"),
            get("verified_by"),
            self.stamp,
            self.stamp,
            get("texts"),
        )

    def relations(self, rows: list[RowPlan]) -> None:
        self._records(rows, "relations", Relation, _RELATION_COLUMNS, ("from", "to"), "relation")

    def spaces(self, rows: list[RowPlan]) -> None:
        self._records(rows, "spaces", SpaceOffer, _SPACE_COLUMNS, ("site",), "space")

    def _records(
        self,
        rows: list[RowPlan],
        sheet: str,
        model: type[Relation] | type[SpaceOffer],
        columns: dict[str, str],
        entity_fields: tuple[str, ...],
        record_type: str,
    ) -> None:
        """Add or update rows of a record table whose rows carry no timestamps of their own."""
        ids = self._ids(rows, *entity_fields)
        current = import_state.load_records(self.connection, sheet, [r.key for r in rows])
        for row in rows:
            if row.action == ADD:
                values = self._columns(row.values, columns, ids)
                self.connection.execute(model.__table__.insert().values(**values))
            else:
                changed = {c.field: row.values[c.field] for c in row.changes}
                values = self._columns(changed, columns, ids)
                self._update(model, model.id, current[row.key]["_id"], values)
            self._log(row, record_type)

    def facts(self, rows: list[RowPlan]) -> None:
        ids = self._ids(rows, "scope")
        current = import_state.load_records(self.connection, "facts", [r.key for r in rows])
        adds = []
        for row in rows:
            if row.action == ADD:
                values = self._columns(row.values, _FACT_COLUMNS, ids)
                values.setdefault("qualifier", "exact")
                adds.append({**values, "created_at": self.stamp, "updated_at": self.stamp})
            else:
                changed = {c.field: row.values[c.field] for c in row.changes}
                values = self._columns(changed, _FACT_COLUMNS, ids)
                values["updated_at"] = self.stamp
                self._update(Fact, Fact.id, current[row.key]["_id"], values)
            self._log(row, "fact")
        for values in adds:
            self.connection.execute(Fact.__table__.insert().values(**values))

    def contacts(self, rows: list[RowPlan]) -> None:
        ids = self._ids(rows, "organisation", "person")
        for row in rows:
            if row.key not in ids:  # a new person: the contact row brings the entity with it
                result = self.connection.execute(
                    Entity.__table__.insert().values(
                        slug=row.key,
                        name=row.values["name"],
                        kind="person",
                        description="",
                        created_at=self.stamp,
                        updated_at=self.stamp,
                    )
                )
                ids[row.key] = result.inserted_primary_key[0]
            fields = {k: v for k, v in row.values.items() if k not in ("person", "name")}
            changed = {c.field: row.values[c.field] for c in row.changes if c.field != "name"}
            if any(c.field == "name" for c in row.changes):
                self._update(
                    Entity,
                    Entity.id,
                    ids[row.key],
                    {"name": row.values["name"], "updated_at": self.stamp},
                )
            values = self._columns(fields if row.action == ADD else changed, _CONTACT_COLUMNS, ids)
            if row.action == ADD:
                values.setdefault("public", False)
                self.connection.execute(
                    Contact.__table__.insert().values(entity_id=ids[row.key], **values)
                )
            else:
                self._update(Contact, Contact.entity_id, ids[row.key], values)
            self._log(row, "contact")
