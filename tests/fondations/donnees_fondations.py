"""La petite population valide des tests des fondations, et ses résultats calculés à la main."""

import pandas as pd


def population_valide() -> pd.DataFrame:
    """Six sites, quatre entités juridiques, deux régions.

    Pénalités de refus de signature attendues (1 % des produits N-1, ou en 2019 30 % de la part
    assurance maladie de la liste en sus N-1 quand l'établissement a choisi cette sanction) :
    - 2025, chu_purpan : 1 % × 12 345 678 = 123 456,78 → 123 457 ;
    - 2025, clinique_pasteur : 1 % × 4 000 050 = 40 000,50 → 40 001 (demi-euro vers le haut) ;
    - 2019, clinique_pasteur : 30 % × 1 234 567 = 370 370,1 → 370 370 ;
    - 2019, had_paris : 1 % × 2 500 000 = 25 000 ;
    - les autres : 0 (pas de refus).
    """
    return pd.DataFrame(
        {
            "etablissement": ["chu_purpan", "chu_rangueil", "clinique_pasteur", "ssr_lamalou", "had_paris", "dialyse_paris"],
            "entite_juridique": ["chu_toulouse", "chu_toulouse", "clinique_pasteur", "ssr_lamalou", "had_idf", "dialyse_idf"],
            "region": ["occitanie", "occitanie", "occitanie", "occitanie", "ile_de_france", "ile_de_france"],
            "categorie_etablissement": ["mco_public", "mco_public", "mco_prive", "ssr_prive", "had", "dialyse"],
            "statut_juridique": ["public", "public", "prive_lucratif", "prive_lucratif", "espic", "prive_lucratif"],
            "est_chu": [True, True, False, False, False, False],
            "refus_signature_2019": [False, False, True, False, True, False],
            "sanction_refus_liste_en_sus_2019": [False, False, True, False, False, False],
            "refus_signature_2025": [True, False, True, False, False, False],
            "produits_assurance_maladie_2018": [11_000_000.0, 9_000_000.0, 3_500_000.0, 1_200_000.0, 2_500_000.0, 800_000.0],
            "produits_liste_en_sus_part_assurance_maladie_2018": [900_000.0, 300_000.0, 1_234_567.0, 0.0, 0.0, 0.0],
            "produits_assurance_maladie_2024": [12_345_678.0, 9_800_000.0, 4_000_050.0, 1_300_000.0, 2_700_000.0, 850_000.0],
            "lits_mco_2025": [800, 450, 120, 0, 0, 0],
            "enveloppe_regionale_2022": [1_000_000, 1_000_000, 1_000_000, 1_000_000, 2_500_000, 2_500_000],
        }
    )


PENALITES_ATTENDUES = {
    "2025": [123_457, 0, 40_001, 0, 0, 0],
    "2019": [0, 0, 370_370, 0, 25_000, 0],
}
