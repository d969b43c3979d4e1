"""Corrections de la revue (issue #12) : le plafond de 5 % du régime 2018 n'est jamais dépassé d'un centime ;
le solde encaissé suit le calendrier de paiement de chaque régime (IFEP à partir de 2027).

Valeurs attendues calculées ici, indépendamment du code : taux lus dans les fichiers YAML de la loi,
plafond exact en rationnels (`fractions.Fraction`).
"""

from __future__ import annotations

import copy
import math
from fractions import Fraction
from pathlib import Path

import numpy as np
import pytest
import yaml
from hypothesis import given, settings
from hypothesis import strategies as st
from openfisca_core.periods import period as periode
from openfisca_core.simulation_builder import SimulationBuilder

from openfisca_caqes.systeme import systeme_de_base

RACINE = Path(__file__).resolve().parents[2]
PARAMETRES = RACINE / "parameters"


def valeur_yaml(chemin: str, date: str):
    """La valeur du paramètre `chemin` (fichier YAML) en vigueur à `date`, lue dans le fichier lui-même."""
    valeurs = yaml.safe_load((PARAMETRES / chemin).read_text(encoding="utf-8"))["values"]
    dates = sorted(str(d) for d in valeurs if str(d) <= date)
    return {str(d): v for d, v in valeurs.items()}[dates[-1]]["value"]


def simuler(systeme, etablissements: dict, periode_calcul: str, variable: str) -> np.ndarray:
    situation = {
        "etablissements": etablissements,
        "entites_juridiques": {"ej": {"etablissements": list(etablissements)}},
        "regions": {"occitanie": {"etablissements": list(etablissements)}},
    }
    simulation = SimulationBuilder().build_from_entities(systeme, situation)
    return simulation.calculate(variable, periode_calcul)


# --- Le plafond de 5 % des sanctions de 2018-2021 -------------------------------------------------

def situation_2018(produits: float, sanctions: float) -> dict:
    return {
        "e": {
            "categorie_etablissement": {"ETERNITY": "mco_public"},
            "produits_assurance_maladie": {"2019": produits},
            "penalite_volet_obligatoire": {"2019": int(sanctions)},
            "penalite_volet_additionnel_transports": {"2019": 0},
            "penalite_volet_additionnel_pertinence": {"2019": 0},
        }
    }


def test_plafond_5_pourcent_arrondi_vers_le_bas():
    """5 % × 10 000 010 € = 500 000,50 € : la sanction plafonnée vaut 500 000 €, pas 500 001 € (demi-euro vers le haut)."""
    assert valeur_yaml("caqes/contrat_2018/penalites/plafond_ensemble_volets.yaml", "2019-01-01") == 0.05
    assert valeur_yaml("caqes/contrat_2018/penalites/decalage_exercice_clos.yaml", "2019-01-01") == 0
    penalite = simuler(systeme_de_base(), situation_2018(10_000_010, 600_000), "2019", "penalite_non_atteinte")
    assert penalite.tolist() == [500_000]


@settings(max_examples=40, deadline=None)
@given(
    produits=st.floats(min_value=0, max_value=5e9, allow_nan=False, allow_infinity=False),
    sanctions=st.integers(min_value=0, max_value=400_000_000),
)
def test_plafond_5_pourcent_jamais_depasse(produits, sanctions):
    taux = Fraction(str(valeur_yaml("caqes/contrat_2018/penalites/plafond_ensemble_volets.yaml", "2019-01-01")))
    plafond = math.floor(taux * Fraction(produits))  # exact : Fraction(float) est la valeur binaire exacte
    penalite = int(simuler(systeme_de_base(), situation_2018(produits, sanctions), "2019", "penalite_non_atteinte")[0])
    assert penalite == min(sanctions, plafond)


# --- Le solde encaissé : chaque régime son délai ---------------------------------------------------

def systeme_delai_ifep(delai: int):
    """Le système de base, le délai de paiement de l'IFEP remplacé à partir de 2027 (copie : la base reste intacte)."""
    systeme = copy.deepcopy(systeme_de_base())
    systeme.parameters.ifep.calendrier.delai_paiement.update(start=periode("2027"), value=delai)
    return systeme


SOLDES = {"2026": -800_000, "2027": 1_234, "2028": -56}


def etablissement_soldes() -> dict:
    """Des soldes donnés directement : CAQES 2026 (ifep_solde nul), IFEP 2027 et 2028."""
    return {
        "e": {
            "categorie_etablissement": {"ETERNITY": "mco_public"},
            "solde_financier": dict(SOLDES),
            "ifep_solde": {"2026": 0, "2027": SOLDES["2027"], "2028": SOLDES["2028"]},
        }
    }


@pytest.mark.parametrize(
    "delai_ifep, attendus",
    [
        # délai central (1 an, fichier YAML) : 2027 encaisse le CAQES 2026, 2028 l'IFEP 2027
        (None, {"2027": -800_000, "2028": 1_234, "2029": -56}),
        # IFEP payé l'année même : 2027 encaisse le CAQES 2026 et l'IFEP 2027
        (0, {"2027": -800_000 + 1_234, "2028": -56, "2029": 0}),
        # IFEP payé deux ans après : 2028 n'encaisse rien
        (2, {"2027": -800_000, "2028": 0, "2029": 1_234}),
    ],
)
def test_solde_encaisse_suit_le_delai_de_chaque_regime(delai_ifep, attendus):
    assert valeur_yaml("calendrier/delai_paiement.yaml", "2027-01-01") == 1
    assert valeur_yaml("ifep/calendrier/delai_paiement.yaml", "2027-01-01") == 1
    systeme = systeme_de_base() if delai_ifep is None else systeme_delai_ifep(delai_ifep)
    for annee, attendu in attendus.items():
        assert simuler(systeme, etablissement_soldes(), annee, "solde_financier_annee_caisse").tolist() == [attendu], annee


def test_la_base_n_est_pas_modifiee_par_les_variantes():
    systeme_delai_ifep(0)
    assert systeme_de_base().parameters(periode("2027").start).ifep.calendrier.delai_paiement == 1


# --- Les plafonds par volet (1 %) des sanctions de 2018-2021 ----------------------------------------

def situation_volets(produits: float) -> dict:
    """Score nul (sanction maximale du volet obligatoire) et objectif transports manqué au taux plafond."""
    return {
        "e": {
            "categorie_etablissement": {"ETERNITY": "mco_public"},
            "produits_assurance_maladie": {"2019": produits},
            "score_volet_obligatoire": {"2019": 0},
            "score_volet_obligatoire_bonus": {"2019": 0},
            "volet_additionnel_transports_signe": {"2019": True},
            "objectif_atteint_volet_additionnel_transports": {"2019": False},
            "taux_penalite_volet_additionnel_transports": {"2019": 0.05},
            "coefficient_modulation_volet_additionnel_transports": {"2019": 1},
        }
    }


@settings(max_examples=30, deadline=None)
@given(produits=st.floats(min_value=0, max_value=5e9, allow_nan=False, allow_infinity=False))
def test_plafond_par_volet_jamais_depasse(produits):
    """Au taux maximal, chaque sanction vaut ⌊1 % × produits⌋ : jamais un euro de plus par l'arrondi."""
    plafond = Fraction(str(valeur_yaml("caqes/contrat_2018/penalites/plafond_par_volet.yaml", "2019-01-01")))
    assert valeur_yaml("caqes/contrat_2018/penalites/volet_obligatoire/taux_maximal.yaml", "2019-01-01") >= plafond
    attendu = math.floor(plafond * Fraction(produits))
    for variable in ("penalite_volet_obligatoire", "penalite_volet_additionnel_transports"):
        assert int(simuler(systeme_de_base(), situation_volets(produits), "2019", variable)[0]) == attendu, variable


def test_plafond_par_volet_demi_euro():
    """1 % × 12 345 650 € = 123 456,50 € : 123 456 €, pas 123 457 €."""
    for variable in ("penalite_volet_obligatoire", "penalite_volet_additionnel_transports"):
        assert simuler(systeme_de_base(), situation_volets(12_345_650), "2019", variable).tolist() == [123_456], variable
