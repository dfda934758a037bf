"""Suggestions: what in the knowledge base an expert would propose to one investor, and why.

The investor's interest and the entities' offer (:mod:`.interest`), the rules that say which
entity serves which requirement and on what sourced basis (:mod:`.rules`), the scoring part by
part (:mod:`.scoring`), the ranking with diminishing returns and the shortlist
(:mod:`.matching`), each reason in the brief's language (:mod:`.reasons`), loading it all from
the database (:mod:`.suggest`) and learning from the consultant's earlier choices
(:mod:`.choices`). Briefs (:mod:`desktop.core.briefs`) are filled from here.

May import: ``desktop.core.kb``, ``desktop.core.storage``, ``desktop.core.search``.
"""
