"""Chaque format de population donne la même simulation que le CSV large : CSV français, long, Parquet, classeur par thème.

La référence est un extrait de la population embarquée (40 établissements, toutes les années) ; chaque
format est écrit par `caqes population exporter`, relu par `charger_population`, et les montants
calculés (plusieurs régimes) doivent être identiques au centime près : égalité exacte des float64.
"""

from __future__ import annotations

import numpy as np
import openpyxl
import pytest

from openfisca_caqes.cli import main
from openfisca_caqes.erreurs import ErreurPopulation, ErreurUtilisateur
from openfisca_caqes.population import charger_population, construire_simulation, lire_tableau
from openfisca_caqes.population.defaut import chemin_population_defaut
from openfisca_caqes.systeme import systeme_de_base

CALCULS = [("solde_financier", "2019"), ("solde_financier", "2023"), ("solde_financier", "2025"),
           ("penalite_refus_signature", "2025"), ("ifep_penalite", "2027"), ("produits_assurance_maladie", "2024")]


@pytest.fixture(scope="module")
def extrait(tmp_path_factory):
    """40 établissements de la population embarquée, en CSV large (virgule, point décimal)."""
    dossier = tmp_path_factory.mktemp("extrait")
    texte = chemin_population_defaut().read_text(encoding="utf-8").splitlines()
    chemin = dossier / "extrait.csv"
    chemin.write_text("\n".join(texte[:41]) + "\n", encoding="utf-8")
    return chemin


@pytest.fixture(scope="module")
def reference(extrait):
    simulation = charger_population(systeme_de_base(), extrait)
    return {calcul: simulation.calculate(*calcul) for calcul in CALCULS}


def _resultats(chemin, **options):
    simulation = charger_population(systeme_de_base(), chemin, **options)
    return {calcul: simulation.calculate(*calcul) for calcul in CALCULS}


EXPORTS = {
    "csv_francais.csv": ["--separateur-sortie", "point-virgule", "--decimale-sortie", "virgule"],
    "longue.csv": ["--format", "longue"],
    "longue_francaise.csv": ["--format", "longue", "--separateur-sortie", "point-virgule", "--decimale-sortie", "virgule"],
    "large.parquet": [],
    "longue.parquet": ["--format", "longue"],
    "themes.xlsx": [],
}


@pytest.mark.parametrize("fichier", list(EXPORTS))
def test_chaque_format_donne_les_memes_montants(fichier, extrait, reference, tmp_path, capsys):
    sortie = tmp_path / fichier
    assert main(["population", "exporter", "--population", str(extrait), "--sortie", str(sortie), *EXPORTS[fichier]]) == 0
    resultats = _resultats(sortie)
    for calcul, attendu in reference.items():
        assert resultats[calcul].dtype == attendu.dtype
        np.testing.assert_array_equal(resultats[calcul], attendu, err_msg=f"{fichier} : {calcul}")


def test_le_csv_francais_est_bien_en_point_virgule_et_virgule_decimale(extrait, tmp_path):
    sortie = tmp_path / "francais.csv"
    assert main(["population", "exporter", "--population", str(extrait), "--sortie", str(sortie),
                 "--separateur-sortie", "point-virgule", "--decimale-sortie", "virgule"]) == 0
    texte = sortie.read_text(encoding="utf-8")
    assert texte.splitlines()[0].startswith("etablissement;entite_juridique;region;")
    assert "," not in texte.splitlines()[0] and any("," in ligne for ligne in texte.splitlines()[1:])


def _csv(tmp_path, texte: str, nom: str = "p.csv"):
    chemin = tmp_path / nom
    chemin.write_text(texte, encoding="utf-8")
    return chemin


BASE = ("etablissement;entite_juridique;region;categorie_etablissement;produits_assurance_maladie_2024\n"
        "a;ej_a;occitanie;mco_public;1234,5\nb;ej_b;occitanie;had;{valeur}\n")


def test_point_dans_un_fichier_a_virgule_decimale_nomme_ligne_et_colonne(tmp_path):
    chemin = _csv(tmp_path, BASE.format(valeur="1.234"))
    with pytest.raises(ErreurPopulation) as erreur:
        lire_tableau(chemin, decimale="virgule")
    assert (erreur.value.ligne, erreur.value.colonne) == (3, "produits_assurance_maladie_2024")
    assert "la virgule pour marque décimale" in erreur.value.message


def test_virgule_decimale_lue_exactement(tmp_path):
    tableau, _ = lire_tableau(_csv(tmp_path, BASE.format(valeur="0,1")))
    simulation = construire_simulation(systeme_de_base(), tableau)
    assert simulation.calculate("produits_assurance_maladie", "2024").tolist() == [1234.5, 0.1]


def test_separateur_indique_qui_ne_va_pas(tmp_path):
    with pytest.raises(ErreurPopulation) as erreur:
        lire_tableau(_csv(tmp_path, BASE.format(valeur="1")), separateur="virgule")
    assert erreur.value.ligne == 1 and "l'en-tête est séparé par « ; »" in erreur.value.message


def test_choix_de_separateur_inconnu(tmp_path):
    with pytest.raises(ErreurUtilisateur, match="--separateur « tab »"):
        lire_tableau(_csv(tmp_path, BASE.format(valeur="1")), separateur="tab")


@pytest.mark.parametrize("suffixe", [".csv", ".parquet"])
def test_colonnes_ne_lit_que_ce_que_la_question_demande(suffixe, extrait, tmp_path):
    chemin = extrait
    if suffixe == ".parquet":
        chemin = tmp_path / "p.parquet"
        assert main(["population", "exporter", "--population", str(extrait), "--sortie", str(chemin)]) == 0
    tableau, _ = lire_tableau(chemin, colonnes=["produits_assurance_maladie_2024", "refus_signature_2025"])
    assert sorted(tableau.columns) == sorted(["etablissement", "entite_juridique", "region", "categorie_etablissement",
                                               "produits_assurance_maladie_2024", "refus_signature_2025"])
    simulation = construire_simulation(systeme_de_base(), tableau)
    complet = charger_population(systeme_de_base(), extrait)
    np.testing.assert_array_equal(simulation.calculate("penalite_refus_signature", "2025"),
                                  complet.calculate("penalite_refus_signature", "2025"))


def test_erreur_dans_une_feuille_de_theme_nomme_la_feuille(tmp_path):
    classeur = openpyxl.Workbook()
    identite = classeur.active
    identite.title = "identite"
    identite.append(["etablissement", "entite_juridique", "region", "categorie_etablissement"])
    identite.append(["a", "ej_a", "occitanie", "mco_public"])
    identite.append(["b", "ej_b", "occitanie", "had"])
    finances = classeur.create_sheet("finances")
    finances.append(["etablissement", "annee", "produits_assurance_maladie"])
    finances.append(["a", 2024, 100])
    finances.append(["b", 2024, "cent"])
    chemin = tmp_path / "themes.xlsx"
    classeur.save(chemin)
    with pytest.raises(ErreurPopulation) as erreur:
        lire_tableau(chemin)
    assert str(erreur.value).startswith(f"{chemin} [feuille finances], ligne 3, colonne « produits_assurance_maladie » : "
                                        "valeur « cent » : nombre attendu")


def test_exporter_refuse_un_format_inconnu(extrait, tmp_path, capsys):
    assert main(["population", "exporter", "--population", str(extrait), "--sortie", str(tmp_path / "p.json")]) == 2
    assert "format de sortie non reconnu" in capsys.readouterr().err
    assert list(tmp_path.iterdir()) == []


def test_lister(capsys):
    assert main(["lister", "variables", "^penalite_refus_signature$"]) == 0
    sortie = capsys.readouterr().out.strip().splitlines()
    assert len(sortie) == 1 and sortie[0].startswith("penalite_refus_signature ")
    assert main(["lister", "scenarios", "central"]) == 0
    assert capsys.readouterr().out.startswith("central")
    assert main(["lister", "parametres", "refus_signature.taux"]) == 0
    assert "caqes.refus_signature.taux" in capsys.readouterr().out
    assert main(["lister", "parametres", "aucun_parametre_de_ce_nom"]) == 2
    assert "aucun élément" in capsys.readouterr().err


def _classeur_par_annee(tmp_path, entete, ligne):
    classeur = openpyxl.Workbook()
    identite = classeur.active
    identite.title = "identite"
    identite.append(["etablissement", "entite_juridique", "region", "categorie_etablissement"])
    identite.append(["a", "ej_a", "occitanie", "mco_public"])
    annuelle = classeur.create_sheet("annuelle")
    annuelle.append(entete)
    annuelle.append(ligne)
    chemin = tmp_path / "par_annee.xlsx"
    classeur.save(chemin)
    return chemin


@pytest.mark.parametrize("entete, ligne, attendu", [
    (["etablissement", "annee", "est_chu"], ["a", 2024, 1], "ligne 1, colonne « est_chu » : donnée permanente dans une feuille par année"),
    (["etablissement", "annee", "produits_assurance_maladie_2024"], ["a", 2024, 1],
     "ligne 1, colonne « produits_assurance_maladie_2024 » : colonne inconnue (une feuille par année"),
    (["etablissement", "annee", "produits_assurance_maladie"], ["a", "deux mille", 1],
     "ligne 2, colonne « produits_assurance_maladie » : année illisible"),
    (["etablissement", "annee", "produits_assurance_maladie"], ["b", 2024, 1],
     "colonne « entite_juridique » : l'établissement « b » (vu ligne 2, colonne « produits_assurance_maladie ») n'a pas de valeur pour entite_juridique"),
])
def test_feuille_par_annee_fautive(tmp_path, entete, ligne, attendu):
    chemin = _classeur_par_annee(tmp_path, entete, ligne)
    with pytest.raises(ErreurPopulation) as erreur:
        lire_tableau(chemin)
    assert attendu in str(erreur.value) and str(erreur.value).startswith(str(chemin))
