"""Les commandes compare, envelope, explain et report par openfisca_caqes.cli.main : fichiers
écrits, erreurs claires (code 2, message, aucune trace Python, aucun fichier partiel)."""

from __future__ import annotations

import base64
import json
import re

import openpyxl
import pandas as pd
import pytest
from donnees_outils import loi_essai, population_essai

from openfisca_caqes.cli import main
from openfisca_caqes.population.defaut import chemin_population_defaut

COMMANDES = ("compare", "envelope", "explain", "report")


@pytest.fixture
def loi_essai_partout(monkeypatch):
    """Les commandes calculent avec la loi d'essai (montants choisis à la main)."""
    import openfisca_caqes.commandes.compare as compare
    import openfisca_caqes.commandes.envelope as envelope
    import openfisca_caqes.commandes.explain as explain
    import openfisca_caqes.systeme as systeme

    for module in (compare, envelope, explain, systeme):
        monkeypatch.setattr(module, "systeme_de_base", loi_essai)
    return loi_essai()


@pytest.fixture
def fichier_population(tmp_path):
    chemin = tmp_path / "population.csv"
    population_essai(30, graine=11).to_csv(chemin, index=False)
    return chemin


def _erreur(capsys, arguments, motif, *interdits):
    code = main(arguments)
    sortie = capsys.readouterr()
    assert code == 2, sortie
    assert sortie.err.startswith("caqes : erreur : "), sortie.err
    assert re.search(motif, sortie.err), sortie.err
    assert "Traceback" not in sortie.err + sortie.out
    for chemin in interdits:
        assert not chemin.exists(), f"{chemin} écrit malgré l'erreur"
    assert not [p for p in (interdits[0].parent.iterdir() if interdits else []) if p.name.startswith(".caqes-")]


@pytest.mark.parametrize("commande", COMMANDES)
def test_aide(commande, capsys):
    with pytest.raises(SystemExit) as sortie:
        main([commande, "--help"])
    assert sortie.value.code == 0
    assert "utilisation : caqes" in capsys.readouterr().out


# ----- Avec la loi d'essai : les fichiers écrits ------------------------------------------------


def test_compare_ecrit_le_classeur(loi_essai_partout, fichier_population, tmp_path, capsys):
    sortie = tmp_path / "comparaison.xlsx"
    code = main(["compare", "--population", str(fichier_population), "--regimes", "2018,2022,2025,2027",
                 "--baseline", "2022", "--output", str(sortie), "--completer-par-defaut"])
    texte = capsys.readouterr().out
    assert code == 0
    # Avec --output, l'écran ne montre que le résumé ; le détail est dans le classeur.
    assert "Totaux par régime" in texte and "De 2022 à 2025" in texte
    assert "Gagnants et perdants" not in texte and "Par région" not in texte
    classeur = openpyxl.load_workbook(sortie, read_only=True)
    assert classeur.sheetnames[:4] == ["Établissements", "Totaux", "Par catégorie", "Par région"]
    assert "Entrées et sorties" in classeur.sheetnames and "Données lues" in classeur.sheetnames
    etablissements = pd.read_excel(sortie, sheet_name="Établissements")
    assert len(etablissements) == 30
    assert "Écart du solde 2022 − 2022 (€)" not in etablissements  # pas d'écart de la référence à elle-même
    ecart = etablissements["Écart du solde 2025 − 2022 (€)"]
    assert (ecart == etablissements["Solde 2025 (€)"] - etablissements["Solde 2022 (€)"]).all()
    totaux = pd.read_excel(sortie, sheet_name="Totaux").set_index("Régime")
    assert totaux.loc[2025, "Solde (€)"] == etablissements["Solde 2025 (€)"].sum()


def test_compare_csv_et_annee_des_donnees(loi_essai_partout, fichier_population, tmp_path, capsys):
    sortie = tmp_path / "comparaison.csv"
    assert main(["compare", "--population", str(fichier_population), "--regimes", "2025,2026",
                 "--annee-donnees", "2025", "--output", str(sortie)]) == 0
    tableau = pd.read_csv(sortie)
    # Les deux lois (avenant 2025-2026 : intéressements nationaux dans l'enveloppe, mêmes règles)
    # lisent les mêmes colonnes (celles de 2025 et 2024) : mêmes soldes. Sans --annee-donnees,
    # 2026 lirait les colonnes 2026 et 2025. (2022 et 2025 diffèrent par construction depuis que les
    # intéressements nationaux sont payés dans l'enveloppe en 2025.)
    population = population_essai(30, graine=11)
    # En-têtes du CSV : `nom_RÉGIME`, stables pour les scripts (le classeur garde les libellés).
    assert (tableau["solde_2025"] == tableau["solde_2026"]).all()
    assert tableau["interessement_2026"].sum() > 0
    assert {"etablissement", "region", "region_libelle", "categorie_etablissement_libelle"} <= set(tableau.columns)
    assert "données de 2025" in capsys.readouterr().out
    assert len(tableau) == len(population)


def test_envelope_ecrit_le_classeur(loi_essai_partout, fichier_population, tmp_path, capsys):
    sortie = tmp_path / "enveloppe.xlsx"
    code = main(["envelope", "--population", str(fichier_population), "--region", "occitanie",
                 "--amount", "200000", "--draws", "50", "--year", "2026", "--seed", "1", "--output", str(sortie)])
    texte = capsys.readouterr().out
    assert code == 0
    assert "payé en 2027 (année de caisse)" in texte and "l'IFEP" in texte
    feuilles = pd.read_excel(sortie, sheet_name=None)
    assert list(feuilles) == ["Synthèse", "Établissements", "Tirages", "Modèle"]
    tirages = feuilles["Tirages"]
    assert len(tirages) == 50 and (tirages["Versé (€)"] <= 200_000).all()
    # Les intéressements nationaux sont payés dans l'enveloppe en 2025-2026 : les tirages portent
    # sur ce qu'il en reste pour les intéressements régionaux.
    regional = tirages["Versé (€)"] + tirages["Reliquat (€)"]
    assert regional.nunique() == 1 and regional.iloc[0] <= 200_000


def test_envelope_par_annee_de_caisse(loi_essai_partout, fichier_population, capsys):
    assert main(["envelope", "--population", str(fichier_population), "--region", "occitanie",
                 "--amount", "200 000", "--draws", "5", "--annee-caisse", "2027"]) == 0
    assert "en 2026 (année de performance), payé en 2027" in " ".join(capsys.readouterr().out.split())


def test_explain_ecrit_le_texte(loi_essai_partout, fichier_population, tmp_path, capsys):
    sortie = tmp_path / "explication.md"
    assert main(["explain", "--population", str(fichier_population), "--etablissement", "E001",
                 "--variable", "solde_financier", "--year", "2023", "--output", str(sortie)]) == 0
    texte = sortie.read_text(encoding="utf-8")
    assert texte.startswith("Explication du calcul de « solde_financier »")
    assert "penalite_refus_signature [2023]" in texte and "Paramètre caqes.refus_signature.taux" in texte
    ecran = capsys.readouterr().out  # avec --output : le résumé (en-tête et résultat), pas les étapes
    assert " ".join(texte.split("\n\n")[0].split()) in " ".join(ecran.split()) and "Écrit :" in ecran
    assert "penalite_refus_signature [2023]" not in ecran


def test_report_ecrit_page_classeur_et_enregistrement(loi_essai_partout, fichier_population, tmp_path, capsys):
    dossier = tmp_path / "rapport"
    code = main(["report", "--population", str(fichier_population), "--output-dir", str(dossier),
                 "--region", "occitanie", "--amount", "250000", "--draws", "40", "--annee-enveloppe", "2025",
                 "--completer-par-defaut"])
    assert code == 0, capsys.readouterr().err
    _verifier_rapport(dossier, fichier_population, ["Régime 2018", "Régime 2022", "Régime 2025", "Régime 2027"])


def _verifier_rapport(dossier, population, feuilles_regimes):
    from openfisca_caqes.rapport import empreinte_fichier

    page = (dossier / "rapport_caqes.html").read_text(encoding="utf-8")
    images = re.findall(r'src="data:image/png;base64,([A-Za-z0-9+/=]+)"', page)
    assert len(images) >= 3  # soldes, gagnants et perdants, enveloppe (et IFEP si la loi le calcule)
    assert all(base64.b64decode(image).startswith(b"\x89PNG") for image in images)
    assert "<script" not in page and "http://" not in page.split("<pre>")[0]
    record = json.loads((dossier / "rapport_caqes_execution.json").read_text(encoding="utf-8"))
    assert record["population"]["sha256"] == empreinte_fichier(population)
    assert record["version"] and record["loi"]["sha256"] and record["environnement"]["openfisca-core"]
    assert [r["libelle"] for r in record["regimes"]][: len(feuilles_regimes)] == [f.split()[-1] for f in feuilles_regimes]
    classeur = openpyxl.load_workbook(dossier / "rapport_caqes.xlsx", read_only=True)
    assert classeur.sheetnames[:2] == ["Lisez-moi", "Synthèse"]
    assert all(feuille in classeur.sheetnames for feuille in feuilles_regimes)
    assert classeur.sheetnames[-1] == "Enregistrement"
    enregistrement = pd.read_excel(dossier / "rapport_caqes.xlsx", sheet_name="Enregistrement").set_index("Clé")
    assert enregistrement.loc["population.sha256", "Valeur"] == record["population"]["sha256"]
    assert not [p for p in dossier.iterdir() if p.name.startswith(".caqes-")]


# ----- Erreurs claires : code 2, message, rien d'écrit -----------------------------------------


def test_erreurs_compare(fichier_population, tmp_path, capsys):
    sortie = tmp_path / "sortie.xlsx"
    base = ["compare", "--population", str(fichier_population), "--output", str(sortie)]
    _erreur(capsys, [*base, "--regimes", "2018,20x"], r"régime « 20x » non reconnu", sortie)
    _erreur(capsys, [*base, "--baseline", "2030"], r"--reference 2030 : inconnu", sortie)
    _erreur(capsys, [*base, "--seuil-bande", "5"], r"--seuil-bande", sortie)
    _erreur(capsys, [*base, "--scenario", "inexistant_xyz"], r"scénario", sortie)
    _erreur(capsys, ["compare", "--population", str(tmp_path / "absent.csv"), "--output", str(sortie)],
            r"absent\.csv : fichier introuvable", sortie)
    _erreur(capsys, ["compare", "--population", str(fichier_population), "--output", str(tmp_path / "x.pdf")],
            r"format de sortie non reconnu")
    _erreur(capsys, ["compare", "--population", str(fichier_population), "--output", str(tmp_path / "non" / "x.csv")],
            r"n'existe pas")


def test_erreur_population_invalide(tmp_path, capsys, loi_essai_partout):
    tableau = population_essai(4)
    tableau.loc[2, "produits_assurance_maladie_2021"] = -5
    chemin = tmp_path / "mauvaise.csv"
    tableau.to_csv(chemin, index=False)
    sortie = tmp_path / "sortie.xlsx"
    _erreur(capsys, ["compare", "--population", str(chemin), "--output", str(sortie)],
            r"mauvaise\.csv, ligne 4, colonne « produits_assurance_maladie_2021 » : montant négatif", sortie)


def test_erreurs_envelope(loi_essai_partout, fichier_population, tmp_path, capsys):
    sortie = tmp_path / "enveloppe.xlsx"
    base = ["envelope", "--population", str(fichier_population), "--output", str(sortie)]
    _erreur(capsys, [*base, "--region", "atlantide", "--amount", "1000"], r"région « atlantide » inconnue", sortie)
    _erreur(capsys, [*base, "--region", "bretagne", "--amount", "1000"], r"aucun établissement de la région", sortie)
    _erreur(capsys, [*base, "--region", "occitanie", "--amount", "-3"], r"positif", sortie)
    _erreur(capsys, [*base, "--region", "occitanie", "--amount", "beaucoup"], r"montant en euros attendu", sortie)
    _erreur(capsys, [*base, "--region", "occitanie", "--amount", "1000", "--draws", "0"], r"au moins un tirage", sortie)
    _erreur(capsys, [*base, "--region", "occitanie", "--amount", "1000", "--year", "2027"],
            r"aucun intéressement régional gagné en 2027.*2026", sortie)


def test_erreurs_explain_et_report(loi_essai_partout, fichier_population, tmp_path, capsys):
    sortie = tmp_path / "explication.txt"
    base = ["explain", "--population", str(fichier_population), "--year", "2023", "--output", str(sortie)]
    _erreur(capsys, [*base, "--etablissement", "E001", "--variable", "solde"], r"variable inconnue", sortie)
    _erreur(capsys, [*base, "--etablissement", "NOPE", "--variable", "solde_financier"], r"absent de la population", sortie)
    _erreur(capsys, [*base[:-1], str(tmp_path / "x.html"), "--etablissement", "E001", "--variable", "solde_financier"],
            r"format de sortie non reconnu")
    fichier = tmp_path / "pas_un_dossier"
    fichier.write_text("x")
    _erreur(capsys, ["report", "--population", str(fichier_population), "--output-dir", str(fichier)], r"pas un dossier")
    dossier = tmp_path / "rapport"
    _erreur(capsys, ["report", "--population", str(fichier_population), "--output-dir", str(dossier),
                     "--regimes", "2018,2018"], r"deux fois")
    assert not dossier.exists()


# ----- De bout en bout : la vraie loi et la population embarquée --------------------------------

population_embarquee = pytest.mark.skipif(
    not chemin_population_defaut().is_file(),
    reason="la population embarquée (openfisca_caqes/population/donnees/occitanie_synthetique.csv) n'est pas encore générée",
)


@population_embarquee
def test_bout_en_bout_population_embarquee(tmp_path, capsys):
    comparaison = tmp_path / "comparaison.xlsx"
    assert main(["compare", "--regimes", "2018,2022,2025,2027", "--output", str(comparaison)]) == 0, capsys.readouterr().err
    feuilles = pd.read_excel(comparaison, sheet_name=None)
    totaux = feuilles["Totaux"].set_index("Régime")
    assert (totaux["Intéressements (€)"] > 0).all()  # chaque régime verse quelque chose
    assert totaux.loc[2027, "Dans le champ"] > 0
    assert len(feuilles["Établissements"]) == totaux["Établissements"].iloc[0]

    enveloppe = tmp_path / "enveloppe.xlsx"
    assert main(["envelope", "--region", "occitanie", "--amount", "3000000", "--draws", "200", "--year", "2025",
                 "--output", str(enveloppe)]) == 0, capsys.readouterr().err
    tirages = pd.read_excel(enveloppe, sheet_name="Tirages")
    assert (tirages["Versé (€)"] <= 3_000_000).all() and (tirages["Gagné (€)"] > 0).all()

    identifiant = feuilles["Établissements"]["Établissement"].iloc[0]
    explication = tmp_path / "explication.txt"
    assert main(["explain", "--etablissement", identifiant, "--variable", "solde_financier", "--year", "2025",
                 "--output", str(explication)]) == 0, capsys.readouterr().err
    assert f"Établissement {identifiant}" in explication.read_text(encoding="utf-8")

    dossier = tmp_path / "rapport"
    assert main(["report", "--output-dir", str(dossier), "--draws", "100"]) == 0, capsys.readouterr().err
    _verifier_rapport(dossier, chemin_population_defaut(), ["Régime 2018", "Régime 2022", "Régime 2025", "Régime 2027"])
    page = (dossier / "rapport_caqes.html").read_text(encoding="utf-8")
    assert "IFEP : la pénalité face à son plafond" in page
    assert "Enveloppe régionale fermée — Occitanie" in page
