"""The team server's merge: every pushed change folded into ``team_record`` as it arrives.

Laptops only ever append to ``team_change`` (the history); two triggers owned by the team's
owner (``SECURITY DEFINER``, so a consultant needs no right to the merged tables) do the rest:

- ``team_stamp_change`` (before insert): takes the team's merge lock, then numbers the change
  with ``team_seq`` and stamps the time it arrived. One merging transaction at a time means
  numbers become visible in order: a laptop that has read up to number *n* has missed nothing
  below it, and reading "everything after *n*" is the whole incremental pull.
- ``team_merge_change`` (after insert, so a change sent twice — skipped by its primary key —
  merges once): folds the change into its record, field by field:

  * a field keeps the value of its latest version (versions are text that sorts in time order,
    compared byte-wise); a version already present changes nothing, so merging is idempotent
    and the result does not depend on the order changes arrive in;
  * when the replaced value was not what the author saw (the change's base is not the version
    it replaces) and came from another laptop, the loser is written to ``team_conflict`` with
    both values, authors and versions — whichever of the two arrived first;
  * a delete records which version of each field its author had seen; the record is deleted
    while no field has a version the deleters had not seen. An edit the deleter did not see
    (before or after the delete) keeps the record alive, and is listed as a conflict;
  * ``resolve`` marks a conflict as settled (taking the other value is an ordinary change).

Versions in ``versions`` are ``[version, base, author]`` per field; ``~created`` marks that the
record's create has arrived (a record is only written to a laptop once it has one).
"""

from __future__ import annotations

from typing import TYPE_CHECKING

if TYPE_CHECKING:
    from sqlalchemy import Connection

MERGE_LOCK = 7_362_516  # the advisory lock that serialises merging transactions

_STAMP = f"""
CREATE OR REPLACE FUNCTION team_stamp_change() RETURNS trigger
LANGUAGE plpgsql SECURITY DEFINER SET search_path = public, pg_temp AS $$
BEGIN
    PERFORM pg_advisory_xact_lock({MERGE_LOCK});
    NEW.seq := nextval('team_seq');
    NEW.received_at := (now() AT TIME ZONE 'UTC');
    RETURN NEW;
END
$$
"""

_CONFLICT = """
INSERT INTO team_conflict (seq, table_name, gid, field, kept_value, kept_version, kept_author,
                           lost_value, lost_version, lost_author)
"""

_MERGE = f"""
CREATE OR REPLACE FUNCTION team_merge_change() RETURNS trigger
LANGUAGE plpgsql SECURITY DEFINER SET search_path = public, pg_temp AS $$
DECLARE
    found_record boolean;
    record_table text;
    fields jsonb := '{{}}';
    versions jsonb := '{{}}';
    seen jsonb;
    was_deleted boolean := false;
    now_deleted boolean;
    incoming jsonb;
    field_base text;
    fname text;
    fvalue jsonb;
    current jsonb;
    unseen jsonb;
BEGIN
    IF NEW.op = 'resolve' THEN
        UPDATE team_conflict SET resolved_by = NEW.author, resolved_at = NEW.received_at,
                                 seq = NEW.seq
         WHERE id = NEW.field::bigint AND resolved_by IS NULL;
        RETURN NULL;
    END IF;

    SELECT r.table_name, r.fields::jsonb, r.versions::jsonb, r.deleted_seen::jsonb, r.deleted
      INTO record_table, fields, versions, seen, was_deleted
      FROM team_record r WHERE r.gid = NEW.gid FOR UPDATE;
    found_record := FOUND;
    IF NOT found_record THEN
        record_table := NEW.table_name;
        fields := '{{}}';
        versions := '{{}}';
        was_deleted := false;
    END IF;

    IF NEW.op = 'create' THEN
        incoming := NEW.new_value::jsonb;
        field_base := NULL;
        IF versions->'~created' IS NULL
           OR NEW.clock COLLATE "C" < (versions->'~created'->>0) COLLATE "C" THEN
            versions := jsonb_set(versions, '{{~created}}',
                                  jsonb_build_array(NEW.clock, NULL, NEW.author));
        END IF;
    ELSIF NEW.op = 'set' THEN
        incoming := jsonb_build_object(NEW.field, NEW.new_value::jsonb);
        field_base := NEW.base;
    ELSIF NEW.op = 'delete' THEN
        incoming := '{{}}';
        -- What this deleter saw, merged with what earlier deleters saw (latest per field).
        SELECT coalesce(jsonb_object_agg(k, v), '{{}}') INTO seen FROM (
            SELECT k, max(v COLLATE "C") AS v FROM (
                SELECT e.k, e.v FROM jsonb_each_text(coalesce(seen, '{{}}')) AS e(k, v)
                 WHERE e.k NOT LIKE '~%'
                UNION ALL
                SELECT b.k, b.v FROM jsonb_each_text(coalesce(NEW.base::jsonb, '{{}}')) AS b(k, v)
            ) both_sides GROUP BY k
        ) merged;
        seen := seen || jsonb_build_object('~by', NEW.author, '~at', NEW.clock);
        -- Edits the deleter had not seen keep the record: list the delete as the loser.
        SELECT jsonb_build_array(v.value->>0, v.value->>2) INTO unseen
          FROM jsonb_each(versions) v
         WHERE (v.value->>0) COLLATE "C" > coalesce(NEW.base::jsonb->>v.key, '') COLLATE "C"
           AND split_part(v.value->>0, '.', 2) <> NEW.replica
         ORDER BY (v.value->>0) COLLATE "C" DESC LIMIT 1;
        IF unseen IS NOT NULL THEN
            {_CONFLICT}
            VALUES (NEW.seq, record_table, NEW.gid, '', NULL, unseen->>0, unseen->>1,
                    '"deleted"', NEW.clock, NEW.author);
        END IF;
    ELSE
        RAISE EXCEPTION 'unknown change operation %', NEW.op;
    END IF;

    FOR fname, fvalue IN SELECT * FROM jsonb_each(incoming) LOOP
        current := versions->fname;
        IF current IS NULL OR NEW.clock COLLATE "C" > (current->>0) COLLATE "C" THEN
            IF current IS NOT NULL AND fields->fname IS DISTINCT FROM fvalue
               AND field_base IS DISTINCT FROM current->>0
               AND split_part(current->>0, '.', 2) <> NEW.replica THEN
                {_CONFLICT}
                VALUES (NEW.seq, record_table, NEW.gid, fname, fvalue::text, NEW.clock, NEW.author,
                        (fields->fname)::text, current->>0, current->>2);
            END IF;
            fields := jsonb_set(fields, ARRAY[fname], fvalue);
            versions := jsonb_set(versions, ARRAY[fname],
                                  jsonb_build_array(NEW.clock, field_base, NEW.author));
        ELSIF NEW.clock COLLATE "C" < (current->>0) COLLATE "C" THEN
            IF fields->fname IS DISTINCT FROM fvalue
               AND (current->>1) IS DISTINCT FROM NEW.clock
               AND split_part(current->>0, '.', 2) <> NEW.replica THEN
                {_CONFLICT}
                VALUES (NEW.seq, record_table, NEW.gid, fname, (fields->fname)::text, current->>0,
                        current->>2, fvalue::text, NEW.clock, NEW.author);
            END IF;
        END IF;
    END LOOP;

    now_deleted := seen IS NOT NULL AND NOT EXISTS (
        SELECT 1 FROM jsonb_each(versions) v
         WHERE (v.value->>0) COLLATE "C" > coalesce(seen->>v.key, '') COLLATE "C");
    IF was_deleted AND NOT now_deleted AND NEW.op <> 'delete' THEN
        {_CONFLICT}
        VALUES (NEW.seq, record_table, NEW.gid, '', NULL, NEW.clock, NEW.author,
                '"deleted"', seen->>'~at', seen->>'~by');
    END IF;

    INSERT INTO team_record AS r (gid, table_name, fields, versions, deleted_seen, deleted, seq)
    VALUES (NEW.gid, record_table, fields::text, versions::text, seen::text, now_deleted, NEW.seq)
    ON CONFLICT (gid) DO UPDATE
       SET fields = excluded.fields, versions = excluded.versions,
           deleted_seen = excluded.deleted_seen, deleted = excluded.deleted, seq = excluded.seq;
    RETURN NULL;
END
$$
"""

STATEMENTS = (
    "CREATE SEQUENCE IF NOT EXISTS team_seq",
    _STAMP,
    _MERGE,
    "DROP TRIGGER IF EXISTS team_change_stamp ON team_change",
    "CREATE TRIGGER team_change_stamp BEFORE INSERT ON team_change"
    " FOR EACH ROW EXECUTE FUNCTION team_stamp_change()",
    "DROP TRIGGER IF EXISTS team_change_merge ON team_change",
    "CREATE TRIGGER team_change_merge AFTER INSERT ON team_change"
    " FOR EACH ROW EXECUTE FUNCTION team_merge_change()",
    # Nobody calls the functions directly; the triggers run them as their owner.
    "REVOKE ALL ON FUNCTION team_stamp_change() FROM PUBLIC",
    "REVOKE ALL ON FUNCTION team_merge_change() FROM PUBLIC",
)


def install_merge(connection: Connection) -> None:
    """Create (or replace) the sequence, both functions and both triggers."""
    for statement in STATEMENTS:
        # The driver reads % as a placeholder even without parameters; LIKE '~%' needs %%.
        connection.exec_driver_sql(statement.replace("%", "%%"))


def merge_installed(connection: Connection) -> bool:
    found = connection.exec_driver_sql(
        "SELECT count(*) FROM pg_trigger WHERE tgname IN ('team_change_stamp', 'team_change_merge')"
    ).scalar_one()
    return found == 2
