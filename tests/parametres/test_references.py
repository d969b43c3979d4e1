"""Chaque paramètre cite la loi : références datées ou en liste, articles sur Légifrance, diaporamas
par leur titre lisible (docs/references.md), libellé, unité des feuilles numériques, et une
documentation qui commence par « Interprétation. » ou « Hypothèse. » quand elle en est une."""

from __future__ import annotations

import datetime
import re
from pathlib import Path

import pytest
import yaml

RACINE = Path(__file__).resolve().parents[2]
PARAMETRES = RACINE / "parameters"
FICHIERS = sorted(PARAMETRES.rglob("*.yaml"))

CONDENSAT = re.compile(r"00[0-4]_[0-9a-f]{16}")
SEED_NUMERO = re.compile(r"\bseeds? 00[0-4]\b", re.IGNORECASE)
LEGIFRANCE = re.compile(r"https?://[^\s\"'<>)]*legifrance[^\s\"'<>)]*")
PREFIXE_LEGIFRANCE = "https://www.legifrance.gouv.fr/"
# une phrase qui s'annonce interprétation ou hypothèse (pas une mention entre guillemets « … »)
ANNONCE = re.compile(r"(?:^|[.;:]\s+)(Interprétation|Hypothèse)s?\b")
TEXTES_OFFICIELS = ("Article", "Arrêté", "Décret", "Loi", "Ordonnance", "Code")
CLES_NOEUD = {"description", "metadata", "documentation", "label", "reference"}


def titres_lisibles() -> tuple[str, ...]:
    """Les titres de la première colonne du tableau de docs/references.md."""
    texte = (RACINE / "docs" / "references.md").read_text(encoding="utf-8")
    return tuple(re.findall(r"^\| `([^`]+)` \|", texte, re.M))


def _date(valeur) -> bool:
    if isinstance(valeur, datetime.date):
        return True
    try:
        datetime.date.fromisoformat(str(valeur))
    except ValueError:
        return False
    return True


def elements_de_reference(reference) -> tuple[list, list[str]]:
    """Les citations d'une référence (liste, ou datée `{date: [citations]}`) et les défauts de forme."""
    defauts = []
    if isinstance(reference, dict) and not ({"title", "href"} & set(reference)):
        elements = []
        for date, contenu in reference.items():
            if not _date(date):
                defauts.append(f"référence datée par « {date} », qui n'est pas une date")
            elements += contenu if isinstance(contenu, list) else [contenu]
        return elements, defauts
    return (reference if isinstance(reference, list) else [reference]), defauts


def defauts_citation(element, titres: tuple[str, ...]) -> list[str]:
    if not isinstance(element, dict) or not element.get("title"):
        return [f"citation sans titre : {element!r}"]
    titre, lien = str(element["title"]), element.get("href")
    defauts = []
    if lien is not None and "legifrance" in str(lien) and not str(lien).startswith(PREFIXE_LEGIFRANCE):
        defauts.append(f"adresse Légifrance hors de {PREFIXE_LEGIFRANCE} : {lien}")
    if lien is None and not titre.startswith(titres + TEXTES_OFFICIELS):
        defauts.append(f"source sans titre lisible de docs/references.md : « {titre[:80]} »")
    return defauts


def _noeuds(donnees, chemin: str):
    """(chemin, nœud, est_feuille) de chaque nœud et feuille d'un fichier de paramètres."""
    if not isinstance(donnees, dict):
        return
    feuille = "values" in donnees or "brackets" in donnees
    yield chemin, donnees, feuille
    if feuille:
        return
    for cle, enfant in donnees.items():
        if cle not in CLES_NOEUD and isinstance(enfant, dict):
            yield from _noeuds(enfant, f"{chemin}.{cle}")


def _numerique(feuille) -> bool:
    valeurs = [v.get("value") if isinstance(v, dict) else v for v in (feuille.get("values") or {}).values()]
    valeurs = [v for v in valeurs if v is not None]
    return bool(valeurs) and all(isinstance(v, (int, float, bool)) for v in valeurs)


def defauts_fichier(texte: str, nom: str, titres: tuple[str, ...]) -> list[str]:
    """Tous les défauts d'un fichier de paramètres, chacun préfixé du nœud en cause."""
    defauts = []
    if CONDENSAT.search(texte):
        defauts.append(f"{nom} : diaporama cité par son nom de fichier ({CONDENSAT.search(texte).group()})")
    if SEED_NUMERO.search(texte):
        defauts.append(f"{nom} : diaporama cité par son numéro ({SEED_NUMERO.search(texte).group()})")
    for adresse in LEGIFRANCE.findall(texte):
        if not adresse.startswith(PREFIXE_LEGIFRANCE):
            defauts.append(f"{nom} : adresse Légifrance hors de {PREFIXE_LEGIFRANCE} : {adresse}")
    donnees = yaml.safe_load(texte)
    if not re.search(re.escape(PREFIXE_LEGIFRANCE), texte):
        defauts.append(f"{nom} : aucun article sur Légifrance")
    for chemin, noeud, feuille in _noeuds(donnees, nom):
        metadonnees = noeud.get("metadata") or {}
        if not (noeud.get("description") or noeud.get("label") or metadonnees.get("label")):
            defauts.append(f"{chemin} : ni description ni label")
        reference = metadonnees.get("reference") or noeud.get("reference")
        if not reference:
            defauts.append(f"{chemin} : pas de reference")
        else:
            elements, forme = elements_de_reference(reference)
            defauts += [f"{chemin} : {d}" for d in forme]
            for element in elements:
                defauts += [f"{chemin} : {d}" for d in defauts_citation(element, titres)]
        if feuille and _numerique(noeud) and not metadonnees.get("unit"):
            defauts.append(f"{chemin} : feuille numérique sans unit")
        documentation = metadonnees.get("documentation") or noeud.get("documentation")
        if isinstance(documentation, str):
            texte_doc = " ".join(documentation.split())
            if ANNONCE.search(texte_doc) and not texte_doc.startswith(("Interprétation.", "Hypothèse.")):
                defauts.append(f"{chemin} : documentation d'une {ANNONCE.search(texte_doc).group(1).lower()} "
                               "qui ne commence pas par « Interprétation. » ou « Hypothèse. »")
        if "last_value_still_valid_on" in metadonnees and not _date(metadonnees["last_value_still_valid_on"]):
            defauts.append(f"{chemin} : last_value_still_valid_on n'est pas une date")
    return defauts


def test_les_titres_lisibles_existent():
    assert len(titres_lisibles()) == 5


@pytest.mark.parametrize("fichier", FICHIERS, ids=lambda f: str(f.relative_to(PARAMETRES)))
def test_chaque_parametre_cite_la_loi(fichier):
    defauts = defauts_fichier(fichier.read_text(encoding="utf-8"), str(fichier.relative_to(RACINE)), titres_lisibles())
    assert defauts == []


# ------------------------------------------------------------------ le contrôle sait échouer

BON = """
description: Taux
metadata:
  unit: /1
  reference:
    2022-01-01:
      - title: "ARS Occitanie 2024, avenant de prorogation — « Indicateur composite transport »"
      - title: Article L.162-30-2 du code de la sécurité sociale
        href: https://www.legifrance.gouv.fr/codes/article_lc/LEGIARTI000041398036
  documentation: "Interprétation. Lecture retenue 1 ; autre lecture 0."
  last_value_still_valid_on: "2026-03-14"
values:
  2022-01-01:
    value: 0.5
"""


@pytest.mark.parametrize(
    ("avant", "apres", "attendu"),
    [
        (None, None, None),
        ("ARS Occitanie 2024, avenant de prorogation —", "000_272167b7ed97e41a —", "nom de fichier"),
        ("ARS Occitanie 2024, avenant de prorogation —", "seed 000 —", "numéro"),
        ("ARS Occitanie 2024, avenant de prorogation —", "Diaporama de 2024 —", "titre lisible"),
        ("https://www.legifrance.gouv.fr/", "http://legifrance.gouv.fr/", "hors de"),
        ("  unit: /1\n", "", "sans unit"),
        ("description: Taux\n", "", "ni description ni label"),
        ("    2022-01-01:\n      - title: \"ARS", "    vers 2022:\n      - title: \"ARS", "pas une date"),
        ("Interprétation. Lecture", "Lecture retenue. Interprétation : lecture", "ne commence pas"),
        ('"2026-03-14"', "bientôt", "last_value_still_valid_on"),
    ],
)
def test_le_controle_signale_chaque_defaut(avant, apres, attendu):
    texte = BON if avant is None else BON.replace(avant, apres, 1)
    assert texte != BON or avant is None
    defauts = defauts_fichier(texte, "essai.yaml", titres_lisibles())
    if attendu is None:
        assert defauts == []
    else:
        assert any(attendu in d for d in defauts), defauts


def test_sans_reference_ni_legifrance():
    texte = "description: Taux\nmetadata:\n  unit: /1\nvalues:\n  2022-01-01:\n    value: 1\n"
    defauts = defauts_fichier(texte, "essai.yaml", titres_lisibles())
    assert any("pas de reference" in d for d in defauts) and any("aucun article sur Légifrance" in d for d in defauts)
