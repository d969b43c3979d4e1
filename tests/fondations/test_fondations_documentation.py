"""docs/population.md est généré à partir du schéma et des formules, et il est à jour."""

from __future__ import annotations

from pathlib import Path

import pytest

from openfisca_caqes.population import documentation, schema
from openfisca_caqes.population.documentation import COMMANDE, decrire_annees, generer, lecteurs_dans_les_formules
from openfisca_caqes.systeme import systeme_de_base

DOCUMENT = Path(__file__).resolve().parents[2] / "docs" / "population.md"


@pytest.fixture(scope="module")
def genere() -> str:
    texte, _echecs = generer(systeme_de_base())
    return texte


def test_docs_population_a_jour(genere):
    actuel = DOCUMENT.read_text(encoding="utf-8") if DOCUMENT.is_file() else ""
    assert actuel == genere, f"docs/population.md n'est pas à jour avec la loi : lancer `{COMMANDE}`"


def test_chaque_colonne_est_documentee(genere):
    for nom, colonne in schema(systeme_de_base()).items():
        forme = f"`{nom}_AAAA`" if colonne.annuelle else f"`{nom}`"
        assert f"| {forme} |" in genere, nom


def test_regles_du_fichier_documentees(genere):
    for regle in ("UTF-8", "première feuille", "--sheet", "`0.25`", "vrai/faux", "`variable_AAAA`", "ligne 1"):
        assert regle in genere, regle
    for identite in ("`etablissement`", "`entite_juridique`", "`region`", "`occitanie`", "`ile_de_france`"):
        assert identite in genere, identite


def test_lecteurs_trouves_dans_le_texte_des_formules():
    lecteurs = lecteurs_dans_les_formules(systeme_de_base(), {"produits_assurance_maladie", "refus_signature", "est_clcc"})
    assert "penalite_refus_signature" in lecteurs["produits_assurance_maladie"]
    assert "penalite_refus_signature" in lecteurs["refus_signature"]
    # un nom n'est pas pris pour le début d'un autre (produits_assurance_maladie ≠ ..._total)
    assert all("produits_assurance_maladie" not in nom for nom in lecteurs["est_clcc"])


def test_annees_lues_relevees_sur_la_loi(genere):
    """La pénalité de refus lit les produits du dernier exercice clos (N-1) de 2018 à 2026 ; les
    sanctions de non-atteinte 2018-2021 lisent les produits de l'année évaluée N (D.162-16 III,
    décalage_exercice_clos = 0) ; la sanction « liste en sus » n'existe que de 2018 à 2021."""
    ligne_produits = next(x for x in genere.splitlines() if x.startswith("| `produits_assurance_maladie_AAAA`"))
    assert "| 2018-2021 : N, N-1 ; 2022-2026 : N-1 |" in ligne_produits
    ligne_sanction = next(x for x in genere.splitlines() if x.startswith("| `sanction_refus_liste_en_sus_AAAA`"))
    assert "| 2018-2021 : N |" in ligne_sanction


@pytest.mark.parametrize(
    ("paires", "attendu"),
    [
        ({(annee, annee - 1) for annee in range(2018, 2027)}, "2018-2026 : N-1"),
        # année de référence fixe : PMSI 2019 pour 2022-2024, 2023 pour 2025-2026
        ({(2022, 2019), (2023, 2019), (2024, 2019), (2025, 2023), (2026, 2023)}, "2022-2024 : 2019 ; 2025-2026 : 2023"),
        # N et N-1 (une évolution), puis N seul
        ({(2022, 2022), (2022, 2021), (2023, 2023), (2023, 2022), (2024, 2024)}, "2022-2023 : N, N-1 ; 2024 : N"),
        ({(2018, 2018)}, "2018 : 2018"),
        (set(), "—"),
    ],
)
def test_decrire_annees(paires, attendu):
    assert decrire_annees(paires, annuelle=True) == attendu


def test_donnee_permanente():
    assert decrire_annees({(None, None)}, annuelle=False) == "permanente"


def test_commande_ecrit_puis_verifie(tmp_path, capsys):
    cible = tmp_path / "population.md"
    assert documentation.main(["--sortie", str(cible), "--verifier"]) == 1
    assert COMMANDE in capsys.readouterr().err
    assert documentation.main(["--sortie", str(cible)]) == 0
    assert documentation.main(["--sortie", str(cible), "--verifier"]) == 0
    cible.write_text(cible.read_text(encoding="utf-8") + "\nretouche à la main\n", encoding="utf-8")
    assert documentation.main(["--sortie", str(cible), "--verifier"]) == 1
