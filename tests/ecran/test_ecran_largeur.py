"""L'écran répond d'abord et tient dans 100 colonnes : chaque commande, lancée par cli.main avec COLUMNS=100.

Aucune ligne imprimée ne dépasse 100 caractères ; le résumé vient avant les tableaux ; avec
--sortie, l'écran ne montre que le résumé (les tableaux de détail ne sont qu'au fichier).
"""

from __future__ import annotations

import pytest

from openfisca_caqes.cli import main

LARGEUR = 100


def _lancer(capsys, monkeypatch, arguments: list[str]) -> list[str]:
    monkeypatch.setenv("COLUMNS", str(LARGEUR))
    code = main(arguments)
    sortie = capsys.readouterr()
    assert code == 0, sortie.err
    return sortie.out.splitlines()


def _largeur_max(lignes: list[str]) -> int:
    return max(len(ligne) for ligne in lignes)


@pytest.mark.parametrize(
    "arguments",
    [
        ["simulate", "--annee", "2025"],
        ["simulate", "--annee", "2019"],
        ["simulate", "--annee", "2027"],
        ["compare"],
        ["envelope", "--region", "occitanie", "--montant", "3000000", "--tirages", "50"],
        ["explain", "--etablissement", "SYN-OCC-000001", "--variable", "solde_financier", "--annee", "2025"],
    ],
    ids=["simulate-2025", "simulate-2019", "simulate-2027", "compare", "envelope", "explain"],
)
def test_aucune_ligne_plus_large_que_le_terminal(arguments, capsys, monkeypatch):
    lignes = _lancer(capsys, monkeypatch, arguments)
    assert _largeur_max(lignes) <= LARGEUR, max(lignes, key=len)


def test_compare_resume_d_abord_puis_tableaux_compacts(capsys, monkeypatch):
    lignes = _lancer(capsys, monkeypatch, ["compare"])
    texte = "\n".join(lignes)
    assert lignes[0].startswith("Population : ")
    assert "référence des écarts : 2025" in " ".join(texte.split())  # le CAQES en vigueur, pas 2018 évalué en 2019
    assert texte.index("Totaux par régime") < texte.index("De 2025 à 2027") < texte.index("Par catégorie")
    assert "mco_public" not in texte  # des libellés, pas des codes
    assert "… " in texte and "--tout" in texte  # les premières lignes, et comment tout obtenir
    assert len(lignes) < 300


def test_compare_avec_sortie_ne_montre_que_le_resume(tmp_path, capsys, monkeypatch):
    sortie = tmp_path / "comparaison.xlsx"
    lignes = _lancer(capsys, monkeypatch, ["compare", "--regimes", "2025,2027", "--sortie", str(sortie)])
    texte = "\n".join(lignes)
    assert sortie.exists()
    assert "Totaux par régime" in texte and "De 2025 à 2027" in texte
    for detail in ("Par catégorie", "Par région", "Gagnants et perdants", "Par établissement", "Régimes comparés"):
        assert detail not in texte
    assert _largeur_max(lignes) <= LARGEUR


def test_simulate_avec_sortie_ne_montre_que_le_resume(tmp_path, capsys, monkeypatch):
    sortie = tmp_path / "resultats.csv"
    lignes = _lancer(capsys, monkeypatch, ["simulate", "--annee", "2025", "--sortie", str(sortie)])
    texte = "\n".join(lignes)
    assert lignes[0].startswith("Année évaluée 2025 (versée en 2026")
    assert "par région" in texte and "Occitanie" in texte
    assert "— établissements" not in texte and "signataire" not in texte
    assert len(lignes) < 30 and _largeur_max(lignes) <= LARGEUR


def test_simulate_tout_affiche_chaque_etablissement(capsys, monkeypatch):
    courtes = _lancer(capsys, monkeypatch, ["simulate", "--annee", "2025"])
    toutes = _lancer(capsys, monkeypatch, ["simulate", "--annee", "2025", "--tout"])
    assert "SYN-OCC-000292" not in "\n".join(courtes)
    assert "SYN-OCC-000292" in "\n".join(toutes)
    assert _largeur_max(toutes) <= LARGEUR


def test_envelope_avec_sortie_ne_montre_que_le_resume(tmp_path, capsys, monkeypatch):
    sortie = tmp_path / "enveloppe.csv"
    lignes = _lancer(capsys, monkeypatch, ["envelope", "--region", "occitanie", "--montant", "3000000",
                                           "--tirages", "20", "--sortie", str(sortie)])
    texte = "\n".join(lignes)
    assert "Versé moyen" in texte and "Quantiles" not in texte and "Versement espéré par établissement" not in texte


def test_explain_sur_deux_niveaux_sans_tout(capsys, monkeypatch):
    base = ["explain", "--etablissement", "SYN-OCC-000001", "--variable", "solde_financier", "--annee", "2025"]
    courtes = _lancer(capsys, monkeypatch, base)
    toutes = _lancer(capsys, monkeypatch, [*base, "--tout"])
    assert len(courtes) < 150 < len(toutes)
    assert _largeur_max(toutes) <= LARGEUR


@pytest.mark.parametrize("quoi", [["scenarios"], ["variables"], ["parametres", "enveloppe"]])
def test_lister_scenarios_variables_parametres(quoi, capsys, monkeypatch):
    lignes = _lancer(capsys, monkeypatch, ["simulate", "--lister", *quoi, "--annee", "2025"])
    texte = "\n".join(lignes)
    attendu = {"scenarios": "central", "variables": "solde_financier",
               "parametres": "caqes.enveloppe_regionale.interessement_national_dans_enveloppe"}[quoi[0]]
    assert attendu in texte
    assert _largeur_max(lignes) <= LARGEUR


def test_simulate_sans_annee_refuse(capsys):
    assert main(["simulate"]) == 2
    assert "--annee obligatoire" in capsys.readouterr().err
