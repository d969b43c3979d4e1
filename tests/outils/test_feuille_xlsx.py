"""Les cellules écrites colonne par colonne (`openfisca_caqes.feuille_xlsx`) relues par openpyxl : chaque valeur,
son type et son format, comme les écrirait xlsxwriter cellule par cellule ; et le CSV écrit par pyarrow relu
par pandas. Les attendus sont calculés ici, d'après la valeur tirée, pas d'après le code testé."""

from __future__ import annotations

import math

import numpy as np
import openpyxl
import pandas as pd
from hypothesis import given, settings
from hypothesis import strategies as st

from openfisca_caqes import sorties as module_sorties
from openfisca_caqes.sorties import FORMAT_EUROS, ecrire, ecrire_csv

# Des textes avec ce qui doit être échappé (& < > " '), des espaces de tête et de fin, des débuts de
# formule, des caractères non ASCII ; les caractères de contrôle sont traités par un test à part.
TEXTES = st.text(alphabet=st.sampled_from(list("ab &<>\"'=+-@é€ \t\n;,")), max_size=12)
FLOTTANTS = st.floats(allow_nan=True, allow_infinity=True, width=64)
ENTIERS = st.integers(min_value=-(2**53), max_value=2**53)


def _tableau(draw, n: int) -> pd.DataFrame:
    return pd.DataFrame({
        "Texte": pd.Series(draw(st.lists(TEXTES, min_size=n, max_size=n)), dtype=object),
        "Solde (€)": np.array(draw(st.lists(ENTIERS, min_size=n, max_size=n)), dtype=np.int64),
        "Écart / produits AM": np.array(draw(st.lists(FLOTTANTS, min_size=n, max_size=n)), dtype=np.float64),
        "Au plafond": np.array(draw(st.lists(st.booleans(), min_size=n, max_size=n)), dtype=bool),
        "Pénalisés": pd.array(draw(st.lists(st.one_of(st.none(), ENTIERS), min_size=n, max_size=n)), dtype="Int64"),
        "Mêlée": pd.Series(draw(st.lists(st.one_of(st.none(), TEXTES, ENTIERS, st.booleans()), min_size=n, max_size=n)),
                           dtype=object),
    })


@st.composite
def tableaux(draw):
    return _tableau(draw, draw(st.integers(min_value=1, max_value=12)))


def _attendu(valeur):
    """Ce qu'openpyxl doit relire pour une valeur écrite."""
    if valeur is None or valeur is pd.NA or (isinstance(valeur, float) and math.isnan(valeur)):
        return None
    if isinstance(valeur, (bool, np.bool_)):
        return bool(valeur)
    if isinstance(valeur, float) and math.isinf(valeur):
        return "=1/0" if valeur > 0 else "=-1/0"  # erreur visible #DIV/0!, comme nan_inf_to_errors
    if isinstance(valeur, (int, np.integer)):
        return int(valeur)
    if isinstance(valeur, (float, np.floating)):
        return float(valeur)
    return valeur


@settings(max_examples=60, deadline=None)
@given(tableaux())
def test_chaque_cellule_relue_telle_qu_ecrite(tmp_path_factory, tableau):
    chemin = tmp_path_factory.mktemp("xlsx") / "t.xlsx"
    ecrire({"Feuille": tableau}, chemin)
    feuille = openpyxl.load_workbook(chemin)["Feuille"]
    assert [c.value for c in feuille[1]] == list(tableau.columns)
    for j, nom in enumerate(tableau.columns, start=1):
        for i, valeur in enumerate(tableau[nom].astype(object).tolist(), start=2):
            cellule = feuille.cell(row=i, column=j)
            attendu = _attendu(valeur)
            assert cellule.value == attendu, (nom, i, valeur, cellule.value)
            if isinstance(attendu, str) and not attendu.startswith("=1/0") and not attendu.startswith("=-1/0"):
                assert cellule.data_type == "s", (nom, i, valeur)  # un texte reste un texte, jamais une formule
            if isinstance(attendu, float):  # l'écriture la plus courte relit exactement le même float64
                assert cellule.value == valeur and type(cellule.value) in (float, int)
    solde = [feuille.cell(row=i, column=2).number_format for i in range(2, len(tableau) + 2)]
    assert solde == [FORMAT_EUROS] * len(tableau)
    assert feuille.auto_filter.ref == f"A1:F{len(tableau) + 1}" and feuille.freeze_panes == "B2"


def test_caracteres_de_controle_remplaces():
    """Un caractère de contrôle interdit par xlsx devient U+FFFD (sinon Excel refuse d'ouvrir le fichier)."""
    tableau = pd.DataFrame({"Texte": ["a\x01b", "ok", "\x1f"]})
    propre = module_sorties.preparer_excel(tableau)
    assert propre["Texte"].tolist() == ["a\ufffdb", "ok", "\ufffd"]


@settings(max_examples=60, deadline=None)
@given(tableaux())
def test_csv_relu_par_pandas(tmp_path_factory, tableau):
    """Le CSV (pyarrow) relu par pandas : mêmes nombres, booléens True/False, textes actifs neutralisés (OWASP)."""
    chemin = tmp_path_factory.mktemp("csv") / "t.csv"
    ecrire_csv(tableau, chemin)
    relu = pd.read_csv(chemin, dtype=str, keep_default_na=False)
    assert list(relu.columns) == list(tableau.columns)
    for nom in ("Solde (€)", "Pénalisés"):
        attendu = ["" if v is None or v is pd.NA else str(int(v)) for v in tableau[nom].astype(object)]
        assert relu[nom].tolist() == attendu
    for texte, valeur in zip(relu["Écart / produits AM"], tableau["Écart / produits AM"]):
        if math.isnan(valeur):
            assert texte == ""
        else:
            assert float(texte) == valeur
    assert relu["Au plafond"].tolist() == [str(bool(v)) for v in tableau["Au plafond"]]
    neutres = ["'" + t if t.startswith(module_sorties.DEBUTS_ACTIFS) else t for t in tableau["Texte"]]
    assert relu["Texte"].tolist() == neutres


def test_feuille_trop_longue_du_classeur_de_compare_en_csv(tmp_path, monkeypatch):
    """`caqes compare --output x.xlsx` : au-delà de LIGNES_MAX_FEUILLE lignes, la feuille des établissements part
    dans x_etablissements.csv, que la feuille du classeur nomme ; les montants y sont ceux du CSV de compare."""
    from openfisca_caqes.cli import main

    monkeypatch.setattr(module_sorties, "LIGNES_MAX_FEUILLE", 280)  # 292 établissements ; les autres feuilles, moins
    assert main(["compare", "--output", str(tmp_path / "x.xlsx")]) == 0
    assert sorted(p.name for p in tmp_path.iterdir()) == ["x.xlsx", "x_etablissements.csv"]
    renvoi = pd.read_excel(tmp_path / "x.xlsx", sheet_name="Établissements")
    assert "x_etablissements.csv" in renvoi.iloc[0, 0] and "292 lignes" in renvoi.iloc[0, 0]
    etablissements = pd.read_csv(tmp_path / "x_etablissements.csv")
    assert len(etablissements) == 292
    assert main(["compare", "--output", str(tmp_path / "y.csv")]) == 0
    stable = pd.read_csv(tmp_path / "y.csv")
    assert etablissements["Solde 2027 (€)"].tolist() == stable["solde_2027"].tolist()
    assert len(pd.read_excel(tmp_path / "x.xlsx", sheet_name="Totaux")) == 4


def test_espaces_de_tete_et_de_fin_gardes_pour_excel(tmp_path):
    """Excel retire les espaces de tête et de fin d'un texte sans xml:space="preserve" (openpyxl, lui, les garde :
    on lit donc le XML de la feuille)."""
    import zipfile

    chemin = tmp_path / "t.xlsx"
    ecrire({"F": pd.DataFrame({"Texte": [" a", "b ", "c", "d&<e>"]})}, chemin)
    with zipfile.ZipFile(chemin) as archive:
        xml = archive.read("xl/worksheets/sheet1.xml").decode("utf-8")
    assert '<t xml:space="preserve"> a</t>' in xml and '<t xml:space="preserve">b </t>' in xml
    assert "<t>c</t>" in xml and "<t>d&amp;&lt;e&gt;</t>" in xml
