"""What a dossier says: the curated brief turned into ``DossierData`` (its entities read in a
handful of queries), the pre-export findings, the snapshot for the sent register, and the words
of each dossier language.

May import: ``desktop.core``.
"""
