"""Le plancher numpy du régime 2018 (`benchmarks/plancher_2018.py`) rend exactement les nombres de la colonne 2018 de `comparer`.

Toutes les sorties (intéressement, pénalité, solde, produits N-1, champ, pénalités de refus et de
non-atteinte, score du volet obligatoire, et les variables des autres régimes, nulles en 2019),
établissement par établissement, au bit près (N ≈ 1 000) : sur la population du générateur, puis
sur une variante qui force les particularités du régime 2018 (refus de signer en 2019, sanction
par la liste en sus, sanctions jamais écartées, volets additionnels manqués au taux maximal,
scores bas) sous plusieurs lois : la loi centrale ; répartition au prorata des points NC/NM,
économies par rapport à l'objectif, bonus non compté, points fractionnaires ; plafond de
l'ensemble des volets liant (1,5 %) et taux maximal au-dessus du plafond par volet (2 %).
Enfin des fichiers d'un et deux établissements (numpy somme une colonne seule par paires).
"""

from __future__ import annotations

import math
from fractions import Fraction

import numpy as np
import pytest

from benchmarks import plancher_2018
from benchmarks.plancher_2025 import ecarts
from openfisca_caqes.comparaison import REGIMES, Colonne, comparer
from openfisca_caqes.systeme import systeme_de_base

A = REGIMES["2018"]  # 2019


def _ecarts(systeme, tableau):
    """Les sorties où le plancher diffère de la colonne 2018 de comparer, et ce que le plancher a rencontré."""
    comparaison = comparer(tableau, [(Colonne("2018", A), systeme)], "2018", None)
    valeurs = comparaison.evaluations[0].valeurs
    assert set(plancher_2018.SORTIES) == set(valeurs.columns)  # aucune colonne de la comparaison n'échappe au plancher
    donnees, regles = plancher_2018.preparer(systeme, tableau, A)
    return ecarts(plancher_2018.calculer(donnees, regles), valeurs), dict(plancher_2018.STATISTIQUES)


def test_plancher_2018_egal_au_paquet(population):
    """Population du générateur : exclusions NC/NM, sanctions du volet obligatoire (au plafond par volet pour certaines), volets additionnels, sanctions écartées."""
    differences, statistiques = _ecarts(systeme_de_base(), population)
    assert differences == []
    assert statistiques["etablissements_avec_exclusions"] >= 100
    assert statistiques["sanctions_volet_obligatoire_au_plafond"] >= 1
    assert statistiques["interessements_volets"] >= 1 and statistiques["sanctions_volets"] >= 1
    assert statistiques["hors_contrat"] >= 1  # refus de 2018 : plus de contrat en 2019


def _particularites(population):
    """Refus en 2019 (un sur deux sanctionné sur la liste en sus), sanctions jamais écartées, volets transports manqués au taux maximal, scores bas."""
    tableau = population.copy()
    rang = np.arange(len(tableau))
    tableau[f"refus_signature_{A}"] = rang % 40 == 3
    tableau[f"sanction_refus_liste_en_sus_{A}"] = rang % 80 == 3
    tableau[f"sanction_non_atteinte_ecartee_{A}"] = False
    signe = rang % 5 == 0
    tableau[f"volet_additionnel_transports_signe_{A}"] = signe
    tableau[f"taux_evolution_cible_volet_additionnel_transports_{A}"] = np.where(rang % 10 == 0, -0.5, 0.2)
    tableau[f"taux_penalite_volet_additionnel_transports_{A}"] = 0.015  # ramené au plafond par volet (1 %)
    tableau[f"taux_interessement_volet_additionnel_transports_{A}"] = 0.45  # ramené au plafond (30 %)
    faibles = rang % 7 == 0
    for colonne in [c for c in tableau.columns if c.startswith("atteinte_volet_obligatoire_") and c.endswith(f"_{A}")]:
        tableau[colonne] = np.where(faibles, tableau[colonne] * 0.3 + 0.03, tableau[colonne])
    return tableau


PRORATA = (
    "  caqes.contrat_2018.volet_obligatoire.repartition_proportionnelle:\n    2018-01-01: 1\n"
    "  caqes.contrat_2018.volets_additionnels.economies_par_rapport_a_objectif:\n    2018-01-01: 1\n"
    "  caqes.contrat_2018.penalites.volet_obligatoire.bonus_pris_en_compte:\n    2018-01-01: 0\n"
    "  caqes.contrat_2018.volet_obligatoire.grille.partie_2.analyse_pharmaceutique_niveau_2.points:\n    2018-01-01: 5.7\n"
    "  caqes.contrat_2018.volet_obligatoire.grille.partie_5.hors_referentiel_dispositifs.points:\n    2018-01-01: 3.3\n"
)
PLAFONDS = (
    "  caqes.contrat_2018.penalites.plafond_ensemble_volets:\n    2018-01-01: 0.015\n"
    "  caqes.contrat_2018.penalites.volet_obligatoire.taux_maximal:\n    2018-01-01: 0.02\n"
)


@pytest.mark.parametrize("parametres", [None, PRORATA, PLAFONDS], ids=["central", "prorata_objectif_points", "plafond_ensemble"])
def test_plancher_2018_particularites(population, variante, parametres):
    """Refus de 2019 (1 % des produits N-1 ou 30 % de la liste en sus), sanctions cumulées des trois volets, lois variantes."""
    differences, statistiques = _ecarts(variante(parametres), _particularites(population))
    assert differences == []
    assert statistiques["refus_sanctionnes"] >= 15
    assert statistiques["sanctions_volets"] >= 20
    assert statistiques["sanctions_volet_obligatoire_au_plafond"] >= 20
    if parametres == PLAFONDS:
        assert statistiques["sanctions_au_plafond_ensemble"] >= 5


def test_plancher_2018_un_et_deux_etablissements(population):
    """Un fichier d'un établissement : numpy somme la colonne de la grille par paires (scores 88,8 et 62 ici, pas 88,79999… ni 61,99999…)."""
    for debut, fin in [(k, k + 1) for k in range(8)] + [(0, 2)]:
        differences, _ = _ecarts(systeme_de_base(), population.iloc[debut:fin].reset_index(drop=True))
        assert differences == [], (debut, fin)


def test_plancher_2018_hors_du_regime(population):
    """Les formules du régime 2018 s'arrêtent en 2022 : le plancher refuse une autre année évaluée."""
    with pytest.raises(NotImplementedError, match="2022"):
        plancher_2018.preparer(systeme_de_base(), population, 2022)


def test_plafond_euros_exact():
    """⌊taux × assiette⌋ du plancher égal au calcul en fractions exactes : centimes, entiers, voisins d'un multiple exact, grands montants."""
    rng = np.random.default_rng(20261201)
    centimes = np.round(rng.lognormal(16, 2, 3_000), 2)
    entiers = rng.integers(0, 10**10, 1_000).astype(np.float64)
    multiples = rng.integers(0, 10**9, 1_000).astype(np.float64) * 200  # taux × assiette entier (200 = dénominateur de 1,5 %)
    voisins = np.concatenate([np.nextafter(multiples, np.inf), np.nextafter(multiples, -np.inf)])
    grands = np.ldexp(rng.random(500) + 1, rng.integers(40, 52, 500))  # jusqu'à 2^52 € (au-delà : refusé)
    assiettes = np.concatenate([centimes, entiers, multiples, voisins, grands, [0.0, -3.5, 0.5, 99.99999999999999]])
    for texte in ("0.01", "0.05", "0.015", "0.3"):
        taux = Fraction(texte)
        attendu = [math.floor(Fraction(float(a)) * taux) if a > 0 else 0 for a in assiettes]
        assert plancher_2018.plafond_euros(taux, assiettes).tolist() == attendu, texte
