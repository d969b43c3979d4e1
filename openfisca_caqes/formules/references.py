"""Les références partagées par plusieurs fichiers de variables (Légifrance et titres lisibles des seeds, docs/references.md)."""

ARTICLE_D162_16_V = "https://www.legifrance.gouv.fr/codes/article_lc/LEGIARTI000044102658"

# Source du potentiel d'intéressement des indicateurs régionaux (choix de l'ARS, non publié).
REFERENCE_POTENTIEL = [
    "ARS Occitanie, webinaire de janvier 2026 (évaluation 2025 dans e-CARS) — « 2 types d'intéressement »",
    ARTICLE_D162_16_V,
]
