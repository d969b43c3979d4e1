"""Le classeur du rapport (xlsxwriter) : filtre automatique, en-tête figé, formats posés par colonne,
textes jamais formules ; une feuille de plus de LIGNES_MAX_FEUILLE lignes part en CSV à côté."""

from __future__ import annotations

import json

import openpyxl
import pandas as pd

from openfisca_caqes import sorties as module_sorties
from openfisca_caqes.rapport.construction import ecrire_rapport
from openfisca_caqes.sorties import FORMAT_EUROS, FORMAT_PART, FORMAT_TAUX, ecrire, nom_csv


def test_chaque_feuille_filtree_figee_formatee(rapport):
    classeur = openpyxl.load_workbook(rapport / "rapport_caqes.xlsx")
    for feuille in classeur.worksheets:
        assert feuille.auto_filter.ref, feuille.title
        assert feuille.auto_filter.ref.startswith("A1:"), feuille.title
        assert feuille.freeze_panes in ("A2", "B2"), feuille.title
    synthese = classeur["Synthèse"]
    entetes = [c.value for c in synthese[1]]
    solde = entetes.index("Solde (€)") + 1
    assert {synthese.cell(row=r, column=solde).number_format for r in range(2, synthese.max_row + 1)} == {FORMAT_EUROS}
    assert synthese.auto_filter.ref == f"A1:{openpyxl.utils.get_column_letter(len(entetes))}{synthese.max_row}"
    regime = classeur["Régime 2025"]
    entetes = [c.value for c in regime[1]]
    assert isinstance(regime.cell(row=2, column=entetes.index("Solde (€)") + 1).value, int)


def test_formats_par_nom_de_colonne_et_textes_sans_formule(tmp_path):
    tableau = pd.DataFrame({
        "Nom": ["=1+1", "@SUM(A1)", "http://exemple.invalid", "-3", "texte\x01"],
        "Solde (€)": [1, -2, 3, 4, 5],
        "Taux d'utilisation": [0.1, 0.2, 0.3, 0.4, 0.5],
        "Part des établissements": [0.1, 0.2, 0.3, 0.4, float("nan")],
    })
    sortie = tmp_path / "t.xlsx"
    ecrire({"Feuille": tableau}, sortie)
    feuille = openpyxl.load_workbook(sortie)["Feuille"]
    textes = [feuille.cell(row=r, column=1) for r in range(2, 7)]
    assert [c.data_type for c in textes] == ["s"] * 5
    assert [c.value for c in textes] == ["=1+1", "@SUM(A1)", "http://exemple.invalid", "-3", "texte\ufffd"]
    assert not feuille._hyperlinks
    assert [feuille.cell(row=r, column=2).number_format for r in range(2, 7)] == [FORMAT_EUROS] * 5
    assert feuille.cell(row=2, column=3).number_format == FORMAT_TAUX
    assert feuille.cell(row=2, column=4).number_format == FORMAT_PART
    assert feuille.cell(row=6, column=4).value is None  # une part inconnue reste vide, pas 0
    assert feuille.freeze_panes == "B2" and feuille.auto_filter.ref == "A1:D6"


def test_feuille_trop_longue_en_csv(tmp_path, monkeypatch):
    monkeypatch.setattr(module_sorties, "LIGNES_MAX_FEUILLE", 4)
    courte = pd.DataFrame({"Établissement": ["A", "B"], "Solde (€)": [1, 2]})
    longue = pd.DataFrame({"Établissement": [f"=E{i}" for i in range(5)], "Solde (€)": range(5)})
    sorties = ecrire_rapport(tmp_path, "<p>page</p>", {"Synthèse": courte, "Régime 2025": longue}, {"version": "x"})
    assert [p.name for p in sorties] == ["rapport_caqes.html", "rapport_caqes.xlsx", "rapport_caqes_regime_2025.csv",
                                         "rapport_caqes_execution.json"]
    assert nom_csv("Enveloppe par établissement", "rapport_caqes") == "rapport_caqes_enveloppe_par_etablissement.csv"
    relu = pd.read_csv(tmp_path / "rapport_caqes_regime_2025.csv", dtype=str)
    assert relu["Établissement"].tolist() == [f"'=E{i}" for i in range(5)]  # neutralisé (OWASP)
    feuilles = pd.read_excel(tmp_path / "rapport_caqes.xlsx", sheet_name=None)
    assert len(feuilles["Synthèse"]) == 2
    assert "5 lignes" in feuilles["Régime 2025"].iloc[0, 0] and "rapport_caqes_regime_2025.csv" in feuilles["Régime 2025"].iloc[0, 0]
    assert json.loads((tmp_path / "rapport_caqes_execution.json").read_text(encoding="utf-8")) == {"version": "x"}
    assert sorted(p.name for p in tmp_path.iterdir()) == sorted(p.name for p in sorties)


def test_colonne_entiere_toute_vide_ecrite_en_cellules_vides(tmp_path):
    """Une colonne Int64 ou boolean sans aucune valeur (<NA>) s'écrit en cellules vides, pas en erreur ni en 0."""
    import pandas as pd

    from openfisca_caqes.sorties import ecrire

    chemin = tmp_path / "vide.xlsx"
    tableau = pd.DataFrame({"penalises": pd.array([None, None], dtype="Int64"),
                            "au_plafond": pd.array([None, None], dtype="boolean"), "region": ["a", "b"]})
    ecrire({"f": tableau}, chemin)
    relu = pd.read_excel(chemin)
    assert relu["penalises"].isna().all() and relu["au_plafond"].isna().all()
    assert relu["region"].tolist() == ["a", "b"]
