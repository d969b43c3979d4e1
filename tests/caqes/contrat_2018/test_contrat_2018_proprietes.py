"""Propriétés du CAQES 2018-2021 sur des populations tirées au hasard (hypothesis), et les
variantes d'interprétation (répartition proportionnelle, plafond de 5 %, économies par rapport à
l'objectif) évaluées par réforme des paramètres."""

import numpy as np
from hypothesis import given, settings
from hypothesis import strategies as st
from openfisca_core import periods
from openfisca_core.reforms import Reform
from openfisca_core.simulations import SimulationBuilder

from openfisca_caqes.systeme import systeme_de_base

CATEGORIES = ("mco_public", "mco_prive", "ssr_public", "ssr_prive", "psy_public", "psy_prive", "had", "had_sans_pui", "dialyse")
DRAPEAUX = (
    "aucune_antibiotherapie",
    "aucune_antibiotherapie_plus_7_jours",
    "activite_exclusivement_ambulatoire",
    "aucun_medicament_liste_en_sus",
    "aucun_dispositif_liste_en_sus",
)
VOLETS = ("transports", "pertinence")
PREFIXE = "atteinte_volet_obligatoire_"


def _atteintes(systeme):
    return sorted(nom for nom in systeme.variables if nom.startswith(PREFIXE))


def _simulation(systeme, annee: int, colonnes: dict, n: int):
    """Une simulation de n établissements ; colonnes : {variable: {année: valeurs}}."""
    constructeur = SimulationBuilder()
    constructeur.create_entities(systeme)
    ids = np.array([f"e{i}" for i in range(n)])
    constructeur.declare_person_entity("etablissement", ids)
    for cle in ("entite_juridique", "region"):
        groupe = constructeur.declare_entity(cle, ids if cle == "entite_juridique" else np.array(["occitanie"]))
        appartenance = ids if cle == "entite_juridique" else np.repeat("occitanie", n)
        constructeur.join_with_persons(groupe, appartenance, np.zeros(n, dtype=np.int16))
    simulation = constructeur.build(systeme)
    for variable, valeurs in colonnes.items():
        for periode, valeur in valeurs.items():
            simulation.set_input(variable, periode, valeur)
    return simulation


@st.composite
def populations(draw):
    systeme = systeme_de_base()
    n = draw(st.integers(min_value=1, max_value=12))
    annee = draw(st.sampled_from((2018, 2019, 2020, 2021)))
    taux = st.floats(min_value=0, max_value=1, allow_nan=False)
    montants = st.floats(min_value=0, max_value=5e7, allow_nan=False)
    vecteur = lambda strategie: np.array(draw(st.lists(strategie, min_size=n, max_size=n)))  # noqa: E731
    colonnes = {
        "categorie_etablissement": {"ETERNITY": vecteur(st.sampled_from(CATEGORIES))},
        "produits_assurance_maladie": {
            str(annee - 1): vecteur(st.floats(min_value=0, max_value=5e9, allow_nan=False)),
            str(annee): vecteur(st.floats(min_value=0, max_value=5e9, allow_nan=False)),
        },
    }
    colonnes.update({nom: {str(annee): vecteur(taux)} for nom in _atteintes(systeme)})
    colonnes.update({nom: {str(annee): vecteur(st.booleans())} for nom in DRAPEAUX})
    depenses = {
        "transports": ("depense_transport_ambulance", "depense_transport_assis"),
        "pertinence": ("depense_volet_additionnel_pertinence",),
    }
    for volet in VOLETS:
        colonnes[f"volet_additionnel_{volet}_signe"] = {str(annee): vecteur(st.booleans())}
        colonnes[f"taux_evolution_cible_volet_additionnel_{volet}"] = {str(annee): vecteur(st.floats(-0.2, 0.2))}
        colonnes[f"taux_interessement_volet_additionnel_{volet}"] = {str(annee): vecteur(taux)}
        colonnes[f"taux_penalite_volet_additionnel_{volet}"] = {str(annee): vecteur(st.floats(0, 0.05))}
        colonnes[f"coefficient_modulation_volet_additionnel_{volet}"] = {str(annee): vecteur(taux)}
        for variable in depenses[volet]:
            colonnes[variable] = {str(annee - 1): vecteur(montants), str(annee): vecteur(montants)}
    colonnes["refus_signature"] = {str(annee): vecteur(st.booleans())}
    colonnes["sanction_non_atteinte_ecartee"] = {str(annee): vecteur(st.booleans())}
    return annee, n, colonnes


@settings(max_examples=40, deadline=None)
@given(populations())
def test_scores_bornes_et_parties_additives(population):
    annee, n, colonnes = population
    simulation = _simulation(systeme_de_base(), annee, colonnes, n)
    periode = str(annee)
    score = simulation.calculate("score_volet_obligatoire", periode)
    bonus = simulation.calculate("score_volet_obligatoire_bonus", periode)
    parties = sum(simulation.calculate(f"score_volet_obligatoire_partie_{k}", periode) for k in range(1, 7))
    assert (score >= 0).all() and (score <= 100 + 1e-3).all()
    assert (bonus >= 0).all() and (bonus <= 4 + 1e-5).all()
    np.testing.assert_allclose(parties, score, atol=1e-3)


@settings(max_examples=25, deadline=None)
@given(populations(), st.floats(min_value=0, max_value=1))
def test_mieux_atteindre_ne_baisse_jamais_le_score_ni_n_augmente_la_sanction(population, progres):
    annee, n, colonnes = population
    systeme = systeme_de_base()
    meilleures = dict(colonnes)
    for nom in _atteintes(systeme):
        valeurs = colonnes[nom][str(annee)]
        meilleures[nom] = {str(annee): valeurs + progres * (1 - valeurs)}
    avant = _simulation(systeme, annee, colonnes, n)
    apres = _simulation(systeme, annee, meilleures, n)
    periode = str(annee)
    assert (apres.calculate("score_volet_obligatoire", periode) >= avant.calculate("score_volet_obligatoire", periode) - 1e-3).all()
    assert (apres.calculate("penalite_volet_obligatoire", periode) <= avant.calculate("penalite_volet_obligatoire", periode) + 1).all()


@settings(max_examples=40, deadline=None)
@given(populations())
def test_sanctions_dans_les_plafonds_et_interessements_positifs(population):
    annee, n, colonnes = population
    simulation = _simulation(systeme_de_base(), annee, colonnes, n)
    periode = str(annee)
    # assiette : produits de l'année évaluée (dernier exercice clos au prononcé, decalage_exercice_clos = 0)
    produits = colonnes["produits_assurance_maladie"][str(annee)]
    par_volet = np.floor(0.01 * produits + 0.5)
    for variable in ("penalite_volet_obligatoire", "penalite_volet_additionnel_transports", "penalite_volet_additionnel_pertinence"):
        valeurs = simulation.calculate(variable, periode)
        assert (valeurs >= 0).all() and (valeurs <= par_volet).all(), variable
    total = simulation.calculate("penalite_non_atteinte", periode)
    assert (total >= 0).all() and (total <= np.floor(0.05 * produits + 0.5)).all()
    assert (total[colonnes["sanction_non_atteinte_ecartee"][periode]] == 0).all()
    for volet in VOLETS:
        interessement = simulation.calculate(f"interessement_volet_additionnel_{volet}", periode)
        economie = simulation.calculate(f"economie_volet_additionnel_{volet}", periode).astype(np.float64)
        assert (interessement >= 0).all()
        assert (interessement <= 0.3 * np.maximum(economie, 0) + 1).all()
        signe = colonnes[f"volet_additionnel_{volet}_signe"][periode] & ~colonnes["refus_signature"][periode]
        assert (interessement[~signe] == 0).all()
    refus = colonnes["refus_signature"][periode]
    assert (simulation.calculate("penalite_volet_obligatoire", periode)[refus] == 0).all()
    assert (simulation.calculate("interessement_volets_additionnels", periode) >= 0).all()


def _reforme(modifications: dict):
    """Une réforme qui fixe des paramètres du régime 2018 (chemin → valeur) de 2018 à 2021."""

    class Variante(Reform):
        def apply(self):
            def modifier(parametres):
                for chemin, valeur in modifications.items():
                    noeud = parametres
                    for cle in chemin.split("."):
                        noeud = noeud.children[cle]
                    noeud.update(start=periods.instant("2018-01-01"), stop=periods.instant("2021-12-31"), value=valeur)
                return parametres

            self.modify_parameters(modifier_function=modifier)

    return Variante(systeme_de_base())


def test_repartition_proportionnelle():
    """SSR privé, conciliation manquée (2019). Points restants = 100 − 44 = 56 ; coefficient 100 / 56.
    Conciliation : 5 × 100 / 56 = 8,928571 → score 91,071429 (à parts égales : 100 − 7 = 93)."""
    colonnes = {
        "categorie_etablissement": {"ETERNITY": np.array(["ssr_prive"])},
        "atteinte_volet_obligatoire_conciliation_medicamenteuse": {"2019": np.array([0.0])},
    }
    base = _simulation(systeme_de_base(), 2019, colonnes, 1)
    proportionnelle = _simulation(_reforme({"caqes.contrat_2018.volet_obligatoire.repartition_proportionnelle": 1}), 2019, colonnes, 1)
    np.testing.assert_allclose(base.calculate("score_volet_obligatoire", "2019"), [93], atol=1e-3)
    np.testing.assert_allclose(proportionnelle.calculate("score_volet_obligatoire", "2019"), [91.071429], atol=1e-3)
    np.testing.assert_allclose(proportionnelle.calculate("score_volet_obligatoire_partie_5", "2019"), [0], atol=1e-6)


def test_plafond_de_5_pour_cent_pour_l_ensemble_des_volets():
    """Plafond par volet relevé à 3 % (et barème à 3 %) : volet obligatoire à score nul 3 %, transports
    3 %, pertinence 3 % = 9 % des produits 2020 (10 000 000 €, année évaluée) = 900 000 € → plafonné à 5 % = 500 000 €."""
    systeme = _reforme(
        {
            "caqes.contrat_2018.penalites.plafond_par_volet": 0.03,
            "caqes.contrat_2018.penalites.volet_obligatoire.taux_maximal": 0.03,
        }
    )
    colonnes = {
        "categorie_etablissement": {"ETERNITY": np.array(["mco_public"])},
        "produits_assurance_maladie": {"2019": np.array([99_000_000.0]), "2020": np.array([10_000_000.0])},
        "volet_additionnel_transports_signe": {"2020": np.array([True])},
        "volet_additionnel_pertinence_signe": {"2020": np.array([True])},
        "depense_transport_ambulance": {"2019": np.array([100.0]), "2020": np.array([200.0])},
        "depense_volet_additionnel_pertinence": {"2019": np.array([100.0]), "2020": np.array([200.0])},
        "taux_penalite_volet_additionnel_transports": {"2020": np.array([0.04])},
        "taux_penalite_volet_additionnel_pertinence": {"2020": np.array([0.03])},
    }
    colonnes.update({nom: {"2020": np.array([0.0])} for nom in _atteintes(systeme)})
    simulation = _simulation(systeme, 2020, colonnes, 1)
    assert simulation.calculate("penalite_volet_obligatoire", "2020")[0] == 300_000
    assert simulation.calculate("penalite_volet_additionnel_transports", "2020")[0] == 300_000
    assert simulation.calculate("penalite_volet_additionnel_pertinence", "2020")[0] == 300_000
    assert simulation.calculate("penalite_non_atteinte", "2020")[0] == 500_000


def test_economies_par_rapport_a_l_objectif():
    """Pertinence 2019 : 1 000 000 € en 2018, objectif +2 % → dépense attendue 1 020 000 € ; 2019 :
    990 000 €. Économies : 10 000 € (N-1 − N, valeur centrale) ou 30 000 € (par rapport à l'objectif) ;
    intéressement à 30 % : 3 000 € ou 9 000 €."""
    colonnes = {
        "volet_additionnel_pertinence_signe": {"2019": np.array([True])},
        "depense_volet_additionnel_pertinence": {"2018": np.array([1_000_000.0]), "2019": np.array([990_000.0])},
        "taux_evolution_cible_volet_additionnel_pertinence": {"2019": np.array([0.02])},
        "taux_interessement_volet_additionnel_pertinence": {"2019": np.array([0.3])},
    }
    base = _simulation(systeme_de_base(), 2019, colonnes, 1)
    variante = _simulation(_reforme({"caqes.contrat_2018.volets_additionnels.economies_par_rapport_a_objectif": 1}), 2019, colonnes, 1)
    assert base.calculate("interessement_volet_additionnel_pertinence", "2019")[0] == 3_000
    np.testing.assert_allclose(variante.calculate("economie_volet_additionnel_pertinence", "2019"), [30_000], atol=0.5)
    assert variante.calculate("interessement_volet_additionnel_pertinence", "2019")[0] == 9_000
