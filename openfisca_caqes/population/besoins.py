"""Savoir ce qu'une question lit avant de calculer : refuser une année sans règles ou sans données,
et une colonne lue mais absente du fichier (sauf `--completer-par-defaut`, qui la remplit de la
valeur par défaut documentée et le dit).

Une *question* est une loi (le système de référence ou celui d'un scénario), des variables et
l'année où les calculer, et un décalage des données (`--annee-donnees`). Les colonnes qu'elle lit
sont trouvées par un calcul à blanc, avec le traceur d'OpenFisca, de la même loi aux mêmes années
sur un échantillon du fichier (un établissement par couple catégorie × région : sa taille ne
croît pas avec le nombre d'établissements) ; chaque lecture d'une variable d'entrée (sans formule)
est un besoin (variable, année). Une formule peut lire une année qui dépend des données
(`valeur_a_annees`) : le garde-fou `garder` refuse, pendant le vrai calcul, toute lecture d'une
colonne que le fichier ne fournit pas, avant que rien ne soit écrit.
"""

from __future__ import annotations

import functools
import sys
import warnings
from dataclasses import dataclass

import numpy as np
import pandas as pd
from openfisca_core import periods
from openfisca_core.periods import DateUnit

import openfisca_caqes.systeme as systemes  # `systemes.systeme_de_base` lu à l'appel : les tests y substituent une loi d'essai
from openfisca_caqes.comparaison import DENOMINATEUR, MONTANTS, VARIABLES_SUPPLEMENTAIRES, decaler_annees, perimetre
from openfisca_caqes.erreurs import ErreurPopulation, ErreurUtilisateur
from openfisca_caqes.population.chargement import _colonnes, construire_simulation
from openfisca_caqes.population.defaut import chemin_population_defaut
from openfisca_caqes.population.lecture import TOUJOURS_LUES, lire_tableau
from openfisca_caqes.population.provenance import CLES_ECHANTILLON, Provenance
from openfisca_caqes.population.schema import associer, schema

# Première année évaluée par des règles : le premier CAQES (décret n° 2017-584 du 20 avril 2017)
# prend effet au 1er janvier 2018 ; avant, aucune règle n'est encodée.
PREMIERE_ANNEE_REGLES = 2018
OPTION_COMPLETER = "--completer-par-defaut"


@dataclass(frozen=True)
class Question:
    """Des calculs (variable, année évaluée) d'une même loi, sur des données décalées de `decalage` ans."""

    calculs: tuple[tuple[str, int], ...]
    systeme: object = None
    decalage: int = 0
    libelle: str = ""

    @classmethod
    def de(cls, variables, annee: int, systeme=None, decalage: int = 0, libelle: str = "") -> Question:
        return cls(tuple((variable, int(annee)) for variable in variables), systeme, decalage, libelle)

    @property
    def annees(self) -> tuple[int, ...]:
        return tuple(sorted({annee for _, annee in self.calculs}))


def nom_de_colonne(systeme, variable: str, periode: str) -> str:
    """`variable` pour une donnée permanente, `variable_AAAA` pour une donnée annuelle."""
    return variable if periode == "ETERNITY" else f"{variable}_{periode}"


def _periode(systeme, variable: str, periode) -> str | None:
    """« ETERNITY » ou l'année d'une lecture ; None pour une autre période (mois…)."""
    if systeme.variables[variable].definition_period == DateUnit.ETERNITY:
        return "ETERNITY"
    if periode.unit == DateUnit.YEAR and periode.size == 1:
        return str(periode.start.year)
    return None


def entrees(systeme) -> frozenset[str]:
    """Les variables qu'un fichier doit fournir quand on les lit : sans formule, et pas une décision facultative."""
    return frozenset(
        nom for nom, colonne in schema(systeme).items() if not systeme.variables[nom].formulas and not colonne.facultative
    )


def simulation_a_blanc(systeme, echantillon: pd.DataFrame, decalage: int, nom: str = "<échantillon>"):
    """La simulation (non calculée) de l'échantillon, données décalées : chaque calcul à blanc en part par copie."""
    return construire_simulation(systeme, decaler_annees(echantillon, decalage, systeme), nom)


def lectures(systeme, echantillon: pd.DataFrame, questions, nom: str = "<échantillon>", simulation=None) -> set[tuple[str, str]]:
    """Les (variable d'entrée, période de la loi) que lit le calcul à blanc des questions sur l'échantillon.

    Les questions partagent la loi `systeme` et le décalage des données : une seule simulation tracée
    les calcule toutes. L'échantillon garde les numéros de ligne du fichier `nom` : une erreur de ses
    données y est située. `simulation` : celle de `simulation_a_blanc`, déjà construite (elle est copiée,
    pas calculée).
    """
    questions = [questions] if isinstance(questions, Question) else list(questions)
    if simulation is None:
        simulation = simulation_a_blanc(systeme, echantillon, questions[0].decalage, nom)
    simulation = simulation.clone(trace=True)
    for question, (variable, annee) in ((q, calcul) for q in questions for calcul in q.calculs):
        try:
            with np.errstate(all="ignore"), warnings.catch_warnings():
                warnings.simplefilter("ignore")
                simulation.calculate(variable, str(annee))
        except ErreurUtilisateur:
            raise
        except Exception as erreur:  # une année où la loi n'a pas de règle (paramètre absent…)
            quoi = f"{question.libelle} : " if question.libelle else ""
            raise ErreurUtilisateur(
                f"{quoi}la loi ne sait pas calculer « {variable} » en {annee} : {str(erreur).splitlines()[0][:200]}"
            ) from None
    surveillees = entrees(systeme)
    lues: set[tuple[str, str]] = set()
    pile = list(simulation.tracer.trees)
    while pile:  # les nœuds de la trace (quelques milliers), pas les établissements
        noeud = pile.pop()
        pile.extend(noeud.children)
        if noeud.name in surveillees:
            periode = _periode(systeme, noeud.name, noeud.period)
            if periode is not None:
                lues.add((noeud.name, periode))
    return lues


def _en_donnees(lues: set[tuple[str, str]], decalage: int) -> set[tuple[str, str]]:
    """Les périodes de la loi ramenées aux colonnes du fichier : la loi de L lit l'année L - décalage."""
    return {(v, p if p == "ETERNITY" else str(int(p) - decalage)) for v, p in lues}


def besoins_par_question(questions, echantillon: pd.DataFrame, nom: str = "<échantillon>") -> set[tuple[str, str]]:
    """Les (variable, période du fichier) que lisent les questions."""

    groupes: dict[tuple[int, int], list[Question]] = {}
    for question in questions:  # une simulation à blanc par loi et par décalage, pas par question
        systeme = question.systeme or systemes.systeme_de_base()
        groupes.setdefault((id(systeme), question.decalage), []).append(question)
    requis: set[tuple[str, str]] = set()
    for groupe in groupes.values():
        systeme = groupe[0].systeme or systemes.systeme_de_base()
        requis |= _en_donnees(lectures(systeme, echantillon, groupe, nom), groupe[0].decalage)
    return requis


def besoins(systeme, questions, echantillon: pd.DataFrame | None = None) -> list[str]:
    """Les colonnes `variable` / `variable_AAAA` que lisent les questions, triées.

    `questions` : des `Question`, ou des couples (variables, année) évalués avec `systeme`.
    `echantillon` : des lignes d'un fichier ; par défaut, l'échantillon de la population embarquée.
    """
    if echantillon is None:
        echantillon, _ = echantillon_embarque()
    questions = [q if isinstance(q, Question) else Question.de(q[0], q[1], systeme) for q in questions]
    return sorted(nom_de_colonne(systeme, v, p) for v, p in besoins_par_question(questions, echantillon))


def verifier_annees(questions, nom: str, derniere_annee: int | None) -> None:
    """Refuse une année avant les premières règles, ou dont les données seraient au-delà du fichier."""
    for question in questions:
        for annee in question.annees[-1:]:  # l'année évaluée ; les autres (N-1 d'un dénominateur) la précèdent
            if annee < PREMIERE_ANNEE_REGLES:
                raise ErreurUtilisateur(
                    f"année {annee} : aucune règle avant {PREMIERE_ANNEE_REGLES} (premier CAQES, décret "
                    f"n° 2017-584) ; années évaluables : {PREMIERE_ANNEE_REGLES} et suivantes"
                )
            donnees = annee - question.decalage
            if derniere_annee is None:
                raise ErreurPopulation(nom, "aucune donnée annuelle (colonnes `variable_AAAA`) : rien à évaluer")
            if donnees > derniere_annee:
                decalee = f" (données de {donnees} avec --annee-donnees)" if question.decalage else ""
                raise ErreurPopulation(
                    nom, f"année {annee}{decalee} au-delà des données du fichier : sa dernière année est {derniere_annee}"
                )


def _texte_defaut(systeme, variable: str) -> str:
    valeur = systeme.variables[variable].default_value
    if isinstance(valeur, (bool, np.bool_)):
        return "vrai" if valeur else "faux"
    if isinstance(valeur, (int, float, np.number)):
        return f"{valeur:g}"
    return str(getattr(valeur, "name", valeur))


def manquantes(questions, provenance) -> list[tuple[str, str]]:
    """Vérifie les années, puis rend les (variable, période du fichier) lues mais absentes, triées."""
    return sorted(set().union(*manquantes_par_question(questions, provenance).values()))


def manquantes_par_question(questions, provenance) -> dict[str, set[tuple[str, str]]]:
    """Vérifie les années, puis rend, par libellé de question, les (variable, période du fichier) lues mais absentes."""
    verifier_annees(questions, provenance.nom, provenance.derniere_annee)
    par_question: dict[str, set[tuple[str, str]]] = {}
    construites: dict[tuple[int, int], object] = {}  # une construction par loi et par décalage, une copie par question
    for question in questions:
        systeme = question.systeme or systemes.systeme_de_base()
        cle = (id(systeme), question.decalage)
        if cle not in construites:
            construites[cle] = simulation_a_blanc(systeme, provenance.echantillon, question.decalage, provenance.nom)
        lues = lectures(systeme, provenance.echantillon, [question], provenance.nom, construites[cle])
        par_question.setdefault(question.libelle, set()).update(_en_donnees(lues, question.decalage) - provenance.fournies)
    return par_question


@functools.lru_cache(maxsize=1)
def _echantillon_embarque() -> tuple[pd.DataFrame, str]:
    tableau, nom = lire_tableau(chemin_population_defaut())
    cles = [c for c in CLES_ECHANTILLON if c in tableau.columns]
    return tableau.drop_duplicates(subset=cles), nom


def echantillon_embarque() -> tuple[pd.DataFrame, str]:
    """L'échantillon de la population embarquée (une ligne par catégorie × région, comme `Provenance`), lu une fois
    par processus ; une copie, que l'appelant peut modifier."""
    echantillon, nom = _echantillon_embarque()
    return echantillon.copy(), nom


class ColonnesLues:
    """Les colonnes d'un fichier à lire pour des questions : `nom in colonnes_lues`.

    Gardées : l'identité et la catégorie ; les colonnes que lit le calcul à blanc ; toute colonne d'une
    décision facultative ou d'une surcharge (`ciblage_*`), qu'aucun calcul à blanc ne réclame mais qui
    change le résultat quand elle est là ; toute colonne que le schéma ne reconnaît pas (le chargement
    la refuse, comme sans élagage). Les autres ne sont ni lues ni vérifiées.
    """

    def __init__(self, systeme, exactes) -> None:
        self.exactes = frozenset(exactes) | frozenset(TOUJOURS_LUES)
        self.colonnes = schema(systeme)
        self.surveillees = entrees(systeme)

    def __contains__(self, nom) -> bool:
        if str(nom) in self.exactes:
            return True
        association = associer(self.colonnes, nom)
        return association is None or association[0] not in self.surveillees  # inconnue : le chargement la refuse


def colonnes_lues(questions) -> ColonnesLues | None:
    """Les colonnes que lisent les questions, d'après le calcul à blanc sur la population embarquée.

    Sert à ne lire d'un gros fichier que ces colonnes. Les besoins exacts sont vérifiés ensuite sur
    l'échantillon du fichier lu (une formule peut lire une année qui dépend des données :
    `exiger_tableau(relire=…)` relit alors le fichier entier). None si le calcul à blanc échoue ici : le
    fichier est lu en entier, et l'erreur dite par la vérification habituelle.
    """
    systeme = systemes.systeme_de_base()
    echantillon, nom = echantillon_embarque()
    try:
        requis = besoins_par_question(questions, echantillon, nom)
    except ErreurUtilisateur:
        return None
    return ColonnesLues(systeme, (nom_de_colonne(systeme, v, p) for v, p in requis))


def _par_question(absentes_par_question: dict[str, set]) -> str:
    """« (lues par : 2018 : 45 ; 2025 : 3) » quand plusieurs questions nommées en lisent."""
    nommees = {libelle: len(absentes) for libelle, absentes in absentes_par_question.items() if libelle and absentes}
    if len(absentes_par_question) < 2 or not nommees:
        return ""
    return " (colonnes lues par : " + " ; ".join(f"{libelle} : {nombre}" for libelle, nombre in nommees.items()) + ")"


def _refuser_ou_annoncer(systeme, nom: str, absentes: list[tuple[str, str]], completer: bool, detail: str = "") -> None:
    noms = [nom_de_colonne(systeme, v, p) for v, p in absentes]
    if not completer:
        raise ErreurPopulation(
            nom,
            f"{len(noms)} colonne(s) lue(s) par la question absente(s) du fichier : {', '.join(noms)}{detail} ; "
            f"les ajouter, ou passer {OPTION_COMPLETER} pour leur donner leur valeur par défaut (docs/population.md)",
        )
    valeurs = ", ".join(f"{n} = {_texte_defaut(systeme, v)}" for n, (v, _) in zip(noms, absentes))
    print(f"caqes : avertissement : {OPTION_COMPLETER} : colonnes absentes remplies par défaut : {valeurs}", file=sys.stderr)


def exiger(simulation, questions, completer: bool = False) -> list[str]:
    """Refuse (ou, avec `completer`, remplit par défaut) les colonnes que les questions lisent et que le fichier n'a pas.

    Pose ensuite le garde-fou `garder`. Rend les colonnes remplies.
    """
    systeme = simulation.tax_benefit_system
    questions = [q if q.systeme is not None else Question(q.calculs, systeme, q.decalage, q.libelle) for q in questions]
    provenance = simulation.provenance
    absentes = manquantes(questions, provenance)
    if absentes:
        _refuser_ou_annoncer(systeme, provenance.nom, absentes, completer)
        for variable, periode in absentes:
            holder = simulation.get_holder(variable)
            simulation.set_input(variable, periode, holder.default_array())
    garder(simulation, completer)
    return [nom_de_colonne(systeme, v, p) for v, p in absentes]


def exiger_tableau(tableau: pd.DataFrame, nom: str, questions, completer: bool = False, relire=None) -> pd.DataFrame:
    """Comme `exiger`, pour un tableau que la commande transforme en simulations (compare, report).

    `relire` : pour un tableau lu en partie (`colonnes_lues`), rend le fichier lu en entier ; appelé si
    la vérification du tableau partiel trouve à redire (colonne ou année absente, donnée refusée) : le
    refus, s'il y en a un, est alors celui du fichier entier, le même que sans élagage.
    """

    systeme = systemes.systeme_de_base()
    if relire is not None:  # tableau partiel : au moindre doute (colonne ou année absente), le fichier entier
        try:
            provenance = Provenance.du_tableau(nom, tableau, _colonnes(tableau, nom, systeme))
            if not any(manquantes_par_question(questions, provenance).values()):
                return tableau
        except ErreurUtilisateur:
            pass
        return exiger_tableau(relire(), nom, questions, completer)
    provenance = Provenance.du_tableau(nom, tableau, _colonnes(tableau, nom, systeme))
    par_question = manquantes_par_question(questions, provenance)
    absentes = sorted(set().union(*par_question.values()))
    if not absentes:
        return tableau
    _refuser_ou_annoncer(systeme, nom, absentes, completer, _par_question(par_question))
    ajouts = {}
    for variable, periode in absentes:
        valeur = systeme.variables[variable].default_value
        ajouts[nom_de_colonne(systeme, variable, periode)] = getattr(valeur, "name", valeur)
    complement = pd.DataFrame(ajouts, index=tableau.index)  # en un bloc : pas de tableau fragmenté
    return pd.concat([tableau.drop(columns=list(ajouts), errors="ignore"), complement], axis=1)


def garder(simulation, completer: bool = False) -> None:
    """Garde-fou : toute lecture d'une colonne d'entrée que le fichier ne fournit pas est refusée.

    Le calcul à blanc ne voit que les années de son échantillon ; une formule qui lit une année
    propre à chaque établissement peut en lire d'autres. Le contrôle est une recherche dans un
    ensemble par lecture de variable (pas par établissement). Avec `completer`, la lecture prend la
    valeur par défaut et l'avertissement le dit.
    """
    systeme = simulation.tax_benefit_system
    provenance = simulation.provenance
    surveillees = entrees(systeme)
    calculer = simulation.calculate

    def calculate(variable_name, period):
        if variable_name in surveillees:
            periode = period if isinstance(period, periods.Period) or period is None else periods.period(period)
            lue = _periode(systeme, variable_name, periode) if periode is not None else None
            holder = simulation.get_holder(variable_name)
            if lue is not None and holder.get_array(periode) is None:
                colonne = nom_de_colonne(systeme, variable_name, lue)
                if not completer:
                    raise ErreurPopulation(
                        provenance.nom,
                        f"le calcul lit la colonne {colonne}, absente du fichier ; l'ajouter, ou passer "
                        f"{OPTION_COMPLETER} pour lui donner sa valeur par défaut (docs/population.md)",
                    )
                print(
                    f"caqes : avertissement : {OPTION_COMPLETER} : colonne absente remplie par défaut : "
                    f"{colonne} = {_texte_defaut(systeme, variable_name)}",
                    file=sys.stderr,
                )
                simulation.set_input(variable_name, "ETERNITY" if lue == "ETERNITY" else lue, holder.default_array())
        return calculer(variable_name, period)

    simulation.calculate = calculate


def questions_comparaison(colonnes, supplementaires=VARIABLES_SUPPLEMENTAIRES) -> list[Question]:
    """Les calculs de `caqes compare` pour chaque colonne (loi, année, décalage) : montants, champ, dénominateur."""

    questions = []
    for colonne, systeme in colonnes:
        variables = [
            v for v in supplementaires
            if v in systeme.variables and systeme.variables[v].entity.key == "etablissement"
        ]
        variables += [*MONTANTS.values(), *perimetre(systeme, colonne.annee)[1]]
        calculs = tuple((v, colonne.annee) for v in variables) + ((DENOMINATEUR, colonne.annee - 1),)
        questions.append(Question(calculs, systeme, colonne.decalage, colonne.libelle))
    return questions


def ajouter_option_completer(parser) -> None:
    """L'option `--completer-par-defaut`, la même pour chaque commande qui lit une population."""
    parser.add_argument(
        OPTION_COMPLETER, action="store_true",
        help="remplir les colonnes que la question lit et que le fichier n'a pas avec leur valeur par défaut "
        "(docs/population.md), en les nommant ; sans cette option, elles sont refusées",
    )
