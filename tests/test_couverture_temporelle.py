"""Couverture temporelle (à la Catala) : chaque variable de tête se calcule pour chaque année
2017-2028 sur la population embarquée, et vaut zéro hors des années où sa règle est en vigueur."""

import numpy as np
import pytest

from openfisca_caqes.population import charger_population
from openfisca_caqes.population.defaut import chemin_population_defaut
from openfisca_caqes.systeme import systeme_de_base

ANNEES = range(2017, 2029)
# variable : (première année, dernière année en vigueur, doit être non nulle quelque part)
EN_VIGUEUR = {
    "penalite_refus_signature": (2018, 2026, False),
    "score_volet_obligatoire": (2018, 2021, True),
    "score_volet_obligatoire_bonus": (2018, 2021, False),
    "penalite_non_atteinte": (2018, 2021, False),
    "interessement_volets_additionnels": (2018, 2021, False),
    "interessement_national": (2022, 2026, True),
    "interessement_regional": (2022, 2026, True),
    "interessement_regional_verse": (2022, 2026, True),
    "ifep_dotation_complementaire": (2027, 2028, True),
    "ifep_penalite": (2027, 2028, False),
    "ifep_plafond_penalite": (2027, 2028, True),
}


@pytest.fixture(scope="module")
def simulation():
    return charger_population(systeme_de_base(), chemin_population_defaut())


@pytest.mark.parametrize("variable", sorted(EN_VIGUEUR))
def test_nulle_hors_de_sa_periode_de_vigueur(simulation, variable):
    debut, fin, non_nulle = EN_VIGUEUR[variable]
    total_en_vigueur = 0.0
    for annee in ANNEES:
        valeurs = simulation.calculate(variable, str(annee))
        if debut <= annee <= fin:
            total_en_vigueur += float(np.abs(valeurs).sum())
        else:
            assert not valeurs.any(), f"{variable} non nulle en {annee}, hors de {debut}-{fin}"
    if non_nulle:
        assert total_en_vigueur > 0, f"{variable} toujours nulle sur {debut}-{fin} : règle ou données mortes"


@pytest.mark.parametrize("annee", ANNEES)
def test_solde_financier_calculable_chaque_annee(simulation, annee):
    solde = simulation.calculate("solde_financier", str(annee))
    interessements = simulation.calculate("interessement_total", str(annee))
    penalites = simulation.calculate("penalite_totale", str(annee))
    assert (interessements >= 0).all() and (penalites >= 0).all()
    assert (solde == interessements - penalites).all()
