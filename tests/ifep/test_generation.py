"""Les données synthétiques des établissements atypiques : complètes, plausibles, quelques atypiques."""

import numpy as np
import pandas as pd
import pytest

from openfisca_caqes.population import construire_simulation
from openfisca_caqes.population.generation import ANNEES, colonnes_coeur, generer, structure
from openfisca_caqes.population.generation import ifep as theme
from openfisca_caqes.systeme import systeme_de_base

VARIABLES = ("ifep_atypie_actes", "ifep_atypie_activite", "ifep_atypie_montant_moyen", "financements_totaux")


def _base():
    base = structure()
    base.colonnes.update(colonnes_coeur(base))
    return base


@pytest.fixture(scope="module")
def colonnes():
    return theme.generer(_base())


def test_une_colonne_par_variable_et_par_annee_positive(colonnes):
    assert set(colonnes) == {f"{variable}_{annee}" for variable in VARIABLES for annee in ANNEES}
    for valeurs in colonnes.values():
        assert np.isfinite(valeurs).all() and (valeurs >= 0).all()
    assert theme.CIBLAGES_ATTENDUS == []


def test_deterministe(colonnes):
    autre = theme.generer(_base())
    pd.testing.assert_frame_equal(pd.DataFrame(colonnes), pd.DataFrame(autre))


def test_ordres_de_grandeur_et_tendance(colonnes):
    actes_2019 = colonnes["ifep_atypie_actes_2019"]
    actes_2026 = colonnes["ifep_atypie_actes_2026"]
    activite_2026 = colonnes["ifep_atypie_activite_2026"]
    assert 0.2 < np.median(actes_2026[activite_2026 > 0] / activite_2026[activite_2026 > 0]) < 2
    assert actes_2026.sum() > actes_2019.sum()  # la pratique et l'activité croissent
    assert 20 <= np.median(colonnes["ifep_atypie_montant_moyen_2026"]) <= 80


def test_financements_totaux_comprennent_ceux_de_l_assurance_maladie(colonnes):
    """Part de l'assurance maladie entre 75 % et 92 % des financements totaux, chaque année."""
    coeur = colonnes_coeur(structure())
    for annee in ANNEES:
        assurance_maladie = coeur[f"financement_assurance_maladie_total_{annee}"]
        totaux = colonnes[f"financements_totaux_{annee}"]
        assert (totaux >= assurance_maladie).all()
        part = assurance_maladie[totaux > 0] / totaux[totaux > 0]
        assert (part >= 0.75 - 1e-9).all() and (part <= 0.92 + 1e-9).all()


def test_quelques_etablissements_atypiques_en_2027():
    simulation = construire_simulation(systeme_de_base(), generer(themes=("ifep",)))
    cibles = simulation.calculate("ciblage_ifep_atypie", "2027")
    assert 0.02 <= cibles.mean() <= 0.2
    penalites = simulation.calculate("ifep_atypie_penalite_brute", "2027")
    assert (penalites > 0).sum() >= cibles.sum() // 2
