"""Les scénarios : construction sans relire la loi ni la modifier, cache, erreurs claires, équivalences."""

from __future__ import annotations

import builtins
import textwrap

import numpy as np
import pytest
from openfisca_core import periods
from openfisca_core.parameters import Parameter, helpers
from openfisca_core.reforms import Reform

from openfisca_caqes import DOSSIER_PARAMETRES, scenarios
from openfisca_caqes.population import construire_simulation
from openfisca_caqes.population.generation import generer
from openfisca_caqes.scenarios import ErreurScenario, charger_scenario, lire_scenario, scenarios_disponibles
from openfisca_caqes.systeme import systeme_de_base

LIVRES = ("atypie_2027", "atypie_biennale", "atypie_biennale_exces_2026", "caqes_2025_prolonge", "central", "dotation_2026", "ifaq", "incitatif",
          "plafond_assurance_maladie", "plafonds_distincts", "strict")
REFORMES_PYTHON = {
    "central": "openfisca_caqes.reforms.ifep_central.ifep_central",
    "strict": "openfisca_caqes.reforms.ifep_strict.ifep_strict",
    "incitatif": "openfisca_caqes.reforms.ifep_incitatif.ifep_incitatif",
    "ifaq": "openfisca_caqes.reforms.ifep_ifaq.ifep_ifaq",
    "atypie_biennale": "openfisca_caqes.reforms.ifep_atypie_biennale.ifep_atypie_biennale",
    "atypie_2027": "openfisca_caqes.reforms.ifep_atypie_2027.ifep_atypie_2027",
    "atypie_biennale_exces_2026": "openfisca_caqes.reforms.ifep_atypie_biennale_exces_2026.ifep_atypie_biennale_exces_2026",
    "dotation_2026": "openfisca_caqes.reforms.ifep_dotation_2026.ifep_dotation_2026",
    "plafond_assurance_maladie": "openfisca_caqes.reforms.ifep_plafond_assurance_maladie.ifep_plafond_assurance_maladie",
    "plafonds_distincts": "openfisca_caqes.reforms.ifep_plafonds_distincts.ifep_plafonds_distincts",
}
DATES = ("2026-06-01", "2027-01-01", "2028-07-01", "2035-01-01")


def valeurs(racine) -> dict[str, tuple]:
    """Chaque paramètre à valeur de l'arbre : ses (date, valeur)."""
    return {
        parametre.name: tuple((v.instant_str, v.value) for v in parametre.values_list)
        for parametre in racine.get_descendants()
        if isinstance(parametre, Parameter)
    }


@pytest.fixture
def cache_vide():
    sauvegarde = dict(scenarios._CACHE)
    scenarios._CACHE.clear()
    yield
    scenarios._CACHE.clear()
    scenarios._CACHE.update(sauvegarde)


def ecrire(dossier, nom, texte):
    chemin = dossier / nom
    chemin.write_text(textwrap.dedent(texte), encoding="utf-8")
    return chemin


def test_scenarios_livres_disponibles_avec_titre_et_description():
    assert set(LIVRES) <= set(scenarios_disponibles())
    for nom in LIVRES:
        scenario = lire_scenario(nom)
        assert scenario.titre and scenario.description
        assert isinstance(charger_scenario(nom), Reform)


def test_construction_sans_relire_les_parametres_ni_modifier_la_loi(cache_vide, monkeypatch):
    base = systeme_de_base()
    racine = base.parameters
    avant = valeurs(racine)
    ouverts, chargements = [], []
    ouvrir = builtins.open

    def espion_open(fichier, *args, **kwargs):
        ouverts.append(str(fichier))
        return ouvrir(fichier, *args, **kwargs)

    def espion_yaml(*args, **kwargs):
        chargements.append(args)
        raise AssertionError("un scénario a relu un fichier de paramètres")

    monkeypatch.setattr(builtins, "open", espion_open)
    monkeypatch.setattr(helpers, "_load_yaml_file", espion_yaml)
    systemes = {nom: charger_scenario(nom) for nom in LIVRES}
    monkeypatch.undo()

    assert not chargements
    assert not [f for f in ouverts if str(DOSSIER_PARAMETRES) in f], ouverts
    assert systeme_de_base() is base and base.parameters is racine
    assert valeurs(racine) == avant
    # Les valeurs de la loi de référence en 2027 sont intactes, et le scénario a bien changé les siennes.
    assert base.parameters("2027-01-01").ifep.penalite.part_plafond_forfaitaire == 0
    assert systemes["strict"].parameters("2027-01-01").ifep.penalite.part_plafond_forfaitaire == 1
    assert base.parameters("2027-01-01").ifep.ifaq.taux_enveloppe == 0


def test_seuls_les_noeuds_touches_sont_copies():
    base = systeme_de_base().parameters
    strict = charger_scenario("strict").parameters
    assert strict is not base
    assert strict.ifep is not base.ifep and strict.ifep.penalite is not base.ifep.penalite
    assert strict.ifep.penalite.part_plafond_forfaitaire is not base.ifep.penalite.part_plafond_forfaitaire
    # partagés : tout ce que le scénario ne touche pas
    assert strict.caqes is base.caqes
    assert strict.ifep.atypie is base.ifep.atypie
    assert strict.ifep.penalite.taux_plafond is base.ifep.penalite.taux_plafond


def test_scenario_construit_une_fois(tmp_path):
    assert charger_scenario("strict") is charger_scenario("strict")
    chemin = ecrire(tmp_path, "essai.yaml", """
        titre: Essai
        description: Un essai.
        parametres:
          ifep.atypie.seuil_ecart_niveau:
            2027-01-01: 0.5
    """)
    premier = charger_scenario(chemin)
    assert charger_scenario(str(chemin)) is premier
    chemin.write_text(chemin.read_text().replace("0.5", "0.4"), encoding="utf-8")
    second = charger_scenario(chemin)
    assert second is not premier
    assert second.parameters("2027-01-01").ifep.atypie.seuil_ecart_niveau == 0.4


@pytest.mark.parametrize("nom", sorted(REFORMES_PYTHON))
def test_reforme_python_et_scenario_yaml_donnent_la_meme_loi(nom):
    python = systeme_de_base().apply_reform(REFORMES_PYTHON[nom])
    yaml_ = charger_scenario(nom)
    for date in DATES:
        assert valeurs(python.parameters) == valeurs(yaml_.parameters)
        assert repr(python.parameters(date).ifep) == repr(yaml_.parameters(date).ifep)
    assert python.name == yaml_.name == lire_scenario(nom).titre


def test_intervalle_de_dates_borne_inclus(tmp_path):
    chemin = ecrire(tmp_path, "biennale_provisoire.yaml", """
        titre: Période de deux ans en 2027-2028 seulement
        description: Puis retour à un an.
        parametres:
          ifep.atypie.duree_periode:
            2027-01-01.2028-12-31: 2
    """)
    parametres = charger_scenario(chemin).parameters
    assert parametres("2027-01-01").ifep.atypie.duree_periode == 2
    assert parametres("2028-12-31").ifep.atypie.duree_periode == 2
    assert parametres("2029-01-01").ifep.atypie.duree_periode == 1


def test_contrefactuel_caqes_prolonge():
    base = systeme_de_base()
    prolonge = charger_scenario("caqes_2025_prolonge")
    assert "taux" not in base.parameters("2027-01-01").caqes.refus_signature  # abrogé (valeur null)
    taux_2026 = base.parameters("2026-12-31").caqes.refus_signature.taux
    assert prolonge.parameters("2027-01-01").caqes.refus_signature.taux == taux_2026 == 0.01
    for nom, variable in base.variables.items():
        if nom.startswith(("ifep_", "ciblage_ifep_")):
            if variable.formulas:
                assert prolonge.variables[nom].is_neutralized, nom
                assert isinstance(prolonge.variables[nom].label, str)
            continue
        dates = list(variable.formulas)
        if "2027-01-01" in dates and any(date < "2027-01-01" for date in dates):
            derniere = max(date for date in dates if date < "2027-01-01")
            reprise = prolonge.variables[nom].formulas
            assert reprise["2027-01-01"] is variable.formulas[derniere], nom
            assert not base.variables[nom].is_neutralized
    assert "2027-01-01" in base.variables["interessement_total"].formulas


@pytest.fixture(scope="module")
def population_ifep():
    """La population synthétique (cœur et thème IFEP) : les données des atypiques."""
    return generer(themes=("ifep",))


def test_scenarios_sur_la_population_synthetique(population_ifep):
    calculs = {}
    for nom in ("central", "strict", "incitatif", "ifaq"):
        simulation = construire_simulation(charger_scenario(nom), population_ifep)
        calculs[nom] = {
            variable: simulation.calculate(variable, "2027")
            for variable in ("ifep_penalite", "ifep_dotation_complementaire", "ifep_plafond_penalite", "ciblage_ifep_atypie")
        }
        calculs[nom]["enveloppe"] = simulation.calculate("ifep_ifaq_enveloppe", "2027")
        calculs[nom]["verse"] = simulation.calculate("ifep_dotation_complementaire_region", "2027")
    central, strict, incitatif, ifaq = (calculs[nom] for nom in ("central", "strict", "incitatif", "ifaq"))
    assert central["ciblage_ifep_atypie"].sum() > 0 and (central["ifep_penalite"] > 0).sum() > 0
    assert (strict["ifep_penalite"] >= central["ifep_penalite"]).all()
    assert not incitatif["ifep_penalite"].any()
    assert (ifaq["enveloppe"] > 0).all()
    assert (ifaq["verse"].astype(np.int64) == ifaq["enveloppe"]).all()
    assert (central["ifep_penalite"] <= central["ifep_plafond_penalite"]).all()


# ----------------------------------------------------------------------------- erreurs claires

ERREURS = {
    "parametre_inconnu": ("""
        titre: T
        description: D
        parametres:
          ifep.penalite.taux_inexistant:
            2027-01-01: 0.5
    """, "ifep.penalite.taux_inexistant", "paramètre inconnu"),
    "date_invalide": ("""
        titre: T
        description: D
        parametres:
          ifep.penalite.taux_plafond:
            2027-13-01: 0.01
    """, "ifep.penalite.taux_plafond", "date « 2027-13-01 » invalide"),
    "intervalle_a_l_envers": ("""
        titre: T
        description: D
        parametres:
          ifep.penalite.taux_plafond:
            2028-01-01.2027-01-01: 0.01
    """, "ifep.penalite.taux_plafond", "la fin précède le début"),
    "valeur_texte": ("""
        titre: T
        description: D
        parametres:
          ifep.penalite.taux_plafond:
            2027-01-01: deux pour cent
    """, "ifep.penalite.taux_plafond", "nombre (ou null) attendu"),
    "taux_hors_bornes": ("""
        titre: T
        description: D
        parametres:
          ifep.penalite.taux_plafond:
            2027-01-01: 2
    """, "ifep.penalite.taux_plafond", "hors de [0, 1]"),
    "noeud_et_non_parametre": ("""
        titre: T
        description: D
        parametres:
          ifep.penalite:
            2027-01-01: 0
    """, "ifep.penalite", "nœud"),
    "cle_inconnue": ("""
        titre: T
        description: D
        parametre:
          ifep.penalite.taux_plafond:
            2027-01-01: 0
    """, "parametre", "clé inconnue"),
    "titre_absent": ("""
        description: D
    """, "titre", "texte obligatoire"),
    "reforme_introuvable": ("""
        titre: T
        description: D
        reforme: openfisca_caqes.reforms.inexistante.inexistante
    """, "reforme", "réforme introuvable"),
}


@pytest.mark.parametrize("cas", sorted(ERREURS))
def test_erreur_nomme_le_fichier_et_la_cle(tmp_path, cas):
    texte, cle, message = ERREURS[cas]
    chemin = ecrire(tmp_path, f"{cas}.yaml", texte)
    with pytest.raises(ErreurScenario) as erreur:
        charger_scenario(chemin)
    assert erreur.value.cle == cle
    assert str(chemin) in str(erreur.value) and f"« {cle} »" in str(erreur.value)
    assert message in str(erreur.value)


def test_erreur_yaml_illisible_et_scenario_inconnu(tmp_path):
    chemin = ecrire(tmp_path, "casse.yaml", "titre: [non fermé\n")
    with pytest.raises(ErreurScenario, match="YAML illisible") as erreur:
        charger_scenario(chemin)
    assert str(chemin) in str(erreur.value)
    with pytest.raises(ErreurScenario, match="scénarios disponibles : .*central") as erreur:
        charger_scenario("pas_un_scenario")
    assert "pas_un_scenario" in str(erreur.value)


def test_la_loi_de_reference_n_est_pas_modifiee_par_une_erreur(tmp_path):
    avant = valeurs(systeme_de_base().parameters)
    chemin = ecrire(tmp_path, "moitie.yaml", """
        titre: T
        description: D
        parametres:
          ifep.penalite.taux_plafond:
            2027-01-01: 0.01
          ifep.inexistant:
            2027-01-01: 1
    """)
    with pytest.raises(ErreurScenario):
        charger_scenario(chemin)
    assert valeurs(systeme_de_base().parameters) == avant
    assert systeme_de_base().parameters(periods.instant("2027-01-01")).ifep.penalite.taux_plafond == 0.02
