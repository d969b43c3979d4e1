"""L'explication d'un calcul : étapes, valeurs de l'établissement, paramètres et leurs textes."""

from __future__ import annotations

import pandas as pd
import pytest
from donnees_outils import loi_essai

from openfisca_caqes.cli import ErreurUtilisateur
from openfisca_caqes.explication import expliquer, formater
from openfisca_caqes.population import construire_simulation


def _simulation():
    """B refuse de signer en 2022 ; ses produits AM 2021 (dernier exercice clos) : 50 000 000 €."""
    tableau = pd.DataFrame({
        "etablissement": ["A", "B"], "entite_juridique": ["EJ1", "EJ2"], "region": ["occitanie", "bretagne"],
        "categorie_etablissement": ["mco_public", "mco_prive"],
        "produits_assurance_maladie_2021": [10_000_000, 50_000_000],
        "refus_signature_2022": [0, 1],
        "interessement_national_2022": [1_234, 8_000],
    })
    return construire_simulation(loi_essai(), tableau)


def test_explication_de_la_penalite_de_refus():
    """Pénalité 2022 de B = 1 % × 50 000 000 € = 500 000 € ; solde = 8 000 − 500 000 = −492 000 €."""
    texte = expliquer(_simulation(), "B", "solde_financier", 2022)
    lignes = texte.splitlines()
    assert "Établissement B — entité juridique EJ2 — région Bretagne — catégorie : MCO privé lucratif" in texte
    assert lignes[4] == "solde_financier [2022] = -492 000 €"
    assert any(ligne.endswith("penalite_refus_signature [2022] = 500 000 €") for ligne in lignes)
    assert any("produits_assurance_maladie [2021] = 50 000 000 €  (donnée)" in ligne for ligne in lignes)
    assert any("refus_signature [2022] = oui  (donnée)" in ligne for ligne in lignes)
    assert any("interessement_national [2022] = 8 000 €  (donnée)" in ligne for ligne in lignes)
    assert "Paramètre caqes.refus_signature.taux au 2022-01-01 = 0,01 (1 %)" in texte
    assert "LEGIARTI000041398036" in texte  # le texte de la règle (référence de la variable)
    assert "Source : " in texte  # la source du paramètre (métadonnées)
    assert "Règle en vigueur depuis le 2022-01-01." in texte
    # les étapes sont indentées sous celle qui les utilise
    rang_total = next(i for i, ligne in enumerate(lignes) if "penalite_totale [2022]" in ligne)
    rang_refus = next(i for i, ligne in enumerate(lignes) if "penalite_refus_signature [2022]" in ligne)
    assert rang_refus > rang_total
    assert len(lignes[rang_refus]) - len(lignes[rang_refus].lstrip("│├└─ ")) > len(lignes[rang_total]) - len(
        lignes[rang_total].lstrip("│├└─ ")
    )


def test_valeur_d_une_variable_de_region_pour_l_etablissement():
    """Enveloppe de la Bretagne 2022 = 0 (absente) : intéressement régional versé 0 € pour B."""
    texte = expliquer(_simulation(), "B", "interessement_regional_verse", 2022)
    assert "interessement_regional_verse [2022] = 0 €" in texte
    assert "enveloppe_regionale [2022] = 0 €" in texte


def test_profondeur():
    texte = expliquer(_simulation(), "B", "solde_financier", 2022, profondeur=1)
    assert "produits_assurance_maladie" not in texte
    assert "étape(s) non détaillée(s)" in texte


def test_erreurs_claires():
    with pytest.raises(ErreurUtilisateur, match="vouliez-vous dire : solde_financier"):
        expliquer(_simulation(), "B", "solde_financie", 2022)
    with pytest.raises(ErreurUtilisateur, match="« Z » absent de la population"):
        expliquer(_simulation(), "Z", "solde_financier", 2022)


def test_formater():
    assert formater(1234567, "currency-EUR") == "1 234 567 €"
    assert formater(12.5, "currency-EUR") == "12,50 €"
    assert formater(0.25, "/1") == "0,25 (25 %)"
    assert formater(0.075, "/1") == "0,075 (7,5 %)"
    assert formater(True) == "oui"
    assert formater(3, "nombre") == "3"
    assert formater(2.5) == "2,5"


def _formule_refus_2022(simulation):
    return simulation.tax_benefit_system.variables["penalite_refus_signature"].get_formula("2022")


def test_la_regle_en_mots_de_la_formule_executee(monkeypatch):
    """La docstring de la formule exécutée (celle du 2022-01-01 pour 2022) est dite à son étape."""
    simulation = _simulation()
    formule = _formule_refus_2022(simulation)
    regle = "Un établissement qui refuse de signer paie 1 % de ses produits d'assurance maladie."
    monkeypatch.setattr(formule, "__doc__", f"\n        {regle}\n        ")
    lignes = expliquer(simulation, "B", "solde_financier", 2022).splitlines()
    rang = next(i for i, ligne in enumerate(lignes) if ligne.endswith("penalite_refus_signature [2022] = 500 000 €"))
    # libellé, date de la règle, puis la règle en mots, sous l'étape de la pénalité
    assert [ligne.strip(" │") for ligne in lignes[rang + 1: rang + 4]][1:] == [
        "Règle en vigueur depuis le 2022-01-01.", f"Règle : {regle}"]


def test_une_formule_sans_docstring_ne_dit_rien(monkeypatch):
    """Sans docstring, pas de ligne « Règle : » pour cette étape, et pas d'erreur."""
    simulation = _simulation()
    systeme = simulation.tax_benefit_system
    for nom in ("penalite_refus_signature", "solde_financier", "penalite_totale", "interessement_total"):
        for formule in systeme.variables[nom].formulas.values():
            monkeypatch.setattr(formule, "__doc__", None)
    texte = expliquer(simulation, "B", "solde_financier", 2022, profondeur=1)
    lignes = texte.splitlines()
    assert lignes[4] == "solde_financier [2022] = -492 000 €"
    assert not any("Règle : " in ligne for ligne in lignes[4:])


def test_references_datees_celles_en_vigueur_a_la_date_lue():
    """Références datées (openfisca-france) : la dernière date au plus la date lue, sinon la première."""
    from openfisca_caqes.explication import references_en_vigueur

    datees = {"2018-01-01": [{"title": "A"}], "2022-01-01": [{"title": "B"}, {"title": "C"}]}
    assert references_en_vigueur(datees, "2021-12-31") == [{"title": "A"}]
    assert references_en_vigueur(datees, "2022-01-01") == [{"title": "B"}, {"title": "C"}]
    assert references_en_vigueur(datees, "2017-01-01") == [{"title": "A"}]
    assert references_en_vigueur([{"title": "L"}], "2022-01-01") == [{"title": "L"}]
    assert references_en_vigueur({"title": "T", "href": "h"}) == [{"title": "T", "href": "h"}]
    assert references_en_vigueur(None) == []


def test_la_source_d_un_parametre_est_celle_de_sa_date():
    """Le taux de refus lu au 2022-01-01 cite le texte qui le fonde (référence datée du paramètre)."""
    texte = expliquer(_simulation(), "B", "solde_financier", 2022)
    rang = texte.index("Paramètre caqes.refus_signature.taux au 2022-01-01")
    suite = texte[rang: rang + 1500]
    assert "Source : " in suite and "legifrance.gouv.fr" in suite
