"""Invariants de l'IFEP, vérifiés sur des populations tirées au hasard (hypothesis).

- la pénalité ne dépasse jamais 2 % du financement total de l'année, ni son plafond en euros ;
- dotation et pénalités sont positives ou nulles, et la pénalité se partage exactement entre
  efficience et établissements atypiques ;
- plus d'économies ne baisse jamais la dotation et ne hausse jamais la pénalité ;
- la variante IFAQ ne verse jamais plus que l'enveloppe de chaque région (et la verse toute) ;
- rien avant 2027.
"""

from __future__ import annotations

import numpy as np
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st
from openfisca_core.simulations import SimulationBuilder

from openfisca_caqes.scenarios import charger_scenario
from openfisca_caqes.systeme import systeme_de_base

CATEGORIES = ("mco_public", "mco_prive", "ssr_public", "ssr_prive", "psy_public", "psy_prive", "had", "had_sans_pui", "dialyse")
REGIONS = ("occitanie", "ile_de_france", "bretagne")
INDICATEURS = ("ipp", "perfadom", "pansements", "insuffisance_cardiaque", "transport_ambulance")
ANNEES = ("2025", "2026", "2027")
PLAFOND = 0.02

REGLAGES = settings(max_examples=40, deadline=None, suppress_health_check=[HealthCheck.too_slow])


@st.composite
def populations(draw):
    n = draw(st.integers(min_value=1, max_value=25))
    montant = st.floats(min_value=-2e6, max_value=2e6, allow_nan=False, width=32)
    positif = st.floats(min_value=0, max_value=5e8, allow_nan=False, width=32)
    volume = st.integers(min_value=0, max_value=20_000)
    liste = lambda strategie: st.lists(strategie, min_size=n, max_size=n)  # noqa: E731
    return {
        "n": n,
        "categorie": draw(liste(st.sampled_from(CATEGORIES))),
        "region": draw(liste(st.sampled_from(REGIONS))),
        "financement": {annee: draw(liste(positif)) for annee in ("2026", "2027")},
        "economies": {nom: draw(liste(montant)) for nom in INDICATEURS},
        "actes": {annee: draw(liste(volume)) for annee in ANNEES},
        "activite": {annee: draw(liste(volume)) for annee in ANNEES},
        "montant_moyen": draw(liste(st.floats(min_value=0, max_value=500, allow_nan=False, width=32))),
        "ecartee": draw(liste(st.booleans())),
    }


def simuler(systeme, donnees, economies=None):
    n = donnees["n"]
    ids = np.array([f"e{i}" for i in range(n)])
    regions = np.array(donnees["region"])
    constructeur = SimulationBuilder()
    constructeur.create_entities(systeme)
    constructeur.declare_person_entity("etablissement", ids)
    for cle, appartenance in (("entite_juridique", ids), ("region", regions)):
        groupe = constructeur.declare_entity(cle, np.unique(appartenance))
        constructeur.join_with_persons(groupe, appartenance, np.zeros(n, dtype=np.int16))
    simulation = constructeur.build(systeme)
    simulation.set_input("categorie_etablissement", "ETERNITY", np.array(donnees["categorie"]))
    for annee, valeurs in donnees["financement"].items():
        simulation.set_input("financement_assurance_maladie_total", annee, np.array(valeurs))
    for nom, valeurs in (economies or donnees["economies"]).items():
        simulation.set_input(f"economie_{nom}", "2027", np.array(valeurs))
    for annee in ANNEES:
        simulation.set_input("ifep_atypie_actes", annee, np.array(donnees["actes"][annee], dtype=float))
        simulation.set_input("ifep_atypie_activite", annee, np.array(donnees["activite"][annee], dtype=float))
    simulation.set_input("ifep_atypie_montant_moyen", "2027", np.array(donnees["montant_moyen"]))
    simulation.set_input("ifep_penalite_ecartee", "2027", np.array(donnees["ecartee"]))
    return simulation


@REGLAGES
@given(populations())
def test_penalite_jamais_au_dessus_de_deux_pour_cent_du_financement(donnees):
    simulation = simuler(systeme_de_base(), donnees)
    penalite = simulation.calculate("ifep_penalite", "2027").astype(np.float64)
    financement = simulation.calculate("financement_assurance_maladie_total", "2027").astype(np.float64)
    plafond = simulation.calculate("ifep_plafond_penalite", "2027")
    assert (penalite >= 0).all()
    assert (penalite <= plafond).all()
    assert (penalite <= PLAFOND * financement).all()
    assert (plafond <= PLAFOND * financement).all() and (plafond > PLAFOND * financement - 1).all()


@REGLAGES
@given(populations())
def test_montants_positifs_et_partage_exact_de_la_penalite(donnees):
    simulation = simuler(systeme_de_base(), donnees)
    dotation = simulation.calculate("ifep_dotation_complementaire", "2027")
    penalite = simulation.calculate("ifep_penalite", "2027")
    efficience = simulation.calculate("ifep_penalite_efficience", "2027")
    atypie = simulation.calculate("ifep_penalite_atypie", "2027")
    assert (dotation >= 0).all()
    assert (efficience >= 0).all() and (atypie >= 0).all()
    assert (efficience + atypie == penalite).all()
    assert (simulation.calculate("ifep_solde", "2027") == dotation - penalite).all()
    assert not simulation.calculate("ifep_penalite", "2027")[np.array(donnees["ecartee"])].any()


@REGLAGES
@given(populations(), st.sampled_from(INDICATEURS), st.floats(min_value=1, max_value=1e6, allow_nan=False, width=32))
def test_plus_d_economies_ne_baisse_pas_la_dotation_ni_ne_hausse_la_penalite(donnees, indicateur, surcroit):
    avant = simuler(systeme_de_base(), donnees)
    economies = dict(donnees["economies"])
    economies[indicateur] = [valeur + surcroit for valeur in economies[indicateur]]
    apres = simuler(systeme_de_base(), donnees, economies)
    for systeme_variable, sens in (("ifep_dotation_complementaire", 1), ("ifep_penalite", -1)):
        ecart = apres.calculate(systeme_variable, "2027").astype(np.int64) - avant.calculate(systeme_variable, "2027")
        assert (sens * ecart >= 0).all(), systeme_variable


@REGLAGES
@given(populations())
def test_variante_ifaq_verse_toute_l_enveloppe_et_jamais_plus(donnees):
    simulation = simuler(charger_scenario("ifaq"), donnees)
    enveloppe = simulation.calculate("ifep_ifaq_enveloppe", "2027").astype(np.int64)
    verse = simulation.calculate("ifep_dotation_complementaire_region", "2027").astype(np.int64)
    points = simulation.populations["region"].sum(
        simulation.calculate("ifep_ifaq_score", "2027") * simulation.calculate("ifep_ifaq_valorisation", "2027")
    )
    assert (verse <= enveloppe).all()
    assert (verse[points > 0] == enveloppe[points > 0]).all()
    assert (simulation.calculate("ifep_dotation_ifaq", "2027") >= 0).all()


@settings(max_examples=15, deadline=None)
@given(populations())
def test_rien_avant_2027(donnees):
    simulation = simuler(systeme_de_base(), donnees)
    for variable in ("ifep_dotation_complementaire", "ifep_penalite", "ifep_plafond_penalite", "ciblage_ifep_atypie"):
        assert not simulation.calculate(variable, "2026").any(), variable
