"""A realistic, hand-built DossierData (English or German) for previews, benchmarks and tests.

Entities, figures and the source come from the seeded knowledge base (``db/seed``), reworded
where the seed gives no German; the consultant is fictional (example.org), the investor is a
code name. ``scaled_sample`` repeats the cards to reach a size for timing the renderer.
"""

from __future__ import annotations

from dataclasses import replace
from datetime import date

from desktop.dossier.model import ChartBar, ContactCard, DossierChart, DossierData, EvidenceRow
from desktop.dossier.sample_entities import PROFILE, profile_fact, sample_sections

_fact = profile_fact


def sample_data(language: str = "en", template: str = "full") -> DossierData:
    """The sample dossier for a cell-therapy manufacturer scouting Leipzig."""
    de = language == "de"

    def t(en: str, german: str) -> str:
        return german if de else en

    sections = sample_sections(t)
    students = [
        (
            t(
                "University of Leipzig and other higher education",
                "Universität Leipzig und weitere Hochschulen",
            ),
            40000,
            t("40,000 students", "40.000 Studierende"),
        ),
        (
            t(
                "Medical Faculty (human and dental medicine)",
                "Medizinische Fakultät (Human- und Zahnmedizin)",
            ),
            3100,
            t("3,100 students", "3.100 Studierende"),
        ),
        (
            t(
                "Faculty of Life Sciences, graduate students",
                "Fakultät für Lebenswissenschaften, Graduierte",
            ),
            1200,
            t("1,200 students", "1.200 Studierende"),
        ),
        (
            t(
                "Faculty of Life Sciences, PhD students",
                "Fakultät für Lebenswissenschaften, Promovierende",
            ),
            500,
            t("500 students", "500 Promovierende"),
        ),
    ]
    return DossierData(
        template=template,
        language=language,
        prepared_for=t(
            "Project Aurora (cell therapy manufacturer)", "Projekt Aurora (Zelltherapie-Hersteller)"
        ),
        prepared_on=date(2026, 11, 26),
        consultant=ContactCard(
            name="Jana Beispiel",
            role=t(
                "Senior Investor Consultant, Life Sciences",
                "Senior-Investorenberaterin Life Sciences",
            ),
            organisation="Life Sciences Leipzig — Investor Services",
            phone="+49 341 555 0142",
            email="jana.beispiel@example.org",
        ),
        summary=[
            t(
                "Two of the eight EU-approved ATMPs are manufactured in Leipzig — GMP know-how "
                "for cell therapies is already here.",
                "Zwei der acht in der EU zugelassenen ATMPs werden in Leipzig hergestellt – "
                "GMP-Erfahrung mit Zelltherapien ist vor Ort.",
            ),
            t(
                "S1/S2 laboratory, office and production space is available now on the BioCity "
                "Campus.",
                "S1/S2-Labor-, Büro- und Produktionsflächen sind auf dem BioCity Campus sofort "
                "verfügbar.",
            ),
            t(
                "More than 350 clinical trials in ten years and two biobanks support clinical "
                "development.",
                "Mehr als 350 klinische Studien in zehn Jahren und zwei Biobanken stützen die "
                "klinische Entwicklung.",
            ),
            t(
                "An IATA CEIV Pharma warehouse at Leipzig/Halle Airport connects the cold chain "
                "to the world.",
                "Ein IATA-CEIV-Pharma-Lager am Flughafen Leipzig/Halle verbindet die Kühlkette "
                "mit der Welt.",
            ),
        ],
        sections=sections,
        key_facts=[
            _fact(
                t(
                    "EU-approved ATMPs manufactured in Leipzig",
                    "In Leipzig hergestellte, in der EU zugelassene ATMPs",
                ),
                t("2 of 8", "2 von 8"),
                2,
            ),
            _fact(
                t(
                    "Clinical trials conducted in Leipzig",
                    "In Leipzig durchgeführte klinische Studien",
                ),
                t("more than 350 over 10 years", "mehr als 350 in 10 Jahren"),
                350,
            ),
            _fact(
                t(
                    "Logistics companies based in the Leipzig region",
                    "Logistikunternehmen in der Region Leipzig",
                ),
                t("more than 1,500 companies", "mehr als 1.500 Unternehmen"),
                1500,
            ),
            _fact(
                t(
                    "Students at the University of Leipzig and other institutions of higher "
                    "education",
                    "Studierende an der Universität Leipzig und weiteren Hochschulen",
                ),
                t("40,000 students", "40.000 Studierende"),
                40000,
            ),
            _fact(
                t(
                    "Blood products needed at the University Hospital Leipzig",
                    "Bedarf an Blutprodukten am Universitätsklinikum Leipzig",
                ),
                t("more than 4,000 per month", "mehr als 4.000 pro Monat"),
                4000,
            ),
            _fact(
                t(
                    "Land at the old Leipzig Trade Fair grounds",
                    "Fläche auf dem Alten Messegelände Leipzig",
                ),
                t("more than 500,000 square metres", "mehr als 500.000 Quadratmeter"),
                500000,
            ),
        ],
        evidence=[
            EvidenceRow(
                t("GMP manufacturing", "GMP-Herstellung"),
                ["Fraunhofer IZI", "CO.DON"],
                t(
                    "CDMO with GMP process development; ATMP production on site.",
                    "CDMO mit GMP-Prozessentwicklung; ATMP-Produktion vor Ort.",
                ),
            ),
            EvidenceRow(
                t("S2 laboratory space", "S2-Laborflächen"),
                ["BioCube Leipzig"],
                t("S2 standard laboratories available now.", "S2-Standardlabore sofort verfügbar."),
            ),
            EvidenceRow(
                t("Clinical trials", "Klinische Studien"),
                [
                    "ZKS",
                    t(
                        "Clinical trials conducted in Leipzig",
                        "In Leipzig durchgeführte klinische Studien",
                    ),
                ],
                t(
                    "Trial planning to evaluation; more than 350 trials in ten years.",
                    "Von der Planung bis zur Auswertung; mehr als 350 Studien in zehn Jahren.",
                ),
            ),
            EvidenceRow(
                t("Biobank access", "Zugang zu Biobanken"),
                [t("Leipzig Medical Biobank", "Leipziger Medizinische Biobank")],
                None,
            ),
            EvidenceRow(
                t("Cold-chain logistics", "Kühlkettenlogistik"),
                ["DHL Pharma Logistics Warehouse", "World Courier"],
                t(
                    "IATA CEIV Pharma storage at the airport; pharma courier services.",
                    "IATA-CEIV-Pharma-Lager am Flughafen; Pharma-Kurierdienste.",
                ),
            ),
            EvidenceRow(t("Regulatory support", "Regulatorische Unterstützung"), [], None),
        ],
        charts=[
            DossierChart(
                t("Students in Leipzig", "Studierende in Leipzig"),
                [ChartBar(label, value, text) for label, value, text in students],
                PROFILE,
            )
        ],
        sources=[PROFILE],
        contacts=[
            ContactCard(
                name="Florian Schmidtner",
                role=t("Head of Investor Consulting", "Leiter Investorenberatung"),
                organisation="Invest Region Leipzig",
                phone="+49 341 2682 7780",
            ),
        ],
        keywords=["Leipzig", "life sciences", "cell therapy", "GMP"],
        subject=t(
            "Location dossier: cell and gene therapy manufacturing",
            "Standortdossier: Herstellung von Zell- und Gentherapien",
        ),
    )


def scaled_sample(entities: int = 40, language: str = "en", template: str = "full") -> DossierData:
    """The sample with its cards repeated to ``entities`` cards over the same four sections."""
    base = sample_data(language, template)
    pool = [entity for section in base.sections for entity in section.entities]
    sections = []
    for index, section in enumerate(base.sections):
        count = entities // len(base.sections) + (1 if index < entities % len(base.sections) else 0)
        cards = [
            replace(pool[(index * 7 + n) % len(pool)], slug=f"{section.key}-{n}")
            for n in range(count)
        ]
        sections.append(replace(section, entities=cards))
    return replace(base, sections=sections)
