"""Couverture de la loi par la réglementation exécutable : quelles valeurs datées des paramètres
et quelles formules datées les cas YAML de tests/ exercent réellement.

    python scripts/couverture_loi.py             # écrit le rapport markdown sur la sortie standard
    python scripts/couverture_loi.py --ecrire    # régénère docs/couverture_loi.md
    python scripts/couverture_loi.py --verifier  # code 1 si docs/couverture_loi.md n'est plus à jour

Tous les cas YAML tournent une fois, dans ce processus, comme le fait le greffon d'openfisca-core
(réformes, `parameters:` des cas, puis le calcul de chaque sortie attendue), pendant qu'on observe :
- chaque lecture d'une feuille de paramètre dans une formule (`parameters(period).a.b.c`,
  `noeud["cle"]`) : la feuille, la date lue, la valeur rendue ;
- chaque formule choisie pour un calcul (`Variable.get_formula`) : la variable, la date de début
  de la formule, son code.

Une période de valeur d'une feuille (de sa date de début à la suivante, bornée à 2018-2028) est
couverte si un cas lit la feuille à une date de cette période et obtient la valeur de la loi (un
cas sous réforme ou avec `parameters:` qui lit une autre valeur ne couvre pas la loi). Une
formule datée est couverte si un cas l'exécute sous son nom et sa date (une réforme qui réutilise
la formule de 2025 pour 2027 ne couvre ni l'une ni l'autre). Les exclusions raisonnées sont dans
scripts/couverture_exclusions.yaml.

Limite connue : l'indexation vectorielle d'OpenFisca (`noeud[tableau]`) n'est pas observée ; aucune
formule ne l'emploie (openfisca_caqes.regions lit chaque modalité par son nom). Une feuille lue
ainsi apparaîtrait comme une lacune, jamais comme une fausse couverture.
"""

from __future__ import annotations

import argparse
import contextlib
import datetime
import fnmatch
import sys
from collections import defaultdict
from dataclasses import dataclass, field
from pathlib import Path

RACINE = Path(__file__).resolve().parent.parent
DOCUMENT = RACINE / "docs" / "couverture_loi.md"
EXCLUSIONS = RACINE / "scripts" / "couverture_exclusions.yaml"
DOSSIER_CAS = RACINE / "tests"
DEBUT_FENETRE, FIN_FENETRE = "2018-01-01", "2029-01-01"  # de 2018 à 2028 inclus
CAS_AFFICHES = 3  # au-delà, « + N autres »
COMMANDE = "python scripts/couverture_loi.py --ecrire"


@dataclass
class Periode:
    """Une valeur datée d'une feuille de paramètre, en vigueur de `debut` à `fin` (exclue)."""

    chemin: str
    debut: str
    fin: str | None
    valeur: object
    cas: set = field(default_factory=set)
    exclusion: str | None = None


@dataclass
class Formule:
    """Une formule datée d'une variable de la loi (`formula_AAAA_MM_JJ`)."""

    variable: str
    debut: str
    fin: str | None
    fichier: str
    code: object
    cas: set = field(default_factory=set)
    exclusion: str | None = None


# ------------------------------------------------------------------ ce qu'il faut couvrir


def _lendemain_moins_un(date: str) -> str:
    return (datetime.date.fromisoformat(date) - datetime.timedelta(days=1)).isoformat()


def periodes_de_la_loi(parametres) -> dict[str, list[Periode]]:
    """Les périodes de valeur de chaque feuille qui touchent 2018-2028 (une valeur `null` n'en est pas une)."""
    from openfisca_core.parameters import Parameter

    periodes = {}
    for feuille in parametres.get_descendants():
        if not isinstance(feuille, Parameter):
            continue
        valeurs = sorted(feuille.values_list, key=lambda v: v.instant_str)
        liste = []
        for rang, valeur in enumerate(valeurs):
            fin = valeurs[rang + 1].instant_str if rang + 1 < len(valeurs) else None
            dans_fenetre = valeur.instant_str < FIN_FENETRE and (fin is None or fin > DEBUT_FENETRE)
            if valeur.value is not None and dans_fenetre:
                liste.append(Periode(feuille.name, valeur.instant_str, fin, valeur.value))
        if liste:
            periodes[feuille.name] = liste
    return periodes


def formules_de_la_loi(variables) -> dict[tuple[str, str], Formule]:
    """Chaque formule de chaque variable, avec sa période de vigueur et son fichier."""
    formules = {}
    for nom, variable in variables.items():
        dates = list(variable.formulas.keys())
        for rang, date in enumerate(dates):
            fonction = variable.formulas[date]
            fin = dates[rang + 1] if rang + 1 < len(dates) else None
            fichier = Path(fonction.__code__.co_filename).resolve()
            fichier = str(fichier.relative_to(RACINE)) if fichier.is_relative_to(RACINE) else fichier.name
            formules[(nom, date)] = Formule(nom, date, fin, fichier, fonction.__code__)
    return formules


# ------------------------------------------------------------------ observer les cas YAML


@contextlib.contextmanager
def observer(lectures: list, executions: list, cas_courant: list):
    """Note les lectures de feuilles et les formules choisies, le temps du bloc ; puis restaure."""
    from openfisca_core import periods
    from openfisca_core.parameters import ParameterNodeAtInstant
    from openfisca_core.variables import Variable

    getattribute, getitem, get_formula = object.__getattribute__, ParameterNodeAtInstant.__getitem__, Variable.get_formula

    def noter(noeud, cle, valeur):
        if not isinstance(valeur, ParameterNodeAtInstant) and isinstance(cle, str) and cle in object.__getattribute__(noeud, "_children"):
            parent = object.__getattribute__(noeud, "_name")
            nom = f"{parent}.{cle}" if parent else cle
            lectures.append((nom, object.__getattribute__(noeud, "_instant_str"), valeur, cas_courant[0]))
        return valeur

    def lire_attribut(noeud, cle):
        valeur = getattribute(noeud, cle)
        return valeur if cle.startswith("_") else noter(noeud, cle, valeur)

    def lire_cle(noeud, cle):
        return noter(noeud, cle, getitem(noeud, cle))

    def choisir_formule(variable, period=None):
        formule = get_formula(variable, period)
        if formule is not None and period is not None:
            # La date de la formule choisie, retrouvée comme get_formula la choisit : une même fonction
            # peut servir sous deux dates (une réforme qui prolonge la formule de 2022 en 2027).
            debut = period.start if isinstance(period, periods.Period) else periods.instant(period)
            date = variable.formulas.keys()[variable.formulas.bisect_right(str(debut)) - 1]
            executions.append((variable.name, date, formule.__code__, cas_courant[0]))
        return formule

    ParameterNodeAtInstant.__getattribute__ = lire_attribut
    ParameterNodeAtInstant.__getitem__ = lire_cle
    Variable.get_formula = choisir_formule
    try:
        yield
    finally:
        del ParameterNodeAtInstant.__getattribute__  # hérité d'object, comme avant
        ParameterNodeAtInstant.__getitem__ = getitem
        Variable.get_formula = get_formula


def _cas_yaml(dossier: Path):
    """(identifiant, dictionnaire) de chaque cas YAML, dans l'ordre des fichiers puis des cas."""
    from openfisca_core.tools.test_runner import Loader, yaml

    for fichier in sorted(dossier.rglob("*.yaml")):
        contenu = yaml.load(fichier.read_text(encoding="utf-8"), Loader=Loader)
        liste = contenu if isinstance(contenu, list) else [contenu]
        for numero, cas in enumerate(liste, start=1):
            if isinstance(cas, dict) and "output" in cas:
                yield f"{fichier.relative_to(dossier).as_posix()}#{numero}", cas


def executer_cas(systeme, dossier: Path = DOSSIER_CAS):
    """Fait tourner chaque cas YAML comme le greffon d'openfisca-core ; rend lectures, exécutions, échecs."""
    from openfisca_core.reforms.in_yaml_test_reform import InYamlTestReform
    from openfisca_core.simulations import SimulationBuilder
    from openfisca_core.tools import test_runner

    class Cas:  # les méthodes de vérification du greffon, sans l'objet pytest
        check_output = test_runner.YamlItem.check_output
        check_variable = test_runner.YamlItem.check_variable
        should_ignore_variable = test_runner.YamlItem.should_ignore_variable

    lectures, executions, echecs, cas_courant = [], [], [], [None]
    with observer(lectures, executions, cas_courant):
        for identifiant, donnees in _cas_yaml(dossier):
            cas_courant[0] = identifiant
            try:
                test = test_runner.build_test(dict(donnees))
                verification = Cas()
                verification.test, verification.options = test, {}
                verification.tax_benefit_system = test_runner._get_tax_benefit_system(systeme, test.reforms, test.extensions)
                if test.parameters:
                    verification.tax_benefit_system = InYamlTestReform(verification.tax_benefit_system, test.parameters)
                constructeur = SimulationBuilder()
                constructeur.set_default_period(test.period)
                verification.simulation = constructeur.build_from_dict(verification.tax_benefit_system, test.input)
                verification.check_output()
            except Exception as erreur:  # noqa: BLE001 — un cas en échec est signalé, pas fatal ici
                echecs.append(f"{identifiant} : {type(erreur).__name__} : {str(erreur).splitlines()[0] if str(erreur) else ''}")
    return lectures, executions, echecs


# ------------------------------------------------------------------ croiser


def _egales(a, b) -> bool:
    try:
        return bool(a == b) if not hasattr(a, "__len__") or isinstance(a, str) else list(a) == list(b)
    except (TypeError, ValueError):
        return False


def charger_exclusions(chemin: Path = EXCLUSIONS) -> dict:
    """Les exclusions raisonnées : {"parametres": [...], "formules": [...]} ; chacune a une raison."""
    import yaml

    donnees = yaml.safe_load(chemin.read_text(encoding="utf-8")) if chemin.exists() else {}
    return {
        "parametres": donnees.get("parametres") or [],
        "formules": donnees.get("formules") or [],
        "plafond_lacunes": donnees.get("plafond_lacunes") or {},
    }


def couverture(systeme, dossier: Path = DOSSIER_CAS, exclusions: dict | None = None):
    """Périodes de paramètres et formules de la loi, chacune avec les cas qui la couvrent."""
    periodes = periodes_de_la_loi(systeme.parameters)
    formules = formules_de_la_loi(systeme.variables)
    lectures, executions, echecs = executer_cas(systeme, dossier)
    for chemin, instant, valeur, cas in lectures:
        for periode in periodes.get(chemin, ()):
            en_vigueur = periode.debut <= instant and (periode.fin is None or instant < periode.fin)
            if en_vigueur and _egales(valeur, periode.valeur):
                periode.cas.add(cas)
    for nom, date, code, cas in executions:
        formule = formules.get((nom, date))
        if formule is not None and formule.code is code:
            formule.cas.add(cas)
    exclusions = charger_exclusions() if exclusions is None else exclusions
    problemes = appliquer_exclusions(periodes, formules, exclusions)
    return periodes, formules, echecs, problemes


def appliquer_exclusions(periodes, formules, exclusions) -> list[str]:
    """Marque les exclusions ; rend les entrées fautives (sans raison, sans objet, ou déjà couvertes)."""
    problemes = []
    for entree in exclusions["parametres"]:
        chemin, debut, raison = entree.get("chemin"), entree.get("debut"), entree.get("raison")
        visees = [p for nom, liste in periodes.items() if fnmatch.fnmatchcase(nom, str(chemin)) for p in liste
                  if debut is None or p.debut == str(debut)]
        problemes += _verifier_entree(f"paramètre {chemin} {debut or ''}".strip(), raison, visees)
        for periode in visees:
            periode.exclusion = raison
    for entree in exclusions["formules"]:
        nom, debut, raison = entree.get("variable"), entree.get("debut"), entree.get("raison")
        visees = [f for (n, d), f in formules.items() if fnmatch.fnmatchcase(n, str(nom)) and (debut is None or d == str(debut))]
        problemes += _verifier_entree(f"formule {nom} {debut or ''}".strip(), raison, visees)
        for formule in visees:
            formule.exclusion = raison
    return problemes


def _verifier_entree(libelle: str, raison, visees) -> list[str]:
    if not raison or not str(raison).strip():
        return [f"exclusion sans raison : {libelle}"]
    if not visees:
        return [f"exclusion sans objet (rien de tel dans la loi, 2018-2028) : {libelle}"]
    couvertes = [v for v in visees if v.cas]
    if couvertes:
        return [f"exclusion périmée ({len(couvertes)} élément(s) désormais couvert(s) par un cas) : {libelle}"]
    return []


# ------------------------------------------------------------------ le rapport


def _periode_texte(debut: str, fin: str | None) -> str:
    if debut == "0001-01-01":  # formule non datée
        return f"jusqu'au {_lendemain_moins_un(fin)}" if fin else "toujours"
    return f"{debut} → {_lendemain_moins_un(fin)}" if fin else f"depuis {debut}"


def _cas_texte(cas: set) -> str:
    tries = sorted(cas)
    texte = ", ".join(f"`{c}`" for c in tries[:CAS_AFFICHES])
    return texte + (f" + {len(tries) - CAS_AFFICHES} autres" if len(tries) > CAS_AFFICHES else "")


def _statut(element) -> str:
    if element.cas:
        return "oui"
    return "exclu" if element.exclusion else "**non**"


def _valeur_texte(valeur) -> str:
    texte = str(valeur).replace("|", "\\|").replace("\n", " ")
    return texte if len(texte) <= 40 else texte[:37] + "…"


def _sous_arbre(chemin: str) -> str:
    return ".".join(chemin.split(".")[:2])


def _taux(couverts: int, total: int) -> str:
    return f"{100 * couverts / total:.1f} %" if total else "—"


def rapport(periodes: dict, formules: dict) -> str:
    """Le rapport markdown : synthèse, lacunes groupées, puis une table par sous-arbre et par fichier."""
    toutes_periodes = [p for liste in periodes.values() for p in liste]
    toutes_formules = list(formules.values())
    lignes = [
        "# Couverture de la loi par les cas YAML",
        "",
        f"Généré par `{COMMANDE}` : ne pas modifier à la main.",
        "Ce que la réglementation exécutable (les cas YAML de `tests/`) exerce vraiment de la loi :",
        "chaque valeur datée de chaque paramètre en vigueur entre 2018 et 2028, et chaque formule",
        "datée (`formula_AAAA_MM_JJ`). Une valeur est couverte quand un cas la lit à une date où elle",
        "est en vigueur et obtient la valeur de la loi (pas celle d'une réforme ou d'un `parameters:`",
        "de cas) ; une formule, quand un cas l'exécute pour sa période. Les exclusions, chacune avec sa",
        "raison, sont dans `scripts/couverture_exclusions.yaml`. Les cas sont notés",
        "`fichier#rang` (rang du cas dans le fichier, sous `tests/`).",
        "",
        "## Synthèse",
        "",
        "| | couverts | exclus | non couverts | total | taux |",
        "|---|---:|---:|---:|---:|---:|",
    ]
    for libelle, elements in (("Valeurs datées de paramètres", toutes_periodes), ("Formules datées", toutes_formules)):
        couverts = sum(bool(e.cas) for e in elements)
        exclus = sum(not e.cas and bool(e.exclusion) for e in elements)
        lignes.append(
            f"| {libelle} | {couverts} | {exclus} | {len(elements) - couverts - exclus} | {len(elements)} "
            f"| {_taux(couverts, len(elements))} |"
        )
    lignes += ["", "## Lacunes (ni couvertes ni exclues)", ""]
    lignes += _lacunes(toutes_periodes, toutes_formules)
    lignes += ["", "## Paramètres", ""]
    par_sous_arbre = defaultdict(list)
    for periode in toutes_periodes:
        par_sous_arbre[_sous_arbre(periode.chemin)].append(periode)
    for sous_arbre in sorted(par_sous_arbre):
        elements = par_sous_arbre[sous_arbre]
        couverts = sum(bool(p.cas) for p in elements)
        lignes += [f"### `{sous_arbre}` — {couverts}/{len(elements)}", "",
                   "| Feuille | En vigueur | Valeur | Couverte | Cas |", "|---|---|---|---|---|"]
        for p in sorted(elements, key=lambda p: (p.chemin, p.debut)):
            cas = _cas_texte(p.cas) if p.cas else (p.exclusion or "")
            lignes.append(f"| `{p.chemin}` | {_periode_texte(p.debut, p.fin)} | {_valeur_texte(p.valeur)} | {_statut(p)} | {cas} |")
        lignes.append("")
    lignes += ["## Formules", ""]
    par_fichier = defaultdict(list)
    for formule in toutes_formules:
        par_fichier[formule.fichier].append(formule)
    for fichier in sorted(par_fichier):
        elements = par_fichier[fichier]
        couverts = sum(bool(f.cas) for f in elements)
        lignes += [f"### `{fichier}` — {couverts}/{len(elements)}", "",
                   "| Variable | Formule | En vigueur | Couverte | Cas |", "|---|---|---|---|---|"]
        for f in sorted(elements, key=lambda f: (f.variable, f.debut)):
            cas = _cas_texte(f.cas) if f.cas else (f.exclusion or "")
            lignes.append(f"| `{f.variable}` | `{_nom_formule(f.debut)}` | {_periode_texte(f.debut, f.fin)} | {_statut(f)} | {cas} |")
        lignes.append("")
    return "\n".join(lignes).rstrip("\n") + "\n"


def _nom_formule(debut: str) -> str:
    return "formula" if debut == "0001-01-01" else "formula_" + debut.replace("-", "_")


def _lacunes(periodes, formules) -> list[str]:
    """Les éléments ni couverts ni exclus, groupés par sous-arbre de paramètres et par fichier de variables."""
    lignes = []
    groupes = defaultdict(list)
    for p in periodes:
        if not p.cas and not p.exclusion:
            groupes[f"Paramètres `{_sous_arbre(p.chemin)}`"].append(f"`{p.chemin}` ({_periode_texte(p.debut, p.fin)})")
    for f in formules:
        if not f.cas and not f.exclusion:
            groupes[f"Formules de `{f.fichier}`"].append(f"`{f.variable}.{_nom_formule(f.debut)}`")
    if not groupes:
        return ["Aucune : toute la loi en vigueur de 2018 à 2028 est exercée par un cas ou exclue avec raison."]
    for groupe in sorted(groupes):
        lignes.append(f"- {groupe} : " + ", ".join(sorted(groupes[groupe])))
    return lignes


def lacunes(periodes: dict, formules: dict) -> dict[str, list[str]]:
    """Identifiants des éléments ni couverts ni exclus, par genre (paramètres, formules)."""
    return {
        "parametres": [f"{p.chemin}@{p.debut}" for liste in periodes.values() for p in liste if not p.cas and not p.exclusion],
        "formules": [f"{f.variable}.{_nom_formule(f.debut)}" for f in formules.values() if not f.cas and not f.exclusion],
    }


def depassements(trous: dict, plafond: dict) -> list[str]:
    """Un message par genre dont les lacunes dépassent le plafond de scripts/couverture_exclusions.yaml."""
    messages = []
    for genre, liste in trous.items():
        maximum = int(plafond.get(genre, 0))
        if len(liste) > maximum:
            messages.append(
                f"{len(liste)} lacunes de {genre} pour un plafond de {maximum} : écrire les cas YAML qui manquent "
                f"(ou une exclusion raisonnée) ; lacunes : {', '.join(sorted(liste))}"
            )
    return messages


@dataclass
class Analyse:
    """Le rapport et ce qui doit faire échouer la vérification."""

    texte: str
    echecs: list
    problemes: list
    lacunes: dict
    depassements: list


def analyser(systeme=None, dossier: Path = DOSSIER_CAS, exclusions: dict | None = None) -> Analyse:
    """Fait tourner les cas YAML une fois et rend le rapport, les échecs, exclusions fautives et lacunes."""
    if systeme is None:
        from openfisca_caqes.systeme import systeme_de_base

        systeme = systeme_de_base()
    exclusions = charger_exclusions() if exclusions is None else exclusions
    periodes, formules, echecs, problemes = couverture(systeme, dossier, exclusions)
    trous = lacunes(periodes, formules)
    plafond = exclusions.get("plafond_lacunes") or {}
    return Analyse(rapport(periodes, formules), echecs, problemes, trous, depassements(trous, plafond))


def main(arguments=None) -> int:
    parser = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    action = parser.add_mutually_exclusive_group()
    action.add_argument("--ecrire", action="store_true", help=f"régénère {DOCUMENT.relative_to(RACINE)}")
    action.add_argument("--verifier", action="store_true", help="code 1 si le document n'est plus à jour")
    options = parser.parse_args(arguments)
    analyse = analyser()
    for message in analyse.echecs:
        print(f"couverture_loi : cas YAML en échec : {message}", file=sys.stderr)
    for message in analyse.problemes + analyse.depassements:
        print(f"couverture_loi : {message}", file=sys.stderr)
    code = 1 if analyse.echecs or analyse.problemes or analyse.depassements else 0
    if options.ecrire:
        DOCUMENT.write_text(analyse.texte, encoding="utf-8")
        print(f"couverture_loi : {DOCUMENT.relative_to(RACINE)} régénéré", file=sys.stderr)
    elif options.verifier:
        actuel = DOCUMENT.read_text(encoding="utf-8") if DOCUMENT.exists() else ""
        if actuel != analyse.texte:
            print(f"couverture_loi : {DOCUMENT.relative_to(RACINE)} n'est plus à jour : lancer `{COMMANDE}`", file=sys.stderr)
            code = 1
    else:
        sys.stdout.write(analyse.texte)
    return code


if __name__ == "__main__":
    sys.path.insert(0, str(RACINE))
    sys.exit(main())
