"""La grille d'engagement 2018 encodée reproduit exactement celle du seed 004.

Source : ARS Occitanie, réunions CAQES d’octobre 2017, « Présentation de l'annexe 1 = Grille d'engagement 2018 »
(36 indicateurs : 20 nationaux, 16 régionaux ; 100 points + 4 bonus ; 6 parties), les diapositives
de chaque partie (points, bonus, indicateurs nationaux et régionaux) et le tableau « Répartition des
indicateurs selon la catégorie d'ES ».
"""

import numpy as np
import pytest
from openfisca_core.simulations import SimulationBuilder

from openfisca_caqes.systeme import systeme_de_base

# Tableau « Répartition des indicateurs selon la catégorie d'ES » (seed 004), colonne par colonne :
# (TOTAL NOMBRE D'INDICATEURS, B (bonus), NC (non concerné), NM (non mesurable)).
TABLEAU_SEED_004 = {
    "mco_public": (34, 2, 0, 0),
    "mco_prive": (29, 2, 0, 5),
    "ssr_public": (27, 1, 8, 0),
    "ssr_prive": (22, 1, 8, 5),
    "psy_public": (27, 1, 8, 0),
    "psy_prive": (22, 1, 8, 5),
    "had": (27, 2, 2, 5),
    "had_sans_pui": (23, 2, 2, 9),
    "dialyse": (22, 2, 7, 5),
}

# Diapositives « Présentation Partie k » : (points, points bonus, indicateurs nationaux, régionaux).
PARTIES_SEED_004 = {
    "partie_1": (20, 2, 8, 4),
    "partie_2": (20, 0, 2, 6),
    "partie_3": (14, 0, 5, 0),
    "partie_4": (18, 0, 1, 3),
    "partie_5": (18, 2, 4, 2),
    "partie_6": (10, 0, 0, 1),
}

# Colonne « Source des données » : les indicateurs mesurés par l'Assurance maladie ou l'ARS.
SOURCES_NON_ES = {
    "rpps_finess_ordonnances_sortie": "AM",
    "prescription_generiques_phev": "AM",
    "prescription_biosimilaires_phev": "AM",
    "evolution_depenses_phev": "AM",
    "evolution_phev_classe_medicaments": "AM/ES",
    "evolution_phev_classe_dispositifs": "AM/ES",
    "evolution_liste_en_sus_medicaments": "ARS",
    "evolution_liste_en_sus_dispositifs": "ARS",
}

ANNEES = ("2018-01-01", "2019-06-30", "2021-12-31")


def _grille(instant):
    return systeme_de_base().parameters(instant).caqes.contrat_2018.volet_obligatoire.grille


def _indicateurs(instant):
    grille = _grille(instant)
    return {code: (partie, grille[partie][code]) for partie in grille for code in grille[partie]}


@pytest.mark.parametrize("instant", ANNEES)
def test_36_indicateurs_20_nationaux_16_regionaux_100_points_et_4_bonus(instant):
    indicateurs = _indicateurs(instant)
    assert len(indicateurs) == 36
    portees = [p.portee for _, p in indicateurs.values()]
    assert portees.count("national") == 20 and portees.count("regional") == 16
    assert sum(p.points for _, p in indicateurs.values() if not p.bonus) == 100
    assert sum(p.points for _, p in indicateurs.values() if p.bonus) == 4
    assert sorted(code for code, (_, p) in indicateurs.items() if p.bonus) == [
        "dispensation_nominative",
        "suivi_dispositifs_hors_ghs",
    ]


@pytest.mark.parametrize("partie", sorted(PARTIES_SEED_004))
def test_points_et_indicateurs_par_partie(partie):
    grille = _grille("2019-01-01")
    indicateurs = [grille[partie][code] for code in grille[partie]]
    points, bonus, nationaux, regionaux = PARTIES_SEED_004[partie]
    assert sum(p.points for p in indicateurs if not p.bonus) == points
    assert sum(p.points for p in indicateurs if p.bonus) == bonus
    assert sum(p.portee == "national" for p in indicateurs) == nationaux
    assert sum(p.portee == "regional" for p in indicateurs) == regionaux


@pytest.mark.parametrize("categorie", sorted(TABLEAU_SEED_004))
def test_repartition_par_categorie_reproduit_le_tableau_du_seed(categorie):
    """TOTAL = indicateurs notés sur 100 (ni bonus, ni NC, ni NM) ; B = bonus concernés."""
    indicateurs = [p for _, p in _indicateurs("2019-01-01").values()]
    nc = [p for p in indicateurs if categorie in p.non_concerne]
    nm = [p for p in indicateurs if categorie in p.non_mesurable]
    restants = [p for p in indicateurs if p not in nc and p not in nm]
    obtenu = (
        sum(not p.bonus for p in restants),
        sum(bool(p.bonus) for p in restants),
        len(nc),
        len(nm),
    )
    assert obtenu == TABLEAU_SEED_004[categorie]


def test_nc_et_nm_disjoints_et_categories_connues():
    systeme = systeme_de_base()
    categories = set(systeme.variables["categorie_etablissement"].possible_values._member_names_)
    assert categories == set(TABLEAU_SEED_004)
    for code, (_, p) in _indicateurs("2019-01-01").items():
        assert set(p.non_concerne) <= categories, code
        assert set(p.non_mesurable) <= categories, code
        assert not set(p.non_concerne) & set(p.non_mesurable), code


def test_sources_des_donnees():
    for code, (_, p) in _indicateurs("2019-01-01").items():
        assert p.source == SOURCES_NON_ES.get(code, "ES"), code


def test_une_atteinte_par_indicateur_et_des_drapeaux_d_activite_booleens():
    systeme = systeme_de_base()
    codes = set(_indicateurs("2019-01-01"))
    atteintes = {nom.removeprefix("atteinte_volet_obligatoire_") for nom in systeme.variables if nom.startswith("atteinte_volet_obligatoire_")}
    assert atteintes == codes
    drapeaux = {nom for _, p in _indicateurs("2019-01-01").values() for nom in p.non_concerne_si}
    assert drapeaux == {
        "aucune_antibiotherapie",
        "aucune_antibiotherapie_plus_7_jours",
        "activite_exclusivement_ambulatoire",
        "aucun_medicament_liste_en_sus",
        "aucun_dispositif_liste_en_sus",
    }
    for nom in drapeaux:
        assert systeme.variables[nom].value_type is bool, nom


def test_la_grille_prend_fin_en_2022():
    grille = _grille("2022-01-01")
    assert all(len(list(grille[partie][code])) == 0 for partie in grille for code in grille[partie])


def test_les_formules_comptent_les_indicateurs_du_tableau_et_notent_sur_100():
    """Un établissement par catégorie, toutes cibles atteintes : le calcul suit le tableau."""
    categories = sorted(TABLEAU_SEED_004)
    bonus_atteints = {  # sans donnée, un bonus n'est pas atteint (interprétation) : ici on les saisit
        f"atteinte_volet_obligatoire_{nom}": {annee: 1 for annee in ("2018", "2019", "2020", "2021")}
        for nom in ("dispensation_nominative", "suivi_dispositifs_hors_ghs")
    }
    situation = {"etablissements": {c: {"categorie_etablissement": {"ETERNITY": c}, **bonus_atteints} for c in categories}}
    simulation = SimulationBuilder().build_from_entities(systeme_de_base(), situation)
    for annee in ("2018", "2019", "2020", "2021"):
        nombre = simulation.calculate("nombre_indicateurs_applicables_volet_obligatoire", annee)
        assert list(nombre) == [TABLEAU_SEED_004[c][0] for c in categories]
        np.testing.assert_allclose(simulation.calculate("score_volet_obligatoire", annee), 100, atol=1e-4)
        bonus = simulation.calculate("score_volet_obligatoire_bonus", annee)
        np.testing.assert_allclose(bonus, [2 * TABLEAU_SEED_004[c][1] for c in categories], atol=1e-5)
