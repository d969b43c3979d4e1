"""Les planchers numpy du banc d'essai rendent exactement les nombres du paquet (N ≈ 1 000).

Le banc (`benchmarks/bench_performance.py`) n'est pas un test ; ces tests-ci gardent ses
vérifications d'égalité vivantes : si la loi change sans que le plancher suive, ou si le partage
de l'enveloppe du paquet dérive de celui du plancher, un test échoue et nomme la sortie.
Trois populations : celle du générateur national ; la même avec des potentiels saisis (enveloppe
liante en Occitanie) et un plafond par établissement (2 % de l'enveloppe, scénario YAML) ; la
même en répartition intégrale.
"""

from __future__ import annotations

import numpy as np
import pytest

from benchmarks import plancher_2025
from benchmarks.plancher_repartition import repartir_plancher
from openfisca_caqes.comparaison import REGIMES, Colonne, comparer
from openfisca_caqes.systeme import systeme_de_base


def _ecarts_2025(systeme, tableau, regime="2025"):
    comparaison = comparer(tableau, [(Colonne(regime, REGIMES[regime]), systeme)], regime, None)
    valeurs = comparaison.evaluations[0].valeurs
    donnees, regles = plancher_2025.preparer(systeme, tableau, REGIMES[regime])
    return plancher_2025.ecarts(plancher_2025.calculer(donnees, regles), valeurs), dict(plancher_2025.STATISTIQUES)


@pytest.mark.parametrize("regime", ["2022", "2025"])
def test_plancher_egal_au_paquet(population, regime):
    """Régimes 2022 (première campagne : IEC/ARA II, ézétimibe, EPA, états des lieux) et 2025 (prorogation)."""
    ecarts, _ = _ecarts_2025(systeme_de_base(), population, regime)
    assert ecarts == []


PLAFOND = "  caqes.enveloppe_regionale.plafond_part_enveloppe:\n    2022-01-01: 0.02\n"
INTEGRALE = PLAFOND + "  caqes.enveloppe_regionale.repartition_integrale:\n    2022-01-01: 1\n"


@pytest.mark.parametrize("parametres", [PLAFOND, INTEGRALE], ids=["plafond_2pc", "integrale_plafond_2pc"])
def test_plancher_2025_enveloppes_liantes_et_plafond(population, variante, parametres):
    """Potentiels saisis (40 000,50 € en conciliation, 25 000 € en analyse pharmaceutique) : la somme des
    gagnés dépasse l'enveloppe d'Occitanie ; plafond 2 % de l'enveloppe : des établissements plafonnés."""
    tableau = population.copy()
    tableau["montant_potentiel_conciliation_2025"] = 40_000.5
    tableau["montant_potentiel_analyse_pharmaceutique_2025"] = 25_000.0
    ecarts, statistiques = _ecarts_2025(variante(parametres), tableau)
    assert ecarts == []
    assert statistiques["regions_liantes"] >= 1  # Occitanie (seules Occitanie et Ile-de-France ont des indicateurs régionaux écrits)
    assert statistiques["etablissements_plafonnes"] >= 1


def test_partage_du_plancher_egal_au_partage_du_paquet():
    """Demandes entières et décimales, plafonds finis ou non, répartition intégrale : mêmes euros."""
    rng = np.random.default_rng(20261201)
    for _ in range(400):
        n, groupes = int(rng.integers(1, 80)), int(rng.integers(1, 6))
        demande = rng.integers(0, 5_000, n).astype(np.float64) * (rng.random(n) < 0.85)
        if rng.random() < 0.3:
            demande = np.round(demande / 500) * 500  # restes égaux : l'euro va au premier établissement
        if rng.random() < 0.2:
            demande = demande + rng.random(n)
        groupe = rng.integers(0, groupes, n)
        enveloppe = rng.integers(0, 60_000, groupes).astype(np.float64)
        plafond = np.where(rng.random(n) < 0.5, rng.integers(0, 3_000, n), np.inf)
        integrale = rng.random(groupes) < 0.3
        plafond = np.where(integrale[groupe], np.where(np.isfinite(plafond), plafond, 2_000), plafond)
        attendu = plancher_2025.PARTAGE_DU_PAQUET(demande, groupe, enveloppe, plafond=plafond, integrale=integrale)
        obtenu = repartir_plancher(demande, groupe, enveloppe, plafond=plafond, integrale=integrale)
        np.testing.assert_array_equal(obtenu, attendu)


def _ecarts_2027(systeme, tableau):
    from benchmarks import plancher_2027

    comparaison = comparer(tableau, [(Colonne("2027", REGIMES["2027"]), systeme)], "2027", None)
    donnees, regles = plancher_2027.preparer(systeme, tableau)
    resultats = plancher_2027.calculer(donnees, regles)
    return plancher_2025.ecarts(resultats, comparaison.evaluations[0].valeurs), dict(plancher_2027.STATISTIQUES)


def test_plancher_2027_egal_au_paquet(population):
    """IFEP 2027 : dotation, plafond de 2 %, pénalité d'efficience, établissements atypiques pénalisés."""
    ecarts, statistiques = _ecarts_2027(systeme_de_base(), population)
    assert ecarts == []
    assert statistiques["atypiques_penalises"] >= 1


COMMUN_0 = "  ifep.penalite.plafond_commun:\n    2027-01-01: 0\n"
ASSIETTE_AM = "  ifep.penalite.assiette_toutes_sources:\n    2027-01-01: 0\n"


@pytest.mark.parametrize("parametres", [None, COMMUN_0, ASSIETTE_AM], ids=["central", "plafonds_separes", "assiette_assurance_maladie"])
def test_plancher_2027_plafond_lie(population, variante, parametres):
    """Financements 2027 ramenés à 1 % (non entiers) : le plafond de 2 % lie ; un établissement sur sept voit sa pénalité écartée."""
    tableau = population.copy()
    tableau["financement_assurance_maladie_total_2027"] = tableau["financement_assurance_maladie_total_2027"] * 0.01 + 0.37
    tableau["financements_totaux_2027"] = tableau["financement_assurance_maladie_total_2027"] * 1.013 + 0.11
    tableau["ifep_penalite_ecartee_2027"] = np.arange(len(tableau)) % 7 == 0
    ecarts, statistiques = _ecarts_2027(variante(parametres), tableau)
    assert ecarts == []
    assert statistiques["penalites_plafonnees"] >= 10
