"""Une seule écriture des nombres à l'écran, des totaux exacts, des blocs de colonnes qui tiennent."""

from __future__ import annotations

import numpy as np
import pandas as pd
from hypothesis import given, settings
from hypothesis import strategies as st

from openfisca_caqes import ecran


def test_nombres_a_la_francaise():
    assert ecran.nombre(1234567) == "1 234 567"
    assert ecran.nombre(np.int64(-20_000_001)) == "-20 000 001"
    assert ecran.nombre(0.8734, 4) == "0,8734"
    assert ecran.euros(3_500_000) == "3 500 000 €"
    assert ecran.nombre(2025, separateur=False) == "2025"


def test_annees_sans_separateur_et_montants_avec():
    tableau = pd.DataFrame({"Année évaluée": [2025, 2027], "Solde (€)": [1_234_567, -2_000]})
    cellules = ecran.cellules(tableau, vide="")
    assert cellules["Année évaluée"] == ["2025", "2027"]  # jamais « 2 025 »
    assert cellules["Solde (€)"] == ["1 234 567", "-2 000"]


def test_totaux_ni_annees_ni_taux_ni_quantiles():
    tableau = pd.DataFrame({
        "Région": ["a", "b"], "Année évaluée": [2025, 2025], "Coefficient": [0.5, 1.0],
        "Versé, quantile 5 % (€)": [10, 20], "Versé (€)": [10, 20],
    })
    ligne = ecran.totaux(tableau, "Total")
    assert ligne == {"Région": "Total", "Année évaluée": None, "Coefficient": None,
                     "Versé, quantile 5 % (€)": None, "Versé (€)": 30}


@settings(max_examples=60, deadline=None)
@given(st.lists(st.integers(min_value=-(2**50), max_value=2**50), min_size=1, max_size=40))
def test_total_exact_a_l_euro(montants):
    """Le total d'une colonne d'euros entiers est la somme exacte (pas une somme en flottants)."""
    tableau = pd.DataFrame({"Établissement": [f"E{i}" for i in range(len(montants))],
                            "Solde (€)": np.array(montants, dtype=np.int64)})
    assert ecran.totaux(tableau, "Total")["Solde (€)"] == sum(montants)


@settings(max_examples=80, deadline=None)
@given(st.lists(st.integers(min_value=4, max_value=60), min_size=1, max_size=25), st.integers(min_value=61, max_value=200))
def test_blocs_de_colonnes_tiennent_dans_la_largeur(besoins, disponible):
    noms = [f"c{i}" for i in range(len(besoins))]
    blocs = ecran.blocs_colonnes(noms, dict(zip(noms, besoins)), disponible)
    assert all(bloc[0] == "c0" for bloc in blocs)  # chaque bloc rappelle l'identifiant
    assert sorted({nom for bloc in blocs for nom in bloc}) == sorted(noms)  # aucune colonne perdue
    for bloc in blocs:
        assert len(bloc) == 2 or sum(besoins[int(nom[1:])] for nom in bloc) <= disponible


def test_explain_ecrit_une_annee_sans_separateur_et_une_duree_en_ans():
    """Unité `year` : une année (ifep.indicateurs.annee_ciblage_caqes) ou une durée (calendrier.delai_paiement)."""
    from openfisca_caqes.explication import formater

    assert formater(2023.0, "year") == "2023"  # jamais « 2 023 an(s) »
    assert formater(1.0, "year") == "1 an"
    assert formater(3.0, "year") == "3 ans"


def test_total_d_une_colonne_non_modelisee_est_dit_incomplet():
    """Une cellule vide (indicateur régional non modélisé) : pas de total partiel présenté comme complet."""
    tableau = pd.DataFrame({"Région": ["occitanie", "bretagne"],
                            "Gagné €": pd.array([1_000, pd.NA], dtype="Int64"), "Pénalité €": [5, 7]})
    ligne = ecran.totaux(tableau, "Total")
    assert ligne["Gagné €"] == ecran.INCOMPLET and ligne["Pénalité €"] == 12
