"""Les entités du CAQES : l'établissement (site), l'entité juridique signataire, la région ARS."""

from openfisca_core.entities import build_entity

Etablissement = build_entity(
    key="etablissement",
    plural="etablissements",
    label="Établissement de santé (entité géographique, FINESS géographique)",
    doc="""
    Un site de soins : l'entité géographique (EG) identifiée par son FINESS géographique.

    Les données PMSI et Assurance maladie, les ciblages, les indicateurs et les montants
    (intéressements, pénalités, solde) vivent sur cette entité.
    """,
    is_person=True,
)

EntiteJuridique = build_entity(
    key="entite_juridique",
    plural="entites_juridiques",
    label="Entité juridique signataire du contrat",
    doc="""
    La personne morale qui signe le contrat : l'entité juridique (EJ) pour les établissements
    publics, qui contractent pour l'ensemble de leurs sites ; pour les établissements privés, le
    contrat est signé par site (seed 001, « A noter » du cadre général).
    Les totaux par signataire se lisent sur cette entité.
    """,
    roles=[
        {
            "key": "etablissement",
            "plural": "etablissements",
            "label": "Établissement rattaché",
            "doc": "Un site (EG) de l'entité juridique.",
        },
    ],
)

Region = build_entity(
    key="region",
    plural="regions",
    label="Région (agence régionale de santé)",
    doc="""
    La région de l'ARS : elle porte l'enveloppe régionale fermée sur laquelle sont payés les
    intéressements régionaux (art. L.162-30-4 et L.162-22-4 CSS), et les moyennes régionales
    auxquelles sont comparés les établissements.
    """,
    roles=[
        {
            "key": "etablissement",
            "plural": "etablissements",
            "label": "Établissement de la région",
            "doc": "Un site (EG) situé dans la région.",
        },
    ],
)

entities = [Etablissement, EntiteJuridique, Region]
