"""Invariants de l'IFEP, vérifiés sur des populations tirées au hasard (hypothesis).

Les montants sont tirés non arrondis, en float64, jusqu'à 10 milliards d'euros ; les attendus sont
calculés ici, en fractions exactes, à partir des fichiers YAML de la loi (tests/ifep/loi_yaml.py),
jamais à partir du code sous test :
- le plafond vaut exactement ⌊2 % × financements totaux⌋ et la pénalité ne le dépasse jamais,
  même d'un centime ;
- pénalité et dotation égalent la loi recalculée indépendamment (parts, champ, plafond commun) ;
- dotation et pénalités sont positives ou nulles, et la pénalité se partage exactement entre
  efficience et établissements atypiques ;
- plus d'économies ne baisse jamais la dotation et ne hausse jamais la pénalité ;
- la variante IFAQ ne verse jamais plus que l'enveloppe de chaque région (et la verse toute) ;
- ni dotation ni pénalité avant 2027 ; aucun objectif des atypiques avant 2026.
"""

from __future__ import annotations

import math
from fractions import Fraction

import numpy as np
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st
from loi_yaml import arrondi_euro_exact, montant, pres_d_un_demi_euro, taux, valeur
from openfisca_core.simulations import SimulationBuilder

from openfisca_caqes.scenarios import charger_scenario
from openfisca_caqes.systeme import systeme_de_base

CATEGORIES = ("mco_public", "mco_prive", "ssr_public", "ssr_prive", "psy_public", "psy_prive", "had", "had_sans_pui", "dialyse")
REGIONS = ("occitanie", "ile_de_france", "bretagne")
INDICATEURS = ("ipp", "perfadom", "pansements", "insuffisance_cardiaque", "transport_ambulance")
ANNEES = ("2025", "2026", "2027")
DATE = "2027-01-01"
DIX_MILLIARDS = 1e10

REGLAGES = settings(max_examples=40, deadline=None, suppress_health_check=[HealthCheck.too_slow])


@st.composite
def populations(draw):
    n = draw(st.integers(min_value=1, max_value=25))
    economie = st.floats(min_value=-1e9, max_value=1e9, allow_nan=False, allow_infinity=False)
    financement = st.floats(min_value=0, max_value=DIX_MILLIARDS, allow_nan=False, allow_infinity=False)
    part = st.floats(min_value=0.5, max_value=1, allow_nan=False)
    volume = st.integers(min_value=0, max_value=20_000)
    liste = lambda strategie: st.lists(strategie, min_size=n, max_size=n)  # noqa: E731
    totaux = {annee: draw(liste(financement)) for annee in ("2026", "2027")}
    parts = draw(liste(part))
    return {
        "n": n,
        "categorie": draw(liste(st.sampled_from(CATEGORIES))),
        "region": draw(liste(st.sampled_from(REGIONS))),
        "financements_totaux": totaux,
        # la part de l'assurance maladie dans les financements totaux : jamais au-dessus
        "financement": {annee: [min(t, t * p) for t, p in zip(valeurs, parts)] for annee, valeurs in totaux.items()},
        "economies": {nom: draw(liste(economie)) for nom in INDICATEURS},
        "actes": {annee: draw(liste(volume)) for annee in ANNEES},
        "activite": {annee: draw(liste(volume)) for annee in ANNEES},
        "montant_moyen": draw(liste(st.floats(min_value=0, max_value=500, allow_nan=False))),
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
    for annee, valeurs in donnees["financements_totaux"].items():
        simulation.set_input("financements_totaux", annee, np.array(valeurs))
    for nom, valeurs in (economies or donnees["economies"]).items():
        simulation.set_input(f"economie_{nom}", "2027", np.array(valeurs))
    for annee in ANNEES:
        simulation.set_input("ifep_atypie_actes", annee, np.array(donnees["actes"][annee], dtype=float))
        simulation.set_input("ifep_atypie_activite", annee, np.array(donnees["activite"][annee], dtype=float))
    simulation.set_input("ifep_atypie_montant_moyen", "2027", np.array(donnees["montant_moyen"]))
    simulation.set_input("ifep_penalite_ecartee", "2027", np.array(donnees["ecartee"]))
    return simulation


def plafond_attendu(financements_totaux) -> list[int]:
    """⌊taux_plafond × financements totaux⌋, taux lu dans parameters/ifep/penalite/taux_plafond.yaml."""
    assert valeur("ifep.penalite.assiette_toutes_sources", DATE) == 1
    taux_plafond = taux(valeur("ifep.penalite.taux_plafond", DATE))
    return [math.floor(taux_plafond * montant(f)) for f in financements_totaux]


def dans_champ(categorie: str) -> bool:
    return valeur(f"ifep.champ.categories.{categorie}", DATE) == 1 and valeur("ifep.calendrier.penalites", DATE) == 1


def brute_attendue(donnees, i: int, sens: int, parts: str) -> Fraction:
    """Σ part × économie positive (sens 1) ou dérive (sens −1) des indicateurs retenus, exacte."""
    return sum(
        (taux(valeur(f"ifep.{parts}.{nom}", DATE)) * max(sens * montant(donnees["economies"][nom][i]), Fraction(0))
         for nom in INDICATEURS if valeur(f"ifep.indicateurs.retenus.{nom}", DATE) == 1),
        Fraction(0),
    )


@REGLAGES
@given(populations())
def test_plafond_exact_et_jamais_depasse_d_un_centime(donnees):
    simulation = simuler(systeme_de_base(), donnees)
    penalite = simulation.calculate("ifep_penalite", "2027")
    plafond = simulation.calculate("ifep_plafond_penalite", "2027")
    totaux = donnees["financements_totaux"]["2027"]
    taux_plafond = taux(valeur("ifep.penalite.taux_plafond", DATE))
    assert plafond.tolist() == plafond_attendu(totaux)
    assert (penalite >= 0).all()
    for i, f in enumerate(totaux):  # exactement : la pénalité entière contre le plafond rationnel
        assert penalite[i] <= taux_plafond * montant(f), (penalite[i], f)


@REGLAGES
@given(populations())
def test_penalite_et_dotation_egales_a_la_loi_recalculee(donnees):
    """Loi de référence recalculée ici : parts de la dérive et des économies, champ, plafond commun, forfait."""
    simulation = simuler(systeme_de_base(), donnees)
    penalite = simulation.calculate("ifep_penalite", "2027")
    dotation = simulation.calculate("ifep_dotation_complementaire", "2027")
    atypie_brute = simulation.calculate("ifep_atypie_penalite_brute", "2027")  # testée par tests/ifep/atypie.yaml
    plafonds = plafond_attendu(donnees["financements_totaux"]["2027"])
    forfait = taux(valeur("ifep.penalite.part_plafond_forfaitaire", DATE))
    commun = valeur("ifep.penalite.plafond_commun", DATE) == 1
    for i, categorie in enumerate(donnees["categorie"]):
        champ = dans_champ(categorie)
        manque = any(donnees["economies"][nom][i] < 0 for nom in INDICATEURS if valeur(f"ifep.indicateurs.retenus.{nom}", DATE) == 1)
        derive = brute_attendue(donnees, i, -1, "penalite.part_derive") + forfait * plafonds[i] * manque
        economies = brute_attendue(donnees, i, 1, "dotation_complementaire.part_economies")
        if not (pres_d_un_demi_euro(derive) or pres_d_un_demi_euro(economies)):
            efficience = min(arrondi_euro_exact(derive) * champ, plafonds[i])
            atypie = min(int(atypie_brute[i]), plafonds[i] - efficience if commun else plafonds[i])
            attendue = 0 if donnees["ecartee"][i] else efficience + atypie
            assert penalite[i] == attendue, (i, categorie, derive, atypie_brute[i], plafonds[i])
            assert dotation[i] == arrondi_euro_exact(economies) * champ, (i, categorie, economies)


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
@given(populations(), st.sampled_from(INDICATEURS), st.floats(min_value=1, max_value=1e9, allow_nan=False))
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
def test_ni_dotation_ni_penalite_avant_2027_ni_objectif_avant_2026(donnees):
    simulation = simuler(systeme_de_base(), donnees)
    assert valeur("ifep.calendrier.dotation_complementaire", "2026-01-01") == 0
    for variable in ("ifep_dotation_complementaire", "ifep_penalite", "ifep_plafond_penalite", "ifep_atypie_penalite_brute", "ifep_dans_champ"):
        assert not simulation.calculate(variable, "2026").any(), variable
    assert not simulation.calculate("ciblage_ifep_atypie", "2025").any()
    assert not simulation.calculate("ifep_atypie_ecart_significatif", "2024").any()
