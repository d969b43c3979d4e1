"""Écrire docs/population.md à partir du schéma et des formules de la loi.

    python -m openfisca_caqes.population.documentation            # réécrit docs/population.md
    python -m openfisca_caqes.population.documentation --verifier # code 1 s'il n'est pas à jour

Pour chaque colonne d'entrée (openfisca_caqes/population/schema.py) : libellé, type, unité,
valeurs admises, forme (`variable` ou `variable_AAAA`), référence, règles qui la lisent et
années lues. Les règles qui lisent une colonne sont trouvées dans le texte des formules
(`inspect.getsource`, y compris les fonctions auxiliaires de la loi qu'elles appellent), et
complétées par la trace d'un calcul de toutes les formules pour chaque année évaluée ; cette
trace donne aussi les années de données réellement lues (N, N-1, année de référence…).
"""

from __future__ import annotations

import argparse
import ast
import inspect
import sys
import textwrap
import warnings
from dataclasses import dataclass, field
from pathlib import Path

import numpy as np
import pandas as pd
from openfisca_core.periods import DateUnit

import openfisca_caqes.systeme as systemes  # `systemes.systeme_de_base` lu à l'appel : les tests y substituent une loi d'essai
from openfisca_caqes import RACINE_LOI
from openfisca_caqes.population.besoins import OPTION_COMPLETER
from openfisca_caqes.population.cellules import SENS_DU_VIDE
from openfisca_caqes.population.chargement import construire_simulation, schema_region
from openfisca_caqes.population.regles_fichier import regles_du_fichier
from openfisca_caqes.population.schema import Colonne, schema

PAQUET = Path(__file__).resolve().parents[1]
CHEMIN_DOCUMENTATION = PAQUET.parent / "docs" / "population.md"
COMMANDE = "python -m openfisca_caqes.population.documentation"
# Années évaluées par la sonde : du premier contrat (2018) à l'IFEP (2027).
ANNEES_EVALUEES = tuple(range(2018, 2028))
# La sonde : un établissement par région dotée de règles régionales propres.
REGIONS_SONDE = ("occitanie", "ile_de_france")
COLONNE_OBLIGATOIRE = "categorie_etablissement"
UNITES = {
    "currency-EUR": "montant en euros",
    "/1": "taux",
    "nombre": "effectif",
    "lits": "lits ou places",
    "jours": "durée en jours",
}


@dataclass
class Lectures:
    """Ce que l'on sait des lectures d'une colonne par les règles."""

    lecteurs: set[str] = field(default_factory=set)
    # (année évaluée du lecteur, année lue) ; None pour une donnée permanente
    paires: set[tuple[int, int | None]] = field(default_factory=set)
    autres_periodes: set[str] = field(default_factory=set)


# --- Les règles qui lisent une colonne : le texte des formules ------------------------------


def _fonctions_de_la_loi(fonction, vues: set[int]) -> list:
    """La formule et, transitivement, les fonctions de la loi ou du paquet qu'elle appelle."""
    if id(fonction) in vues:
        return []
    vues.add(id(fonction))
    trouvees = [fonction]
    try:
        arbre = ast.parse(textwrap.dedent(inspect.getsource(fonction)))
    except (OSError, TypeError, SyntaxError):
        return trouvees
    globaux = getattr(fonction, "__globals__", {})
    appelees = {
        noeud.func.id for noeud in ast.walk(arbre) if isinstance(noeud, ast.Call) and isinstance(noeud.func, ast.Name)
    }
    for nom in sorted(appelees):
        candidate = globaux.get(nom)
        if inspect.isfunction(candidate) and _dans_le_projet(candidate):
            trouvees.extend(_fonctions_de_la_loi(candidate, vues))
    return trouvees


def _dans_le_projet(fonction) -> bool:
    fichier = Path(fonction.__code__.co_filename).resolve()
    return any(racine in fichier.parents for racine in (RACINE_LOI.resolve(), PAQUET))


def _chaines(fonction) -> set[str]:
    """Les chaînes littérales du texte d'une fonction."""
    try:
        arbre = ast.parse(textwrap.dedent(inspect.getsource(fonction)))
    except (OSError, TypeError, SyntaxError):
        return set()
    return {n.value for n in ast.walk(arbre) if isinstance(n, ast.Constant) and isinstance(n.value, str)}


def lecteurs_dans_les_formules(systeme, noms: set[str]) -> dict[str, set[str]]:
    """Pour chaque nom, les variables dont une formule (ou une fonction qu'elle appelle) le cite."""
    lecteurs: dict[str, set[str]] = {nom: set() for nom in noms}
    for nom_variable, variable in sorted(systeme.variables.items()):
        vues: set[int] = set()
        chaines: set[str] = set()
        for formule in variable.formulas.values():
            for fonction in _fonctions_de_la_loi(formule, vues):
                chaines |= _chaines(fonction)
        for cite in (chaines & noms) - {nom_variable}:
            lecteurs[cite].add(nom_variable)
    return lecteurs


# --- Les années lues : la trace d'un calcul complet -----------------------------------------


def _sonde(systeme):
    """Une population minimale (un établissement par région) qui lance toutes les formules."""
    tableau = pd.DataFrame(
        {
            "etablissement": [f"sonde_{region}" for region in REGIONS_SONDE],
            "entite_juridique": [f"ej_{region}" for region in REGIONS_SONDE],
            "region": list(REGIONS_SONDE),
            COLONNE_OBLIGATOIRE: systeme.variables[COLONNE_OBLIGATOIRE].default_value.name,
        }
    )
    simulation = construire_simulation(systeme, tableau, "<sonde>")
    simulation.trace = True
    return simulation


def _calculer_tout(systeme, simulation) -> list[str]:
    """Calcule chaque variable à formule pour chaque année évaluée ; rend celles qui échouent."""
    echecs = []
    for nom, variable in sorted(systeme.variables.items()):
        if not variable.formulas:
            continue
        if variable.definition_period == DateUnit.ETERNITY:
            # openfisca-core 46 ne sait pas calculer une formule à la période ETERNITY
            # (Instant(-1, -1, -1)) ; une année convient pour une variable permanente.
            periodes = [str(ANNEES_EVALUEES[0])]
        elif variable.definition_period == DateUnit.YEAR:
            periodes = [str(annee) for annee in ANNEES_EVALUEES]
        else:
            continue
        premier_echec = None
        for periode in periodes:
            try:
                with np.errstate(all="ignore"), warnings.catch_warnings():
                    warnings.simplefilter("ignore")
                    simulation.calculate(nom, periode)
            except Exception as erreur:  # une formule en chantier ne doit pas bloquer la documentation
                premier_echec = premier_echec or f"{nom} {periode} : {type(erreur).__name__} : {str(erreur).splitlines()[0][:160]}"
        if premier_echec:
            echecs.append(premier_echec)
    return echecs


def _annee(periode) -> int | None:
    if periode is None or periode.unit == DateUnit.ETERNITY:
        return None
    if periode.unit == DateUnit.YEAR and periode.size == 1:
        return int(periode.start.year)
    raise ValueError(str(periode))


def lectures_tracees(systeme, noms: set[str]) -> tuple[dict[str, Lectures], list[str]]:
    """Lectures observées dans la trace : lecteur direct, année évaluée du lecteur, année lue."""
    simulation = _sonde(systeme)
    echecs = _calculer_tout(systeme, simulation)
    lectures = {nom: Lectures() for nom in noms}
    pile = list(simulation.tracer.trees)
    while pile:
        parent = pile.pop()
        pile.extend(parent.children)
        try:
            annee_lecteur = _annee(parent.period)
        except ValueError:
            continue
        if annee_lecteur is not None and annee_lecteur not in ANNEES_EVALUEES:
            continue
        for enfant in parent.children:
            if enfant.name not in lectures or enfant.name == parent.name:
                continue
            lecture = lectures[enfant.name]
            lecture.lecteurs.add(parent.name)
            try:
                lecture.paires.add((annee_lecteur, _annee(enfant.period)))
            except ValueError:
                lecture.autres_periodes.add(str(enfant.period))
    return lectures, echecs


def _relatif(decalage: int) -> str:
    return "N" if decalage == 0 else f"N{decalage:+d}"


def decrire_annees(paires: set[tuple[int | None, int | None]], annuelle: bool) -> str:
    """« 2018-2026 : N-1 » ; une année fixe (année de référence) est écrite telle quelle."""
    if not annuelle:
        return "permanente"
    paires = {(p, d) for p, d in paires if p is not None and d is not None}
    if not paires:
        return "—"
    etiquettes: dict[int, set[str]] = {}
    for evaluee, lue in paires:
        glissante = (evaluee + 1, lue + 1) in paires or (evaluee - 1, lue - 1) in paires
        etiquettes.setdefault(evaluee, set()).add(_relatif(lue - evaluee) if glissante else str(lue))
    groupes: list[tuple[int, int, tuple[str, ...]]] = []
    for evaluee in sorted(etiquettes):
        cle = tuple(sorted(etiquettes[evaluee], key=_ordre_etiquette))
        if groupes and groupes[-1][2] == cle and groupes[-1][1] == evaluee - 1:
            groupes[-1] = (groupes[-1][0], evaluee, cle)
        else:
            groupes.append((evaluee, evaluee, cle))
    return " ; ".join(
        f"{debut if debut == fin else f'{debut}-{fin}'} : {', '.join(cle)}" for debut, fin, cle in groupes
    )


def _ordre_etiquette(etiquette: str) -> tuple[int, int]:
    if etiquette.startswith("N"):
        return (0, -int(etiquette[1:] or 0))
    return (1, int(etiquette))


# --- Le document -----------------------------------------------------------------------------


def _cellule(texte: str) -> str:
    return " ".join(str(texte).split()).replace("|", "\\|")


def _forme(colonne: Colonne) -> str:
    return f"`{colonne.variable}_AAAA`" if colonne.annuelle else f"`{colonne.variable}`"


def _nature(colonne: Colonne, variable) -> str:
    if colonne.type == "bool":
        vide = SENS_DU_VIDE["surcharge"] if colonne.surcharge else SENS_DU_VIDE["bool"]
        texte = f"booléen : 0/1, vrai/faux, oui/non ; vide = {vide}"
    elif colonne.type == "Enum":
        texte = "code parmi : " + ", ".join(f"`{v}`" for v in colonne.valeurs_possibles)
    else:
        quoi = UNITES.get(colonne.unite, "nombre") if colonne.unite else "nombre sans unité"
        if colonne.unite:
            quoi = f"{quoi} (`{colonne.unite}`)"
        if colonne.minimum is not None and colonne.maximum is not None:
            bornes = f" dans [{colonne.minimum:g}, {colonne.maximum:g}]"
        elif colonne.minimum is not None:
            bornes = f" ≥ {colonne.minimum:g}"
        else:
            bornes = ""
        entier = ", entier" if colonne.type == "int" else ""
        exemple = " : 0.25 pour 25 %" if colonne.unite == "/1" else ""
        vide = SENS_DU_VIDE["facultative"] if colonne.facultative else SENS_DU_VIDE["nombre"]
        texte = f"{quoi}{bornes}{entier}{exemple} ; vide = {vide}"
    if getattr(colonne, "entite", "etablissement") == "region":
        texte += " ; donnée de la région : la même valeur sur chaque ligne de la région"
    if colonne.variable == COLONNE_OBLIGATOIRE:
        return f"**obligatoire** ; {texte}"
    if colonne.surcharge:
        return f"{texte} ; colonne absente : la règle décide pour tous"
    if colonne.facultative:
        return f"{texte} ; colonne absente (aucune décision) : `{_defaut(variable.default_value)}`"
    return f"{texte} ; colonne absente mais lue : refusée (`{OPTION_COMPLETER}` : `{_defaut(variable.default_value)}`)"


def _defaut(valeur) -> str:
    if isinstance(valeur, (bool, np.bool_)):
        return "vrai" if valeur else "faux"
    if isinstance(valeur, (int, float, np.number)):
        return f"{valeur:g}"
    return str(getattr(valeur, "name", valeur))


def _theme(variable) -> tuple[str, str]:
    """Le fichier de la loi où la variable est définie, et le premier paragraphe de sa docstring."""
    classe = type(variable)
    try:
        fichier = Path(inspect.getsourcefile(classe)).resolve()
        relatif = fichier.relative_to(RACINE_LOI.resolve()).as_posix()
    except (TypeError, ValueError, OSError):
        return "(autre)", ""
    module = sys.modules.get(classe.__module__)
    titre = " ".join((module.__doc__ or "").strip().split("\n\n")[0].split()) if module else ""
    return relatif, titre


def _table(colonnes: list[Colonne], systeme, lecteurs, lectures) -> list[str]:
    lignes = [
        "| Colonne | Libellé et référence | Valeurs admises | Années lues | Règles qui la lisent |",
        "|---|---|---|---|---|",
    ]
    for colonne in colonnes:
        variable = systeme.variables[colonne.variable]
        lecture = lectures.get(colonne.variable, Lectures())
        qui = sorted(lecteurs.get(colonne.variable, set()) | lecture.lecteurs)
        annees = decrire_annees(lecture.paires, colonne.annuelle)
        if lecture.autres_periodes:
            annees += " ; aussi : " + ", ".join(sorted(lecture.autres_periodes))
        reference = f" — {colonne.documentation}" if colonne.documentation else ""
        lignes.append(
            "| "
            + " | ".join(
                [
                    _forme(colonne),
                    _cellule(f"{colonne.label}{reference}"),
                    _cellule(_nature(colonne, variable)),
                    _cellule(annees),
                    _cellule(", ".join(f"`{nom}`" for nom in qui) or "aucune (donnée descriptive)"),
                ]
            )
            + " |"
        )
    return lignes


def generer(systeme) -> tuple[str, list[str]]:
    """Le texte de docs/population.md, et les formules que la sonde n'a pas pu calculer."""
    colonnes = schema(systeme)
    noms = set(colonnes)
    lecteurs = lecteurs_dans_les_formules(systeme, noms)
    lectures, echecs = lectures_tracees(systeme, noms)
    regions = schema_region(systeme)
    enum_regions = systeme.variables["code_region"].possible_values
    premiere, derniere = ANNEES_EVALUEES[0], ANNEES_EVALUEES[-1]

    texte = [
        "# Le fichier de population",
        "",
        f"> Document généré par `{COMMANDE}` à partir du schéma",
        "> (`openfisca_caqes/population/schema.py`) et des formules de la loi : ne pas le modifier",
        "> à la main, le régénérer quand la loi change.",
        "",
        "Un fichier de population décrit les établissements à simuler : **une ligne par",
        "établissement** (site, FINESS géographique), une colonne par donnée. La commande",
        "`caqes simulate --population FICHIER` et la fonction",
        "`openfisca_caqes.population.charger_population(systeme, FICHIER)` le lisent.",
        "",
        "## Règles du fichier",
        "",
        *regles_du_fichier(),
        "- **Erreurs** : la lecture s'arrête à la première erreur, dont le message nomme le fichier,",
        "  la ligne (l'en-tête est la ligne 1, le premier établissement la ligne 2) et la colonne ;",
        "  `caqes` sort alors avec le code 2 sans rien écrire.",
        "",
        "## Colonnes d'identité (obligatoires)",
        "",
        "| Colonne | Contenu |",
        "|---|---|",
        "| `etablissement` | Identifiant du site (FINESS géographique ou tout code), unique dans le fichier, non vide. |",
        "| `entite_juridique` | Identifiant de l'entité juridique signataire, non vide : les sites d'une même entité juridique"
        " partagent la même valeur ; un établissement privé qui signe seul a sa propre valeur. |",
        "| `region` | Code de la région (ARS), non vide : "
        + ", ".join(f"`{code}` ({getattr(enum_regions, code).value})" for code in regions)
        + ". |",
        f"| `{COLONNE_OBLIGATOIRE}` | Catégorie de la grille 2018, obligatoire : voir ci-dessous. |",
        "",
        "## Colonnes de données",
        "",
        "**Années lues** : pour les années évaluées (années de performance) indiquées, l'année de",
        "la colonne que les règles lisent ; `N` est l'année évaluée, `N-1` l'année précédente (le",
        "dernier exercice clos), une année écrite en chiffres est une année de référence fixe.",
        "Ces années sont relevées en calculant toutes les formules, intermédiaires compris, pour",
        f"chaque année de {premiere} à {derniere} ; « — » : aucune formule calculable ne la lit.",
        "**Règles qui la lisent** : les variables dont la formule cite la colonne.",
        "",
    ]
    surcharges = [c for c in colonnes.values() if c.surcharge]
    donnees = [c for c in colonnes.values() if not c.surcharge]
    par_theme: dict[tuple[str, str], list[Colonne]] = {}
    for colonne in donnees:
        par_theme.setdefault(_theme(systeme.variables[colonne.variable]), []).append(colonne)
    for (fichier, titre), membres in sorted(par_theme.items()):
        texte += [f"### {titre or fichier}", "", f"Définies dans `{fichier}`.", ""]
        texte += _table(sorted(membres, key=lambda c: c.variable), systeme, lecteurs, lectures)
        texte.append("")
    texte += [
        "## Décisions de l'ARS : colonnes de ciblage imposé",
        "",
        "Une colonne `ciblage_*_AAAA` remplace, pour l'année qu'elle porte, le ciblage que les règles",
        "calculent à partir des seuils (décision de l'ARS). Absente, le ciblage est calculé ; présente,",
        "elle fixe le ciblage des établissements dont la cellule est remplie (1 : ciblé, 0 : non",
        f"ciblé) ; une cellule vide : {SENS_DU_VIDE['surcharge']}. Au chargement, la règle est calculée",
        "pour tous (un calcul vectoriel) et les cellules remplies la remplacent.",
        "",
    ]
    if surcharges:
        texte += _table(sorted(surcharges, key=lambda c: c.variable), systeme, lecteurs, lectures)
    else:
        texte.append("Aucune pour l'instant.")
    texte.append("")
    return "\n".join(texte), echecs


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(
        prog=COMMANDE, description="Écrit docs/population.md à partir du schéma et des formules."
    )
    parser.add_argument("--sortie", type=Path, default=CHEMIN_DOCUMENTATION, help="fichier à écrire")
    parser.add_argument("--verifier", action="store_true", help="ne rien écrire ; code 1 si le fichier n'est pas à jour")
    arguments = parser.parse_args(argv)

    texte, echecs = generer(systemes.systeme_de_base())
    for echec in echecs:
        print(f"avertissement : formule non calculée par la sonde ({echec})", file=sys.stderr)
    actuel = arguments.sortie.read_text(encoding="utf-8") if arguments.sortie.is_file() else None
    if arguments.verifier:
        if actuel != texte:
            print(f"{arguments.sortie} n'est pas à jour : lancer `{COMMANDE}`", file=sys.stderr)
            return 1
        return 0
    if not arguments.sortie.parent.is_dir():
        print(f"{arguments.sortie.parent} n'existe pas (utiliser --sortie)", file=sys.stderr)
        return 2
    arguments.sortie.write_text(texte, encoding="utf-8")
    print(f"Écrit : {arguments.sortie}")
    return 0


if __name__ == "__main__":  # pragma: no cover
    sys.exit(main())
