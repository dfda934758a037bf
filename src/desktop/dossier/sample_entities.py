"""The sample dossier's entities and sections (split from ``sample.py`` to keep both short).

Names, descriptions, tags, space and figures follow the seeded knowledge base (``db/seed``);
German wording is ours. Only facts the seed's source states are used.
"""

from __future__ import annotations

from collections.abc import Callable

from desktop.dossier.model import (
    DossierEntity,
    DossierFact,
    DossierSection,
    DossierSpace,
    SourceNote,
)

PROFILE = SourceNote(
    title="Leipzig life sciences cluster profile",
    publisher="Invest Region Leipzig",
    published=None,
    accessed_on="2026-11-26",
    file_name="leipzig-life-sciences-cluster.txt",
)


def profile_fact(
    label: str, text: str, value: float | None = None, unit: str | None = None
) -> DossierFact:
    """A figure from the cluster profile, which is undated."""
    return DossierFact(label=label, text=text, source=PROFILE, as_of=None, value=value, unit=unit)


def sample_sections(t: Callable[[str, str], str]) -> list[DossierSection]:
    """Four sections of two entities each; ``t(english, german)`` picks the language."""
    _fact = profile_fact
    available = t("available", "verfügbar")
    izi = DossierEntity(
        slug="fraunhofer-izi",
        name=t(
            "Fraunhofer Institute for Cell Therapy and Immunology",
            "Fraunhofer-Institut für Zelltherapie und Immunologie",
        ),
        short_name="Fraunhofer IZI",
        kind=t("Research institute", "Forschungsinstitut"),
        location="BioCity Campus, Leipzig",
        description=t(
            "Researches oncology and immunological, infectious and neurodegenerative diseases "
            "and works as a full-service CDMO for companies, hospitals and laboratories. Its "
            "core competence is developing, validating and automating GMP-compliant "
            "manufacturing processes; the production process for Novartis' CAR-T product "
            "Kymriah® was set up in cooperation with the institute.",
            "Forscht zu Onkologie sowie immunologischen, infektiösen und neurodegenerativen "
            "Erkrankungen und arbeitet als Full-Service-CDMO für Unternehmen, Kliniken und "
            "Labore. Kernkompetenz ist die Entwicklung, Validierung und Automatisierung "
            "GMP-konformer Herstellungsprozesse; der Herstellungsprozess für das CAR-T-Produkt "
            "Kymriah® von Novartis entstand in Kooperation mit dem Institut.",
        ),
        why=t(
            "Serves GMP manufacturing and process development: GMP, CDMO, CAR-T",
            "Deckt GMP-Herstellung und Prozessentwicklung ab: GMP, CDMO, CAR-T",
        ),
        sectors=[
            t("Cell and gene therapy", "Zell- und Gentherapie"),
            t("Biotech and pharma", "Biotech und Pharma"),
        ],
        tags=["GMP", "CDMO", "CAR-T"],
        note=t(
            "We can ask the institute for a meeting on GMP process transfer during your site "
            "visit.",
            "Gern fragen wir beim Institut ein Gespräch zum GMP-Prozesstransfer während Ihres "
            "Standortbesuchs an.",
        ),
        source=PROFILE,
    )
    codon = DossierEntity(
        slug="co-don",
        name="CO.DON",
        short_name=None,
        kind=t("Company", "Unternehmen"),
        location="Leipzig",
        description=t(
            "Manufactures Spherox®, an ATMP that uses a patient's own cells to repair damaged "
            "articular cartilage, in a Leipzig GMP facility for human cells that the cluster "
            "profile ranks among the largest and most advanced in the world.",
            "Stellt Spherox® her, ein ATMP aus körpereigenen Zellen zur Behandlung von "
            "Knorpelschäden, in einer Leipziger GMP-Anlage für humane Zellen, die das "
            "Clusterprofil zu den größten und modernsten der Welt zählt.",
        ),
        why=t(
            "Proof that ATMPs are manufactured at scale here: ATMP, GMP",
            "Beleg, dass hier ATMPs im industriellen Maßstab entstehen: ATMP, GMP",
        ),
        sectors=[t("Cell and gene therapy", "Zell- und Gentherapie")],
        tags=["ATMP", "GMP", t("Regenerative medicine", "Regenerative Medizin")],
        facts=[
            _fact(
                t(
                    "EU-approved ATMPs manufactured in Leipzig",
                    "In Leipzig hergestellte, in der EU zugelassene ATMPs",
                ),
                t("2 of the 8 EU-approved ATMPs", "2 der 8 in der EU zugelassenen ATMPs"),
                2,
            )
        ],
        source=PROFILE,
    )
    biocube = DossierEntity(
        slug="biocube-leipzig",
        name="BioCube Leipzig",
        short_name=None,
        kind=t("Site or facility", "Standort oder Immobilie"),
        location="BioCity Campus, Leipzig",
        description=t(
            "Five-storey building with S1 and S2 standard laboratories plus modern office, "
            "production and storage space for new settlements and for companies growing "
            "beyond the incubator BIO CITY LEIPZIG.",
            "Fünfgeschossiges Gebäude mit S1- und S2-Standardlaboren sowie modernen Büro-, "
            "Produktions- und Lagerflächen für Neuansiedlungen und für Unternehmen, die dem "
            "Inkubator BIO CITY LEIPZIG entwachsen.",
        ),
        why=t(
            "Offers S2 laboratory and production space now",
            "Bietet sofort S2-Labor- und Produktionsflächen",
        ),
        sectors=[t("Real estate", "Immobilien")],
        tags=[t("S1 laboratory", "S1-Labor"), t("S2 laboratory", "S2-Labor")],
        space=[
            DossierSpace(
                t("S1 laboratory", "S1-Labor"),
                available,
                None,
                t("S1 standard laboratory space", "S1-Standardlaborflächen"),
            ),
            DossierSpace(
                t("S2 laboratory", "S2-Labor"),
                available,
                None,
                t("S2 standard laboratory space", "S2-Standardlaborflächen"),
            ),
            DossierSpace(
                t("Office", "Büro"),
                available,
                None,
                t("Modern office space", "Moderne Büroflächen"),
            ),
            DossierSpace(t("Production", "Produktion"), available, None, None),
            DossierSpace(t("Storage", "Lager"), available, None, None),
        ],
        facts=[
            _fact(
                t("Storeys of the BioCube Leipzig", "Geschosse des BioCube Leipzig"),
                t("5 storeys", "5 Geschosse"),
                5,
            )
        ],
        source=PROFILE,
    )
    biocity = DossierEntity(
        slug="bio-city-leipzig",
        name="BIO CITY LEIPZIG",
        short_name=None,
        kind=t("Site or facility", "Standort oder Immobilie"),
        location="BioCity Campus, Leipzig",
        description=t(
            "Biotechnological-biomedical incubator on the BioCity Campus for companies in their "
            "start-up phase; companies that outgrow it continue in the BioCube Leipzig.",
            "Biotechnologisch-biomedizinischer Inkubator auf dem BioCity Campus für Unternehmen "
            "in der Gründungsphase; wer herauswächst, zieht in den BioCube Leipzig.",
        ),
        why=t(
            "A soft-landing option for a first team: incubator",
            "Option für ein erstes Team vor Ort: Inkubator",
        ),
        tags=[t("Incubator", "Inkubator")],
        source=PROFILE,
    )
    zks = DossierEntity(
        slug="zks",
        name=t("Center for Clinical Trials", "Zentrum für Klinische Studien"),
        short_name="ZKS",
        kind=t("Hospital or clinical service", "Klinik oder klinische Einrichtung"),
        location="Leipzig",
        description=t(
            "The University of Leipzig's clinical trials centre helps hospitals, clinics and "
            "industrial partners plan, design, carry out and evaluate clinical trials.",
            "Das Studienzentrum der Universität Leipzig unterstützt Kliniken und "
            "Industriepartner bei Planung, Design, Durchführung und Auswertung klinischer Studien.",
        ),
        why=t(
            "Serves clinical trials: planning to evaluation",
            "Deckt klinische Studien ab: von der Planung bis zur Auswertung",
        ),
        sectors=[t("Clinical research", "Klinische Forschung")],
        tags=[t("Clinical trials", "Klinische Studien")],
        facts=[
            _fact(
                t(
                    "Clinical trials conducted in Leipzig",
                    "In Leipzig durchgeführte klinische Studien",
                ),
                t(
                    "more than 350 clinical trials over the last 10 years",
                    "mehr als 350 klinische Studien in den letzten 10 Jahren",
                ),
                350,
            )
        ],
        source=PROFILE,
    )
    biobank = DossierEntity(
        slug="leipzig-medical-biobank",
        name=t("Leipzig Medical Biobank", "Leipziger Medizinische Biobank"),
        short_name=None,
        kind=t("Biobank or blood service", "Biobank oder Blutspendedienst"),
        location="Leipzig",
        description=t(
            "Since 2017 it has also collected biosamples from University Cancer Centre Leipzig "
            "patients with selected tumour diseases, together with pathology, laboratory "
            "medicine, gynecology and visceral surgery.",
            "Sammelt seit 2017 auch Bioproben von Patientinnen und Patienten des "
            "Universitätskrebszentrums Leipzig mit ausgewählten Tumorerkrankungen, gemeinsam "
            "mit Pathologie, Labormedizin, Gynäkologie und Viszeralchirurgie.",
        ),
        why=t(
            "Serves biobank access: tumour biosamples", "Deckt Biobank-Zugang ab: Tumor-Bioproben"
        ),
        tags=["Biobank"],
        source=PROFILE,
    )
    dhl = DossierEntity(
        slug="dhl-pharma-logistics-warehouse",
        name="DHL Pharma Logistics Warehouse",
        short_name=None,
        kind=t("Site or facility", "Standort oder Immobilie"),
        location="Leipzig/Halle Airport",
        description=t(
            "DHL Express's own pharma logistics warehouse at Leipzig/Halle Airport, with "
            "transshipment and storage capacity in line with the IATA CEIV Pharma standard.",
            "Eigenes Pharma-Logistiklager von DHL Express am Flughafen Leipzig/Halle mit "
            "Umschlag- und Lagerkapazitäten nach dem IATA-CEIV-Pharma-Standard.",
        ),
        why=t(
            "Serves cold-chain logistics and air freight: IATA CEIV Pharma",
            "Deckt Kühlkettenlogistik und Luftfracht ab: IATA CEIV Pharma",
        ),
        sectors=[t("Logistics", "Logistik")],
        tags=[
            "IATA CEIV Pharma",
            t("Pharma logistics", "Pharmalogistik"),
            t("Air freight", "Luftfracht"),
        ],
        space=[
            DossierSpace(
                t("Storage", "Lager"),
                available,
                None,
                t(
                    "Transshipment and storage in line with IATA CEIV Pharma",
                    "Umschlag und Lagerung nach IATA CEIV Pharma",
                ),
            )
        ],
        source=PROFILE,
    )
    courier = DossierEntity(
        slug="world-courier",
        name="World Courier",
        short_name=None,
        kind=t("Logistics provider", "Logistikdienstleister"),
        location=t("Leipzig region", "Region Leipzig"),
        description=t(
            "Global logistics player based in the Leipzig region whose services include "
            "solutions for pharmaceutical and medical technology companies.",
            "Globaler Logistikanbieter in der Region Leipzig, unter anderem mit Lösungen für "
            "Pharma- und Medizintechnikunternehmen.",
        ),
        why=t(
            "Serves cold-chain logistics: pharma logistics",
            "Deckt Kühlkettenlogistik ab: Pharmalogistik",
        ),
        tags=[t("Pharma logistics", "Pharmalogistik")],
        source=PROFILE,
    )
    sections = [
        DossierSection(
            "manufacturing",
            t("Manufacturing and CDMO partners", "Herstellung und CDMO-Partner"),
            t(
                "Where your GMP manufacturing can start, and who has done it before.",
                "Wo Ihre GMP-Herstellung starten kann – und wer das hier schon getan hat.",
            ),
            [izi, codon],
        ),
        DossierSection(
            "space",
            t("Laboratory and production space", "Labor- und Produktionsflächen"),
            None,
            [biocube, biocity],
        ),
        DossierSection(
            "clinical",
            t("Clinical research and biobanks", "Klinische Forschung und Biobanken"),
            None,
            [zks, biobank],
        ),
        DossierSection(
            "logistics",
            t("Cold chain and air freight", "Kühlkette und Luftfracht"),
            t(
                "From the cleanroom to the patient: temperature-controlled routes out of Leipzig.",
                "Vom Reinraum zum Patienten: temperaturgeführte Wege ab Leipzig.",
            ),
            [dhl, courier],
        ),
    ]
    return sections
