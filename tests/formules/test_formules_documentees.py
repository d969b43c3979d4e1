"""Chaque formule dit sa règle en une phrase, et chaque variable cite la loi par Légifrance ou un seed par son titre lisible.

La docstring d'une formule est ce que `caqes explain` affiche ; les titres lisibles des seeds sont ceux
de docs/references.md (jamais le nom condensé `00X_<hex>.txt` d'un fichier de shared/seeds/).
"""

from __future__ import annotations

import re
from pathlib import Path

from openfisca_caqes.systeme import systeme_de_base

RACINE = Path(__file__).resolve().parents[2]
SEED_CONDENSE = re.compile(r"\b\d{3}_[0-9a-f]{16}\b")
URL_LEGIFRANCE = re.compile(r"https://www\.legifrance\.gouv\.fr/\S+")


def titres_lisibles() -> list[str]:
    """Les titres à citer, première colonne du tableau de docs/references.md."""
    lignes = (RACINE / "docs" / "references.md").read_text(encoding="utf-8").splitlines()
    return [ligne.split("`")[1] for ligne in lignes if ligne.startswith("| `")]


def formules_sans_docstring(variables) -> list[str]:
    return sorted(
        f"{nom}.{formule.__name__}"
        for nom, variable in variables.items()
        for formule in variable.formulas.values()
        if not (formule.__doc__ or "").strip()
    )


def references_mal_formees(variables, titres) -> list[str]:
    return sorted(
        f"{nom} : {entree[:90]}"
        for nom, variable in variables.items()
        for entree in variable.reference or []
        if not (URL_LEGIFRANCE.fullmatch(entree) or any(titre in entree for titre in titres)) or SEED_CONDENSE.search(entree)
    )


def test_chaque_formule_a_une_docstring():
    manquantes = formules_sans_docstring(systeme_de_base().variables)
    assert not manquantes, f"{len(manquantes)} formules sans docstring : {manquantes[:20]}"


def test_chaque_reference_est_legifrance_ou_un_titre_lisible():
    titres = titres_lisibles()
    assert len(titres) >= 5, titres
    fautes = references_mal_formees(systeme_de_base().variables, titres)
    assert not fautes, f"{len(fautes)} références : {fautes[:20]}"


def test_aucun_nom_de_seed_condense_dans_variables():
    fautes = [
        f"{fichier.relative_to(RACINE)}:{numero}"
        for fichier in sorted((RACINE / "variables").rglob("*.py"))
        for numero, ligne in enumerate(fichier.read_text(encoding="utf-8").splitlines(), 1)
        if SEED_CONDENSE.search(ligne)
    ]
    assert not fautes, fautes


def test_les_detecteurs_voient_les_fautes():

    def formule_2022_01_01(etablissement, period):
        return etablissement.empty_array()

    class Factice:
        formulas = {"2022-01-01": formule_2022_01_01}
        reference = ["ARS Occitanie, 001_899095a05b8e7cb4.txt", "Art. D.162-16 CSS"]

    assert formules_sans_docstring({"x": Factice}) == ["x.formule_2022_01_01"]
    titres = titres_lisibles()
    assert len(references_mal_formees({"x": Factice}, titres)) == 2
    Factice.reference = ["https://www.legifrance.gouv.fr/codes/article_lc/LEGIARTI000044102658", f"{titres[1]} — « Indicateurs régionaux »"]
    assert references_mal_formees({"x": Factice}, titres) == []
    Factice.reference = [f"{titres[1]} (001_899095a05b8e7cb4.txt)"]
    assert len(references_mal_formees({"x": Factice}, titres)) == 1


def test_chaque_variable_cite_sa_source():
    """Toute variable, y compris les totaux et les données d'identité, a une `reference` (issue #12)."""
    sans_source = sorted(nom for nom, variable in systeme_de_base().variables.items() if not variable.reference)
    assert sans_source == []
