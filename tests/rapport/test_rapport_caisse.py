"""La vue par année de caisse du rapport : ce que paie la région en 2027 (CAQES 2026) et en 2028 (IFEP 2027)."""

from __future__ import annotations

import pandas as pd

from openfisca_caqes.population import charger_population
from openfisca_caqes.population.defaut import chemin_population_defaut
from openfisca_caqes.systeme import systeme_de_base


def test_la_page_et_le_classeur_portent_la_vue_par_annee_de_caisse(rapport):
    page = (rapport / "rapport_caqes.html").read_text(encoding="utf-8")
    assert "Par année de caisse : ce que paie la région" in page
    caisse = pd.read_excel(rapport / "rapport_caqes.xlsx", sheet_name="Années de caisse")
    occitanie = caisse[caisse["Région"].astype(str).str.lower().str.contains("occitanie")]
    assert dict(zip(occitanie["Année de caisse"], occitanie["Année évaluée payée"])) == {2027: 2026, 2028: 2027}


def test_le_solde_paye_en_2027_est_celui_du_caqes_2026(rapport):
    """Calculé à part : la somme des soldes 2026 des établissements de la population embarquée."""
    simulation = charger_population(systeme_de_base(), chemin_population_defaut())
    attendu = int(simulation.calculate("solde_financier", "2026").sum())
    caisse = pd.read_excel(rapport / "rapport_caqes.xlsx", sheet_name="Années de caisse")
    ligne = caisse[(caisse["Année de caisse"] == 2027) & caisse["Région"].astype(str).str.lower().str.contains("occitanie")]
    assert ligne["Solde payé par la région (€)"].tolist() == [attendu]
