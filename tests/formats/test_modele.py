"""Le modèle (`caqes population modele`) : généré depuis la loi, rempli, relu, simulé.

Aller-retour : le modèle de 2025 porte une ligne d'exemple (le premier établissement de la population
embarquée) ; relu tel quel, il fournit toutes les colonnes que lit `caqes simulate --year 2025`
(`exiger` ne refuse rien) et donne les montants du même établissement simulé seul depuis le CSV large.
Puis on le « remplit » d'un second établissement (valeurs copiées de la population embarquée) et on
simule encore.
"""

from __future__ import annotations

import numpy as np
import openpyxl
import pytest

from openfisca_caqes.cli import main
from openfisca_caqes.commandes.simulate import variables_calculees
from openfisca_caqes.population import charger_population, construire_simulation, lire_tableau
from openfisca_caqes.population.besoins import Question, exiger
from openfisca_caqes.population.defaut import chemin_population_defaut
from openfisca_caqes.systeme import systeme_de_base

MONTANTS = ["solde_financier", "interessement_total", "penalite_totale", "penalite_refus_signature"]


@pytest.fixture(scope="module")
def modele(tmp_path_factory):
    chemin = tmp_path_factory.mktemp("modele") / "modele.xlsx"
    assert main(["population", "modele", "--annee", "2025", "--sortie", str(chemin)]) == 0
    return chemin


def _simuler_seul(tableau, lignes):
    return construire_simulation(systeme_de_base(), tableau.iloc[lignes])


def test_le_modele_a_lisez_moi_identite_et_themes(modele):
    classeur = openpyxl.load_workbook(modele)
    assert classeur.sheetnames[0] == "Lisez-moi" and "etablissements" in classeur.sheetnames
    assert classeur["listes"].sheet_state == "hidden"
    identite = classeur["etablissements"]
    entete = [c.value for c in identite[1]]
    assert entete[:4] == ["etablissement", "entite_juridique", "region", "categorie_etablissement"]
    assert identite.max_row == 2  # une ligne d'exemple
    regles = {str(r.sqref).split(":")[0][0]: r for r in identite.data_validations.dataValidation}
    assert regles["D"].type == "list" and regles["D"].formula1.startswith("listes!")
    themes = [n for n in classeur.sheetnames if n not in ("Lisez-moi", "etablissements", "listes")]
    assert len(themes) >= 10
    validations = [r for n in themes for r in classeur[n].data_validations.dataValidation]
    taux = [r for r in validations if r.type == "decimal" and r.formula2 == "1.0"]
    montants = [r for r in validations if r.type == "decimal" and float(r.formula2) == 1e11]
    assert taux and montants and all(r.formula1 == "0.0" for r in taux + montants)
    assert any(r.type == "list" and r.formula1 == '"0,1"' for r in validations)
    notice = [c.value for c in classeur["Lisez-moi"]["B"] if c.value]
    assert "produits_assurance_maladie_2024" in notice


def test_aller_retour_modele_rempli_simule(modele, tmp_path):
    systeme = systeme_de_base()
    simulation = charger_population(systeme, modele)
    assert exiger(simulation, [Question.de(variables_calculees(systeme, 2025), 2025)]) == []
    large, _ = lire_tableau(chemin_population_defaut())
    seul = _simuler_seul(large, [0])
    for variable in MONTANTS:
        np.testing.assert_array_equal(simulation.calculate(variable, "2025"), seul.calculate(variable, "2025"), err_msg=variable)
    # remplir : un second établissement, copié de la population embarquée (ligne 2), dans chaque feuille
    classeur = openpyxl.load_workbook(modele)
    for nom in classeur.sheetnames:
        feuille = classeur[nom]
        if nom in ("Lisez-moi", "listes"):
            continue
        entete = [c.value for c in feuille[1]]
        feuille.append([_valeur(large.iloc[1].get(colonne)) for colonne in entete])
    rempli = tmp_path / "rempli.xlsx"
    classeur.save(rempli)
    assert main(["simulate", "--population", str(rempli), "--year", "2025", "--output", str(tmp_path / "r.csv")]) == 0
    deux = charger_population(systeme, rempli)
    attendu = _simuler_seul(large, [0, 1])
    for variable in MONTANTS:
        np.testing.assert_array_equal(deux.calculate(variable, "2025"), attendu.calculate(variable, "2025"), err_msg=variable)


def _valeur(valeur):
    if valeur is None or (isinstance(valeur, float) and np.isnan(valeur)):
        return None
    return valeur.item() if hasattr(valeur, "item") else valeur


def test_besoins_liste_les_colonnes_du_modele(modele, capsys):
    assert main(["population", "besoins", "--annee", "2025"]) == 0
    lignes = [ligne for ligne in capsys.readouterr().out.splitlines() if not ligne.startswith("#")]
    classeur = openpyxl.load_workbook(modele, read_only=True)
    colonnes = {c.value for n in classeur.sheetnames if n not in ("Lisez-moi", "listes") for c in next(classeur[n].iter_rows(max_row=1))}
    assert set(lignes) <= colonnes and "produits_assurance_maladie_2024" in lignes


def test_modele_de_compare_puis_compare(tmp_path, capsys):
    """Le modèle des régimes de `caqes compare` (défaut) : rempli de sa ligne d'exemple, compare le lit sans refus."""
    chemin = tmp_path / "compare.xlsx"
    assert main(["population", "modele", "--regimes", "2018,2022,2025,2027", "--sortie", str(chemin)]) == 0
    assert main(["compare", "--population", str(chemin), "--output", str(tmp_path / "c.csv")]) == 0, capsys.readouterr().err


def test_modele_sans_question(tmp_path, capsys):
    assert main(["population", "modele", "--sortie", str(tmp_path / "m.xlsx")]) == 2
    assert "préciser --annee AAAA" in capsys.readouterr().err
    assert list(tmp_path.iterdir()) == []
