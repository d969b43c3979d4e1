"""Le constructeur rapide du chargeur (`chargement._simulation`, qui évite openfisca-core#1156) construit la même
simulation que `SimulationBuilder().build_from_entities` sur la même population.

30 lignes de la population embarquée, réparties entre 4 régions, dans des entités juridiques à un ou plusieurs établissements ; la situation
OpenFisca équivalente liste les groupes dans l'ordre de première apparition (pas triés, comme un
utilisateur l'écrirait) : identifiants, appartenances, rôles et effectifs doivent coïncider, et, les
mêmes données posées, `solde_financier` 2019, 2025 et 2027 doit être identique à l'euro près (égalité
exacte des tableaux).
"""

from __future__ import annotations

import numpy as np
import pandas as pd
import pytest
from openfisca_core.simulations import SimulationBuilder

from openfisca_caqes.detenteurs import detenteurs
from openfisca_caqes.population import construire_simulation, lire_tableau
from openfisca_caqes.population.chargement import schema_region
from openfisca_caqes.population.defaut import chemin_population_defaut
from openfisca_caqes.systeme import systeme_de_base

GROUPES = ("entite_juridique", "region")
ANNEES = (2019, 2025, 2027)


@pytest.fixture(scope="module")
def echantillon() -> pd.DataFrame:
    """30 établissements de la population embarquée (toute en Occitanie), répartis entre 4 régions par entité
    juridique (les données de région, identiques sur chaque ligne, le restent), les entités à plusieurs
    établissements d'abord, puis mélangés."""
    tableau = lire_tableau(chemin_population_defaut())[0].copy()  # défragmenté
    taille = tableau.groupby("entite_juridique")["etablissement"].transform("size")
    choisis = tableau.assign(_taille=taille).sort_values(["_taille", "entite_juridique"], ascending=[False, True])
    choisis = choisis.head(30).drop(columns="_taille")
    codes = [code for code in schema_region(systeme_de_base()) if code != "occitanie"][:3] + ["occitanie"]
    rang = pd.factorize(choisis["entite_juridique"])[0]
    choisis = choisis.assign(region=[codes[r % len(codes)] for r in rang])
    return choisis.sample(frac=1, random_state=3).reset_index(drop=True)


def situation(tableau: pd.DataFrame) -> dict:
    """La situation OpenFisca des seules entités ; groupes dans l'ordre de première apparition."""
    ids = tableau["etablissement"].astype(str).tolist()
    entites = {"etablissements": {i: {} for i in ids}}
    for cle, pluriel in (("entite_juridique", "entites_juridiques"), ("region", "regions")):
        groupes: dict[str, dict] = {}
        for identifiant, groupe in zip(ids, tableau[cle].astype(str), strict=True):
            groupes.setdefault(groupe, {"etablissements": []})["etablissements"].append(identifiant)
        entites[pluriel] = groupes
    return entites


@pytest.fixture(scope="module")
def deux_simulations(echantillon):
    systeme = systeme_de_base()
    rapide = construire_simulation(systeme, echantillon, "échantillon")
    lente = SimulationBuilder().build_from_entities(systeme, situation(echantillon))
    for cle, nom, holder in detenteurs(rapide):  # les mêmes données, remises dans l'ordre des groupes de `lente`
        ordre = _ordre(rapide, lente, cle)
        for periode in holder.get_known_periods():
            lente.set_input(nom, periode, holder.get_array(periode)[ordre])
    return rapide, lente


def _ordre(rapide, lente, cle: str) -> np.ndarray:
    """Les positions, dans `rapide`, des entités de `lente` (même identifiant)."""
    ids_rapide = list(np.asarray(rapide.populations[cle].ids).astype(str))
    return np.array([ids_rapide.index(i) for i in np.asarray(lente.populations[cle].ids).astype(str)])


def test_memes_etablissements(deux_simulations, echantillon):
    rapide, lente = deux_simulations
    attendus = echantillon["etablissement"].astype(str).tolist()
    for simulation in (rapide, lente):
        personnes = simulation.populations["etablissement"]
        assert list(np.asarray(personnes.ids).astype(str)) == attendus
        assert personnes.count == 30


def test_echantillon_a_plusieurs_groupes(echantillon):
    assert echantillon["region"].nunique() == 4
    assert echantillon["entite_juridique"].nunique() < len(echantillon)  # au moins une entité à plusieurs établissements


@pytest.mark.parametrize("cle", GROUPES)
def test_memes_groupes_appartenances_et_roles(deux_simulations, cle):
    rapide, lente = deux_simulations
    g_rapide, g_lente = rapide.populations[cle], lente.populations[cle]
    assert g_rapide.count == g_lente.count
    assert sorted(np.asarray(g_rapide.ids).astype(str)) == sorted(np.asarray(g_lente.ids).astype(str))
    groupe_rapide = np.asarray(g_rapide.ids).astype(str)[g_rapide.members_entity_id]
    groupe_lente = np.asarray(g_lente.ids).astype(str)[g_lente.members_entity_id]
    assert list(groupe_rapide) == list(groupe_lente)  # chaque établissement dans le même groupe
    roles_rapide = [role.key for role in g_rapide.members_role]
    roles_lente = [role.key for role in g_lente.members_role]
    assert roles_rapide == roles_lente == ["etablissement"] * 30
    assert list(g_rapide.nb_persons()) == list(g_lente.nb_persons()[_ordre(rapide, lente, cle).argsort()])


@pytest.mark.parametrize("annee", ANNEES)
def test_meme_solde_financier(deux_simulations, annee):
    rapide, lente = deux_simulations
    solde_rapide = rapide.calculate("solde_financier", str(annee))
    solde_lente = lente.calculate("solde_financier", str(annee))
    assert solde_rapide.dtype == solde_lente.dtype
    np.testing.assert_array_equal(solde_rapide, solde_lente)


@pytest.mark.parametrize("annee", ANNEES)
def test_le_solde_compare_n_est_pas_nul(deux_simulations, annee):
    """La comparaison porte sur des montants : des soldes non nuls dans au moins deux régions."""
    rapide, _ = deux_simulations
    solde = rapide.calculate("solde_financier", str(annee))
    regions = rapide.populations["region"]
    assert len(set(np.asarray(regions.ids)[regions.members_entity_id][solde != 0])) >= 2
