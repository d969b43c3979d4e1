"""Une seule règle d'arrondi : le graphique et le tableau écrivent la même probabilité de la même façon.

Les attentes sont calculées indépendamment du code : `Decimal` sur la valeur binaire exacte, arrondi
au plus proche (pair en cas d'égalité), une décimale pour une part, l'euro pour un montant.
"""

from __future__ import annotations

from decimal import ROUND_HALF_EVEN, Decimal

import numpy as np
from hypothesis import given, settings
from hypothesis import strategies as st

from openfisca_caqes.rapport.construction import synthese_enveloppe
from openfisca_caqes.rapport.formats import euros, part
from openfisca_caqes.rapport.graphiques import graphique_enveloppe, png
from openfisca_caqes.rapport.page import texte_cellule
from openfisca_caqes.simulation_enveloppe import simuler


def _attendu_part(valeur: float) -> str:
    chiffres = (Decimal(valeur) * 100).quantize(Decimal("0.1"), rounding=ROUND_HALF_EVEN)
    entier, decimale = f"{chiffres:.1f}".split(".")
    signe = "-" if entier.startswith("-") else ""
    groupes = f"{int(entier.lstrip('-')):,}".replace(",", "\u202f")
    return f"{signe}{groupes},{decimale}\u00a0%"


@settings(max_examples=300, deadline=None)
@given(st.floats(min_value=0, max_value=1, allow_nan=False))
def test_part_une_decimale(valeur):
    assert part(valeur) == _attendu_part(valeur)


@settings(max_examples=300, deadline=None)
@given(st.floats(min_value=-1e9, max_value=1e9, allow_nan=False))
def test_euros_a_l_euro(valeur):
    arrondi = Decimal(valeur).quantize(Decimal("1"), rounding=ROUND_HALF_EVEN)
    attendu = ("-" if arrondi < 0 else "") + f"{abs(int(arrondi)):,}".replace(",", "\u202f") + "\u00a0€"
    assert euros(valeur) == attendu


def test_cellules_par_nom_de_colonne():
    assert texte_cellule(0.03125, "Probabilité de réduction au prorata") == ("3,1\u00a0%", True)
    assert texte_cellule(0.0375, "Part des établissements") == ("3,8\u00a0%", True)  # 3,75 en binaire : 3,7500000000000004
    assert texte_cellule(1234567.5, "Solde (€)") == ("1\u202f234\u202f568\u00a0€", True)
    assert texte_cellule(2027, "Année évaluée") == ("2027", True)
    assert texte_cellule(float("nan"), "Solde (€)") == ("", False)
    assert texte_cellule(True, "Dans le champ") == ("oui", False)


@settings(max_examples=5, deadline=None)
@given(st.lists(st.floats(min_value=1, max_value=2e5, allow_nan=False), min_size=3, max_size=12),
       st.floats(min_value=1e4, max_value=1e6, allow_nan=False))
def test_graphique_et_tableau_meme_probabilite(centre, montant):
    resultat = simuler(np.array(centre), montant, 40, 1, 0.3, 0.1, 1.0, False)
    figure = graphique_enveloppe(resultat, "Occitanie", 2025, 2026)
    titre = figure.axes[0].get_title()
    png(figure)  # ferme la figure
    tableau = synthese_enveloppe(resultat).set_index("Indicateur")["Valeur"]
    probabilite = tableau["Probabilité de réduction au prorata"]
    assert probabilite == _attendu_part(resultat.probabilite_reduction)
    assert titre == f"P(réduction au prorata) = {probabilite}"


def test_hypotheses_de_l_enveloppe_par_la_meme_regle():
    import pandas as pd

    from openfisca_caqes.rapport.construction import modele_lisible

    modele = pd.DataFrame({"Hypothèse": ["Enveloppe ouverte aux régionaux (€)", "Année de caisse (paiement)", "Graine", "Loi"],
                           "Valeur": [np.int64(3126506), 2026, 0, "référence"]}, dtype=object)
    assert modele_lisible(modele)["Valeur"].tolist() == ["3\u202f126\u202f506\u00a0€", "2026", "0", "référence"]
