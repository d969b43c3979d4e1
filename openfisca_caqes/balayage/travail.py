"""L'évaluation d'un point dans un processus de travail (Dask ou local), sans reconstruire la population.

Le premier point d'un processus lit la population (chemin et sha256 vérifié), construit la loi
du scénario de base et sa simulation, calcule les années évaluées en traçant le calcul : la trace
dit quels résultats intermédiaires lisent un paramètre balayé (directement ou par leurs
dépendances). Chaque point suivant est une *branche* de cette simulation (comme le `get_branch`
de PolicyEngine) : même population, données d'entrée et résultats que les paramètres balayés
n'atteignent pas partagés, loi du point (une `Reform` qui copie les seuls nœuds modifiés,
`openfisca_caqes.scenarios.construire`) ; seul ce que les paramètres atteignent est recalculé.
La loi de référence partagée n'est jamais modifiée.
"""

from __future__ import annotations

import hashlib
import threading
from dataclasses import dataclass, replace
from pathlib import Path

import numpy as np
from openfisca_core.data_storage import InMemoryStorage
from openfisca_core.periods import DateUnit

import openfisca_caqes.systeme as systemes  # `systemes.systeme_de_base` lu à l'appel : les tests y substituent une loi d'essai
from openfisca_caqes.balayage.resultats import ResultatsEtablissements, resumer
from openfisca_caqes.comparaison import decaler_annees, systeme_du_scenario
from openfisca_caqes.detenteurs import detenteurs
from openfisca_caqes.erreurs import ErreurUtilisateur
from openfisca_caqes.population import construire_simulation, lire_tableau
from openfisca_caqes.scenarios import Intervalle, Scenario, construire, lire_scenario

SORTIES = ("interessement_total", "penalite_totale", "solde_financier")
PLAFOND = "ifep_plafond_penalite"


@dataclass(frozen=True)
class Contexte:
    """Ce que tous les points d'un balayage partagent ; petit et sérialisable (envoyé à chaque tâche)."""

    population: str
    sha256: str
    feuille: str | None
    scenario: str | None
    fichier: str
    depuis: str
    annees: tuple[int, ...]
    chemins: tuple[str, ...]  # les feuilles balayées (toutes hypothèses confondues)
    reutiliser: bool = True  # False : chaque point recalcule tout (contrôle de la branche)


def empreinte(chemin: str | Path) -> str:
    """Le sha256 d'un fichier, lu par blocs."""
    calcul = hashlib.sha256()
    with open(chemin, "rb") as flux:
        for bloc in iter(lambda: flux.read(1 << 20), b""):
            calcul.update(bloc)
    return calcul.hexdigest()


def _systeme_de_base(contexte: Contexte):
    if contexte.scenario is None:
        return systemes.systeme_de_base()

    return systeme_du_scenario(contexte.scenario)


def atteint(nom_lu: str, chemins: tuple[str, ...]) -> bool:
    """Un paramètre lu (feuille, ou nœud lu par indexation vectorielle) recouvre-t-il un chemin balayé ?"""
    return any(nom_lu == c or nom_lu.startswith(c + ".") or c.startswith(nom_lu + ".") for c in chemins)


class EtatTravailleur:
    """La population construite une fois par processus et décalage, et les calculs de la loi de base."""

    def __init__(self, contexte: Contexte, decalage: int) -> None:
        if empreinte(contexte.population) != contexte.sha256:
            raise ErreurUtilisateur(f"{contexte.population} : le fichier de population a changé depuis le lancement du balayage (sha256 différent)")
        self.contexte = contexte
        self.systeme = _systeme_de_base(contexte)
        base = getattr(self.systeme, "scenario", None) or (lire_scenario(contexte.scenario) if contexte.scenario else None)
        self.scenario = base or Scenario(nom="balayage", titre="balayage", description="", chemin=Path(contexte.fichier))
        tableau, nom = lire_tableau(contexte.population, contexte.feuille)
        self.simulation = construire_simulation(self.systeme, decaler_annees(tableau, decalage, self.systeme), nom)
        self.entrees = _periodes_connues(self.simulation)
        self.simulation.trace = True
        self.reference = {annee: self._calculer(self.simulation, annee) for annee in contexte.annees}
        self.atteints = _atteints(self.simulation.tracer.trees, contexte.chemins)
        self.simulation.trace = False  # libère la trace
        self.garder = self._a_garder()
        self._systemes: dict[tuple, object] = {}

    def _a_garder(self) -> dict[tuple[str, str], set]:
        """Par (entité, variable) : les périodes à partager avec chaque branche (données, résultats non atteints)."""
        garder = {}
        for cle, periodes in _periodes_connues(self.simulation).items():
            entrees = self.entrees.get(cle, set())
            if self.contexte.reutiliser:
                garder[cle] = {p for p in periodes if p in entrees or (cle[1], str(p)) not in self.atteints}
            else:
                garder[cle] = set(entrees)
        return garder

    def _calculer(self, simulation, annee: int) -> ResultatsEtablissements:
        periode = str(annee)
        valeurs = {nom: np.asarray(simulation.calculate(nom, periode)).astype(np.int64) for nom in SORTIES}
        variable = simulation.tax_benefit_system.variables.get(PLAFOND)
        plafond = None
        if variable is not None and variable.get_formula(periode) is not None:
            plafond = np.asarray(simulation.calculate(PLAFOND, periode)).astype(np.int64)
        regions = simulation.populations["region"]
        return ResultatsEtablissements(
            dotation=valeurs["interessement_total"], penalite=valeurs["penalite_totale"], solde=valeurs["solde_financier"],
            plafond=plafond, region=regions.members_entity_id, noms_regions=tuple(str(r) for r in regions.ids),
        )

    def systeme_du_point(self, changements: dict[str, object]):
        """La loi du point : le scénario de base plus les valeurs balayées, à partir de la date `depuis`."""

        cle = tuple(sorted(changements.items()))
        if cle not in self._systemes:
            parametres = dict(self.scenario.parametres)
            for chemin, valeur in changements.items():
                parametres[chemin] = (*parametres.get(chemin, ()), Intervalle(self.contexte.depuis, None, valeur))
            self._systemes = {cle: construire(replace(self.scenario, parametres=parametres))}  # une loi à la fois
        return self._systemes[cle]

    def branche(self, systeme):
        """Une simulation neuve sur la même population : données et résultats non atteints partagés."""
        branche = self.simulation.clone()
        branche.tax_benefit_system = systeme
        membres = branche.persons
        for population in branche.populations.values():
            if population is not membres:
                population.members = membres  # `GroupPopulation.clone` garderait les membres de l'original
        for cle_population, nom, holder in detenteurs(branche):
            stockage = InMemoryStorage(is_eternal=holder.variable.definition_period == DateUnit.ETERNITY)
            garder = self.garder.get((cle_population, nom), set())
            for periode in holder.get_known_periods():
                if periode in garder:
                    stockage.put(holder.get_array(periode), periode)
            # `Holder.clone` partage le stockage de l'original et openfisca-core n'offre pas d'API pour en donner un
            # propre à la branche : seule écriture d'un attribut privé (effacer par `delete_arrays` viderait l'original).
            holder._memory_storage = stockage
        return branche

    def evaluer(self, changements: dict[str, object], annee: int):
        """Les résultats d'un point par région (tableau de quelques lignes)."""
        if changements:
            resultat = self._calculer(self.branche(self.systeme_du_point(changements)), annee)
        else:
            resultat = self.reference[annee]
        return resumer(resultat, self.reference[annee])


def _periodes_connues(simulation) -> dict[tuple[str, str], set]:
    return {(cle, nom): set(holder.get_known_periods()) for cle, nom, holder in detenteurs(simulation)}


def _atteints(arbres, chemins: tuple[str, ...]) -> set[tuple[str, str]]:
    """Les (variable, période) dont le calcul lit, directement ou par une dépendance, un paramètre balayé.

    Un résultat déjà en cache apparaît dans la trace comme une feuille : on le relie au nœud complet
    de sa première évaluation. Le parcours suit les nœuds de la trace (quelques milliers), pas les établissements.
    """
    complets: dict[tuple[str, str], object] = {}
    pile = list(arbres)
    while pile:
        noeud = pile.pop()
        cle = (noeud.name, _periode(noeud))
        if noeud.children or noeud.parameters:
            complets.setdefault(cle, noeud)
        pile.extend(noeud.children)
    memo: dict[tuple[str, str], bool] = {}

    def visiter(cle) -> bool:
        if cle in memo:
            return memo[cle]
        memo[cle] = False  # un cycle éventuel (impossible en OpenFisca) ne boucle pas
        noeud = complets.get(cle)
        resultat = noeud is not None and (
            any(atteint(p.name, chemins) for p in noeud.parameters)
            or any(visiter((enfant.name, _periode(enfant))) for enfant in noeud.children)
        )
        memo[cle] = resultat
        return resultat

    return {cle for cle in complets if visiter(cle)}


def _periode(noeud) -> str:
    periode = noeud.period
    return "ETERNITY" if getattr(periode, "unit", None) == DateUnit.ETERNITY else str(periode)


_ETATS: dict[tuple[Contexte, int], EtatTravailleur] = {}
_VERROU = threading.Lock()


def etat(contexte: Contexte, decalage: int) -> EtatTravailleur:
    """L'état du processus pour ce balayage (construit au premier point, gardé pour les suivants)."""
    cle = (contexte, decalage)
    if cle not in _ETATS:
        _ETATS.clear()  # un seul balayage à la fois par processus : la mémoire d'une population
        _ETATS[cle] = EtatTravailleur(contexte, decalage)
    return _ETATS[cle]


def evaluer_tache(contexte: Contexte, tache: tuple) -> list[dict]:
    """Une tâche (numéro, {hypothèse: valeur}, {feuille: valeur}, année, décalage) → lignes de résultats.

    Les erreurs d'utilisateur repartent comme `ErreurUtilisateur` simple (sérialisable par Dask).
    """
    point, _valeurs, changements, annee, decalage = tache
    try:
        with _VERROU:  # un cluster à plusieurs fils par processus évalue quand même un point à la fois
            lignes = etat(contexte, decalage).evaluer(changements, annee)
    except ErreurUtilisateur as erreur:
        raise ErreurUtilisateur(str(erreur)) from None
    return [{"point": point, "annee": annee, **ligne} for ligne in lignes]
