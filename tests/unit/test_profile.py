"""Investor profiles: the examples load, and every mistake gives a located, one-line error."""

from __future__ import annotations

import random
import re
from pathlib import Path

import pytest

from desktop.core.briefs.profile import (
    MAX_PROFILE_BYTES,
    InvestorProfile,
    load_profile,
    parse_profile,
)
from desktop.core.briefs.profile_errors import ProfileError
from desktop.core.briefs.toml_keys import key_lines
from desktop.core.errors import DossierError
from desktop.core.kb import taxonomy
from desktop.core.kb import vocabulary as prospect_vocab

EXAMPLES = Path(__file__).resolve().parents[2] / "examples"
ACME = EXAMPLES / "acme-cell-therapy.toml"
ACME_TEXT = ACME.read_text("utf-8")

MINIMAL = """\
[investor]
name = "Minimal Example Ltd."

[interest]
sectors = ["medtech"]
"""


def line_of(text: str, snippet: str, occurrence: int = 1) -> int:
    """The 1-based line of the ``occurrence``-th line containing ``snippet``."""
    hits = [number for number, line in enumerate(text.splitlines(), 1) if snippet in line]
    assert len(hits) >= occurrence, f"{snippet!r} not in text"
    return hits[occurrence - 1]


def replaced(old: str, new: str, text: str = ACME_TEXT) -> str:
    assert old in text, f"{old!r} not in the example"
    return text.replace(old, new, 1)


def profile_error(text: str) -> ProfileError:
    with pytest.raises(ProfileError) as caught:
        parse_profile(text, source="examples/x.toml")
    message = str(caught.value)
    assert "\n" not in message and message.startswith("examples/x.toml")
    return caught.value


# --- the examples ----------------------------------------------------------------------------


def test_acme_example_loads_as_documented() -> None:
    profile = load_profile(ACME)
    assert profile == InvestorProfile(
        name="Acme Cell Therapeutics Inc.",
        code_name="Project Aurora",
        use_code_name=False,
        country="US",
        sectors=("cell-gene-therapy",),
        activities=("manufacturing", "rd"),
        requirements=(
            "gmp-manufacturing",
            "cleanroom",
            "cold-chain-logistics",
            "air-freight",
            "talent-graduates",
            "research-partners",
        ),
        keywords=("CAR-T", "autologous", "Kymriah"),
        needs=profile.needs,
        template="full",
        language="en",
        consultant=None,
    )
    assert profile.needs is not None and profile.needs.startswith("A first European GMP site")
    assert profile.display_name == "Acme Cell Therapeutics Inc."


@pytest.mark.parametrize("path", sorted(EXAMPLES.glob("*.toml")), ids=lambda path: path.name)
def test_every_example_loads(path: Path) -> None:
    profile = load_profile(path)
    assert profile.sectors and profile.name


def test_examples_cover_the_options() -> None:
    profiles = [load_profile(path) for path in sorted(EXAMPLES.glob("*.toml"))]
    assert len(profiles) >= 3
    assert {profile.template for profile in profiles} == set(prospect_vocab.TEMPLATES)
    assert {profile.language for profile in profiles} == set(prospect_vocab.LANGUAGES)
    confidential = [profile for profile in profiles if profile.use_code_name]
    assert "Project Heron" in [profile.display_name for profile in confidential]
    german = [profile for profile in profiles if profile.language == "de"]
    assert german[0].sectors == ("digital-health", "ai-data", "clinical-research")
    assert {"ai-data-partners", "biobank-access", "office-space"} <= set(german[0].requirements)


def test_readme_documents_every_key_and_code() -> None:
    readme = (EXAMPLES / "README.md").read_text("utf-8")
    for key in ("name", "code_name", "use_code_name", "country", "sectors", "activities"):
        assert f"`{key}`" in readme
    for key in ("requirements", "keywords", "needs", "template", "language", "consultant"):
        assert f"`{key}`" in readme
    for vocabulary in (
        taxonomy.SECTORS,
        prospect_vocab.ACTIVITIES,
        prospect_vocab.REQUIREMENTS,
        prospect_vocab.TEMPLATES,
        prospect_vocab.LANGUAGES,
    ):
        for code in vocabulary:
            assert f"`{code}`" in readme, code
    for path in EXAMPLES.glob("*.toml"):
        assert path.name in readme


# --- what a valid profile becomes ------------------------------------------------------------


def test_defaults_for_optional_fields() -> None:
    profile = parse_profile(MINIMAL)
    assert profile == InvestorProfile(
        name="Minimal Example Ltd.",
        code_name=None,
        use_code_name=False,
        country=None,
        sectors=("medtech",),
        activities=(),
        requirements=(),
        keywords=(),
        needs=None,
        template="full",
        language="en",
        consultant=None,
    )


def test_strings_are_stripped_and_duplicates_removed_in_order() -> None:
    text = """\
[investor]
name = "  Spaced Example AG \t"
code_name = "   "
country = " DE "
[interest]
sectors = ["medtech", " diagnostics ", "medtech"]
requirements = ["office-space", "cleanroom", "office-space", " cleanroom"]
keywords = [" CAR-T", "autologous", "car-t ", "CAR-T"]
needs = "  \\n  "
[dossier]
consultant = " Erika Mustermann "
"""
    profile = parse_profile(text)
    assert profile.name == "Spaced Example AG"
    assert profile.code_name is None  # blank optional strings count as absent
    assert profile.country == "DE"
    assert profile.sectors == ("medtech", "diagnostics")
    assert profile.requirements == ("office-space", "cleanroom")
    assert profile.keywords == ("CAR-T", "autologous")
    assert profile.needs is None
    assert profile.consultant == "Erika Mustermann"


def test_display_name() -> None:
    open_profile = parse_profile(ACME_TEXT)
    assert open_profile.display_name == "Acme Cell Therapeutics Inc."
    hidden = parse_profile(replaced("use_code_name = false", "use_code_name = true"))
    assert hidden.display_name == "Project Aurora"
    assert hidden.name == "Acme Cell Therapeutics Inc."


def test_dotted_and_quoted_keys_are_accepted_and_located() -> None:
    text = """\
investor.name = "Dotted Example GmbH"
"interest".'sectors' = ["medtech"]
interest."requirements" = ["lab-space-s9"]
"""
    error = profile_error(text)
    assert (error.key, error.line) == ("interest.requirements", 3)
    profile = parse_profile(text.replace("lab-space-s9", "lab-space-s1"))
    assert profile.name == "Dotted Example GmbH"
    assert profile.requirements == ("lab-space-s1",)


def test_byte_order_mark_and_crlf_are_accepted(tmp_path: Path) -> None:
    path = tmp_path / "windows.toml"
    path.write_bytes(b"\xef\xbb\xbf" + ACME_TEXT.replace("\n", "\r\n").encode("utf-8"))
    profile = load_profile(path)
    assert profile.name == "Acme Cell Therapeutics Inc."
    assert profile.needs is not None and "\r" not in profile.needs


# --- mistakes: key and line named ------------------------------------------------------------

# (description, old, new, key, line marker, words the message must contain)
MISTAKES = [
    (
        "unknown table",
        "[investor]",
        "[investr]",
        "investr",
        "[investr]",
        ["unknown table [investr]", "did you mean [investor]?"],
    ),
    (
        "unknown key",
        "keywords = [",
        "keyword = [",
        "interest.keyword",
        "keyword = [",
        ["[interest] keyword: unknown key", "did you mean 'keywords'?"],
    ),
    (
        "key under the wrong table",
        'language = "en"',
        'language = "en"\nneeds = "x"',
        "dossier.needs",
        'needs = "x"',
        ["belongs under [interest]"],
    ),
    (
        "top-level key",
        "[investor]",
        'consultant = "A. Person"\n[investor]',
        "consultant",
        'consultant = "A. Person"',
        ["belongs under the [dossier] header"],
    ),
    (
        "sectors not a list",
        'sectors = ["cell-gene-therapy"]',
        'sectors = "cell-gene-therapy"',
        "interest.sectors",
        "sectors =",
        ["[interest] sectors: expected a list of strings", "got the string"],
    ),
    (
        "list item not a string",
        '"cleanroom",',
        "42,",
        "interest.requirements",
        "requirements = [",
        ["item 2 must be a string", "got the number 42"],
    ),
    (
        "bool as a string",
        "use_code_name = false",
        'use_code_name = "yes"',
        "investor.use_code_name",
        "use_code_name =",
        ["[investor] use_code_name: expected true or false (no quotes)", "'yes'"],
    ),
    (
        "name not a string",
        'name = "Acme Cell Therapeutics Inc."',
        "name = 7",
        "investor.name",
        "name = 7",
        ["expected a string in quotes, got the number 7"],
    ),
    (
        "name missing",
        'name = "Acme Cell Therapeutics Inc."\n',
        "",
        "investor.name",
        "[investor]",
        ["[investor] name: missing"],
    ),
    (
        "name blank",
        'name = "Acme Cell Therapeutics Inc."',
        'name = "  \t "',
        "investor.name",
        "name =",
        ["[investor] name: must not be empty"],
    ),
    (
        "name on two lines",
        'name = "Acme Cell Therapeutics Inc."',
        'name = "Acme\\nCell"',
        "investor.name",
        "name =",
        ["single line"],
    ),
    (
        "sectors missing",
        'sectors = ["cell-gene-therapy"]\n',
        "",
        "interest.sectors",
        "[interest]",
        ["[interest] sectors: missing", "cell-gene-therapy"],
    ),
    (
        "sectors empty",
        'sectors = ["cell-gene-therapy"]',
        "sectors = [  ]",
        "interest.sectors",
        "sectors =",
        ["needs at least one code", "expected one of: ai-data, basic-research"],
    ),
    (
        "code name missing when asked for",
        'code_name = "Project Aurora"      # optional\nuse_code_name = false',
        "use_code_name = true",
        "investor.code_name",
        "[investor]",
        ["[investor] code_name: required when use_code_name = true"],
    ),
    (
        "code name blank when asked for",
        'code_name = "Project Aurora"      # optional\nuse_code_name = false',
        'code_name = " "\nuse_code_name = true',
        "investor.code_name",
        "code_name =",
        ["required when use_code_name = true"],
    ),
    (
        "unknown requirement in a multi-line list",
        '"gmp-manufacturing",',
        '"gmp",',
        "interest.requirements",
        "requirements = [",
        [
            "[interest] requirements: unknown code 'gmp' (did you mean 'gmp-manufacturing'?)",
            "expected one of: ai-data-partners, air-freight, biobank-access, cleanroom,",
        ],
    ),
    (
        "unknown sector close to a valid one",
        '"cell-gene-therapy"',
        '"cell-and-gene-therapy"',
        "interest.sectors",
        "sectors =",
        ["unknown code 'cell-and-gene-therapy' (did you mean 'cell-gene-therapy'?)"],
    ),
    (
        "unknown activity",
        '"manufacturing", "rd"',
        '"manufacturing", "R&D"',
        "interest.activities",
        "activities =",
        ["unknown code 'R&D'", "expected one of: clinical-trials, headquarters"],
    ),
    (
        "unknown template",
        'template = "full"',
        'template = "long"',
        "dossier.template",
        "template =",
        ["[dossier] template: unknown code 'long' — expected one of: full, onepager"],
    ),
    (
        "unknown language",
        'language = "en"',
        'language = "fr"',
        "dossier.language",
        "language =",
        ["expected one of: de, en"],
    ),
    (
        "country in lower case",
        'country = "US"',
        'country = "us"',
        "investor.country",
        "country =",
        ["not an ISO 3166-1 alpha-2 code", "did you mean 'US'?"],
    ),
    (
        "country as a name",
        'country = "US"',
        'country = "United States"',
        "investor.country",
        "country =",
        ["two upper-case letters"],
    ),
    (
        "table as a value",
        "[dossier]",
        "[[dossier]]",
        "dossier",
        "[[dossier]]",
        ["[dossier] must be a table", "not a list"],
    ),
    (
        "keyword not a list",
        'keywords = ["CAR-T", "autologous", "Kymriah"]',
        'keywords = {"a" = 1}',
        "interest.keywords",
        "keywords =",
        ["expected a list of strings", "got a table"],
    ),
]


@pytest.mark.parametrize(
    ("old", "new", "key", "marker", "words"),
    [case[1:] for case in MISTAKES],
    ids=[case[0] for case in MISTAKES],
)
def test_mistake_is_located(old: str, new: str, key: str, marker: str, words: list[str]) -> None:
    text = replaced(old, new)
    error = profile_error(text)
    expected_line = line_of(text, marker)
    assert error.key == key
    assert error.line == expected_line
    assert str(error).startswith(f"examples/x.toml, line {expected_line}: ")
    for word in words:
        assert word in str(error)
    assert isinstance(error, DossierError)


def test_missing_table_has_no_line() -> None:
    text = ACME_TEXT[: ACME_TEXT.index("[interest]")]
    error = profile_error(text)
    assert (error.key, error.line) == ("interest", None)
    assert str(error).startswith("examples/x.toml: the [interest] table is missing")


def test_keys_inside_strings_and_comments_are_not_mistaken_for_keys() -> None:
    lines = [
        "[investor]",
        'name = "Careful Example SE"',
        "[interest]",
        "needs = '''",
        "[dossier]",
        "keywords = 1",
        "'''",
        "# notes = 2",
        '"notes" = """',
        "notes = 3",
        'sectors = ["x"]"""',
        "sectors = [",
        '  "medtech",  # notes = 4',
        "]",
    ]
    error = profile_error("\n".join(lines))
    assert (error.key, error.line) == ("interest.notes", 9)
    assert "did you mean 'needs'?" in str(error)


def test_line_of_a_key_after_multi_line_values() -> None:
    text = """\
[investor]
name = "Careful Example SE"
[interest]
needs = '''
[dossier]
keywords = 1
'''
# keywords = 2
sectors = [
  "medtech",  # keywords = 4
  "surgery",
]
activities = ["rd"]
keywords = ["a", 5]
"""
    error = profile_error(text)
    assert (error.key, error.line) == ("interest.keywords", 14)
    assert "item 2 must be a string" in str(error)


def test_key_lines_of_a_table_declared_after_its_sub_table() -> None:
    text = "[investor.extra]\nx = 1\n\n[investor]\nuse_code_name = true\n"
    assert key_lines(text)[("investor",)] == 4
    assert key_lines(text)[("investor", "extra", "x")] == 2


# --- TOML syntax ----------------------------------------------------------------------------


@pytest.mark.parametrize(
    ("old", "new", "line_marker", "words"),
    [
        ('country = "US"', 'country = "US', "country =", ["closing quote is missing"]),
        ('country = "US"', "country = US", "country =", ["Invalid value", "strings need quotes"]),
        ("[dossier]", "[interest]", "[interest]", ["[interest] appears twice"]),
        ('template = "full"', 'template "full"', "template", ["Expected '='"]),
        ('development.\n"""', "development.\n", 'needs = """', ["a string is not closed"]),
    ],
)
def test_syntax_error_is_located(old: str, new: str, line_marker: str, words: list[str]) -> None:
    text = replaced(old, new)
    error = profile_error(text)
    line = line_of(text, line_marker, 2 if new == "[interest]" else 1)
    assert error.line == line
    assert re.match(rf"examples/x\.toml, line {line}(, column \d+)?: not valid TOML: ", str(error))
    for word in words:
        assert word in str(error)


def test_syntax_error_reports_tomllib_column() -> None:
    error = profile_error('[investor]\nname = "A"\ncountry = @\n')
    assert str(error).startswith("examples/x.toml, line 3, column 11: not valid TOML:")


def test_deep_nesting_and_huge_numbers_are_profile_errors() -> None:
    assert "nested too deeply" in str(profile_error("a = " + "[" * 50_000))
    assert "not valid TOML" in str(profile_error("a = " + "9" * 5_000))


# --- the file -------------------------------------------------------------------------------


def test_missing_file(tmp_path: Path) -> None:
    with pytest.raises(ProfileError, match="file not found"):
        load_profile(tmp_path / "nope.toml")


def test_folder_instead_of_file(tmp_path: Path) -> None:
    with pytest.raises(ProfileError, match="is a folder"):
        load_profile(tmp_path)


def test_not_utf8(tmp_path: Path) -> None:
    path = tmp_path / "latin1.toml"
    path.write_bytes(MINIMAL.replace("Minimal", "Münchner").encode("latin-1"))
    with pytest.raises(ProfileError, match="not UTF-8 text") as caught:
        load_profile(path)
    assert caught.value.line == 2


def test_utf16_is_refused(tmp_path: Path) -> None:
    path = tmp_path / "utf16.toml"
    path.write_bytes(MINIMAL.encode("utf-16"))
    with pytest.raises(ProfileError, match="save the file as UTF-8"):
        load_profile(path)


def test_unreadable_file(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    path = tmp_path / "secret.toml"
    path.write_text(MINIMAL, "utf-8")

    def refuse(self: Path, *args: object, **kwargs: object) -> None:
        raise PermissionError(13, "Permission denied")

    monkeypatch.setattr(Path, "open", refuse)
    with pytest.raises(ProfileError, match="cannot read the file: permission denied"):
        load_profile(path)


def test_too_big(tmp_path: Path) -> None:
    path = tmp_path / "huge.toml"
    path.write_text(MINIMAL + "# padding\n" * (MAX_PROFILE_BYTES // 10), "utf-8")
    with pytest.raises(ProfileError, match="larger than 1 MB"):
        load_profile(path)
    with pytest.raises(ProfileError, match="larger than 1 MB"):
        parse_profile(path.read_text("utf-8"))


def test_error_names_the_path(tmp_path: Path) -> None:
    path = tmp_path / "bad.toml"
    path.write_text(MINIMAL.replace("medtech", "medical"), "utf-8")
    with pytest.raises(ProfileError) as caught:
        load_profile(path)
    assert caught.value.path == path
    assert str(caught.value).startswith(f"{path}, line 5: [interest] sectors: unknown code")
    assert caught.value.reason.startswith("[interest] sectors: unknown code 'medical'")


# --- fuzz ------------------------------------------------------------------------------------

SWAPS = ['"x"', '""', "1", "-1.5", "true", "[]", '[1, "a"]', '["medtech"]', "{a = 1}", "1979-05-27"]


def mangled_variants() -> list[str]:
    rng = random.Random(20240611)
    lines = ACME_TEXT.splitlines(keepends=True)
    variants = [ACME_TEXT[:cut] for cut in range(0, len(ACME_TEXT), 29)]
    for _ in range(40):
        kept = list(lines)
        for _ in range(rng.randint(1, 4)):
            del kept[rng.randrange(len(kept))]
        variants.append("".join(kept))
    for number, line in enumerate(lines):
        if "=" in line and not line.lstrip().startswith("#"):
            key = line.split("=", 1)[0]
            for swap in SWAPS:
                variants.append(
                    "".join([*lines[:number], f"{key}= {swap}\n", *lines[number + 1 :]])
                )
    for _ in range(60):
        chars = list(ACME_TEXT)
        for _ in range(rng.randint(1, 3)):
            position = rng.randrange(len(chars))
            chars[position] = rng.choice(['"', "'", "[", "]", "=", "\n", "#", ".", "\\", "x", ""])
        variants.append("".join(chars))
    return variants


def test_fuzz_gives_a_profile_or_a_profile_error() -> None:
    variants = mangled_variants()
    assert len(variants) > 200
    outcomes = {"valid": 0, "error": 0}
    for text in variants:
        key_lines(text)  # the line finder must cope with anything
        try:
            profile = parse_profile(text, source="fuzz.toml")
        except ProfileError as error:
            message = str(error)
            assert "\n" not in message and message.startswith("fuzz.toml"), message
            assert error.line is None or 1 <= error.line <= text.count("\n") + 1, message
            outcomes["error"] += 1
        else:
            assert isinstance(profile, InvestorProfile)
            assert profile.name and profile.sectors
            outcomes["valid"] += 1
    assert outcomes["valid"] > 10 and outcomes["error"] > 100


def test_key_set_twice_is_named() -> None:
    text = replaced('country = "US"', 'country = "US"\ncountry = "DE"')
    error = profile_error(text)
    assert (error.key, error.line) == ("investor.country", line_of(text, 'country = "DE"'))
    assert "investor.country is set twice" in str(error)
