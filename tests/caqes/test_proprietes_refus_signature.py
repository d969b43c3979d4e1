"""Propriétés du refus de signer (2018-2026), contre un calcul fait ici depuis les fichiers YAML.

Sources : ARS Occitanie, octobre 2017, « Sanctions » ; ARS Occitanie, fin 2021, « Cadre général du
nouveau CAQES » ; L.162-30-2 et D.162-15 CSS. Produits d'assurance maladie tirés non arrondis jusqu'à
10 milliards d'euros ; la pénalité (1 % des produits du dernier exercice clos, ou 30 % de la part AM
de la liste en sus en 2018-2021) est arrondie à l'euro par la loi : elle doit égaler l'arrondi du
montant exact, et les sommes sur les établissements (et le solde de la région) se réconcilier à l'euro.
Une pénalité par proposition refusée ; sous contrat = aucun refus depuis la proposition en vigueur.
"""

from pathlib import Path

import numpy as np
import yaml
from hypothesis import given, settings
from hypothesis import strategies as st
from openfisca_core.simulations import SimulationBuilder

from openfisca_caqes.systeme import systeme_de_base

PARAMETRES = Path(__file__).resolve().parents[2] / "parameters" / "caqes" / "refus_signature"
ANNEES = range(2018, 2027)


def valeur_yaml(fichier: str, annee: int):
    """La valeur du paramètre au 1er janvier `annee`, lue dans le fichier YAML ; None si nulle ou absente."""
    valeurs = yaml.safe_load((PARAMETRES / fichier).read_text(encoding="utf-8"))["values"]
    dates = sorted(str(date) for date in valeurs if str(date) <= f"{annee}-01-01")
    return {str(date): v for date, v in valeurs.items()}[dates[-1]]["value"] if dates else None


@st.composite
def populations(draw):
    n = draw(st.integers(min_value=1, max_value=25))
    produits = st.floats(min_value=0, max_value=1e10, allow_nan=False, allow_infinity=False)
    vecteur = lambda strategie: np.array(draw(st.lists(strategie, min_size=n, max_size=n)))  # noqa: E731
    colonnes = {"produits_assurance_maladie": {}, "produits_liste_en_sus_part_assurance_maladie": {}}
    for annee in range(2017, 2026):
        colonnes["produits_assurance_maladie"][annee] = vecteur(produits)
        colonnes["produits_liste_en_sus_part_assurance_maladie"][annee] = vecteur(produits)
    colonnes["refus_signature"] = {annee: vecteur(st.booleans()) for annee in ANNEES}
    colonnes["sanction_refus_liste_en_sus"] = {annee: vecteur(st.booleans()) for annee in range(2018, 2022)}
    return n, colonnes


def simuler(n: int, colonnes: dict):
    constructeur = SimulationBuilder()
    systeme = systeme_de_base()
    constructeur.create_entities(systeme)
    ids = np.array([f"e{i}" for i in range(n)])
    constructeur.declare_person_entity("etablissement", ids)
    for cle, groupes, appartenance in (("entite_juridique", ids, ids), ("region", np.array(["occitanie"]), np.repeat("occitanie", n))):
        groupe = constructeur.declare_entity(cle, groupes)
        constructeur.join_with_persons(groupe, appartenance, np.zeros(n, dtype=np.int16))
    simulation = constructeur.build(systeme)
    for variable, par_annee in colonnes.items():
        for annee, valeurs in par_annee.items():
            simulation.set_input(variable, str(annee), valeurs)
    return simulation


def penalite_exacte(colonnes: dict, annee: int) -> np.ndarray:
    """Le montant avant arrondi, recalculé ici : taux (YAML) × produits de N-1, ou 30 % (YAML) de la liste en sus."""
    taux = valeur_yaml("taux.yaml", annee) or 0.0
    reduction = valeur_yaml("taux_reduction_liste_en_sus.yaml", annee)
    montant = taux * colonnes["produits_assurance_maladie"][annee - 1]
    if reduction is not None:
        alternative = colonnes["sanction_refus_liste_en_sus"][annee]
        montant = np.where(alternative, reduction * colonnes["produits_liste_en_sus_part_assurance_maladie"][annee - 1], montant)
    return colonnes["refus_signature"][annee] * montant


@settings(max_examples=30, deadline=None)
@given(populations())
def test_penalite_de_refus_au_centime_et_sommes_a_l_euro(population):
    n, colonnes = population
    simulation = simuler(n, colonnes)
    for annee in ANNEES:
        exacte = penalite_exacte(colonnes, annee)
        attendue = np.floor(exacte + 0.5)  # l'euro le plus proche, demi-euro vers le haut
        calculee = simulation.calculate("penalite_refus_signature", str(annee))
        np.testing.assert_array_equal(calculee, attendue, err_msg=str(annee))
        assert (np.abs(calculee - exacte) <= 0.5).all()
        # Sommes : exactes en entiers, à moins d'un demi-euro par établissement du total exact.
        assert int(calculee.sum()) == int(attendue.sum())
        assert abs(int(calculee.sum()) - exacte.sum()) <= 0.5 * n + 1e-6 * max(exacte.sum(), 1)
        solde_region = simulation.calculate("solde_financier_region", str(annee))
        solde = simulation.calculate("solde_financier", str(annee))
        assert int(solde_region[0]) == int(solde.sum())
        assert (solde <= -calculee).all()  # sans autre donnée, rien d'autre que des pénalités


@settings(max_examples=30, deadline=None)
@given(populations())
def test_sous_contrat_sans_refus_depuis_la_proposition_en_vigueur(population):
    n, colonnes = population
    simulation = simuler(n, colonnes)
    for annee in ANNEES:
        proposition = valeur_yaml("annee_proposition.yaml", annee)
        refus = np.zeros(n, dtype=bool)
        for precedente in range(proposition, annee + 1):
            refus |= colonnes["refus_signature"][precedente]
        np.testing.assert_array_equal(simulation.calculate("sous_contrat", str(annee)), ~refus, err_msg=str(annee))
