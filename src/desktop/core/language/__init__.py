"""Languages as data: every language's words, and a record's texts in other languages.

One catalogue per language for the vocabularies, the dossier's wording and the reasons for a
suggestion (:mod:`.catalogues`: English in the code, the rest in
``resources/translations/<code>.toml``), and the texts of knowledge-base records in other
languages, kept with each record (:mod:`.texts`). The window's own texts are Qt Linguist's.

May import: ``desktop.paths``.
"""
