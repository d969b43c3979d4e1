"""Une évaluation : une loi (de référence ou d'un scénario) × une année évaluée × une année de données, sur une population.

C'est le cœur partagé de `simulate`, `compare`, `envelope`, `explain` et `report`. Toutes les
colonnes lisent le même fichier de population : la loi de l'année L lit les colonnes
`variable_L` (année N), `variable_(L-1)` (N-1) et les années de référence que ses paramètres
nomment. Avec `annee_donnees = D`, les colonnes annuelles sont décalées de L - D : chaque régime
est évalué sur les données de l'année D (voir docs/comparaison.md). Tout est vectoriel ; les
montants en euros sont des int64.
"""

from __future__ import annotations

from dataclasses import dataclass, field

import numpy as np
import pandas as pd
from openfisca_core.errors import ParameterNotFoundError, VariableNotFoundError
from openfisca_core.periods import DateUnit

from openfisca_caqes import couverture_regionale as cr
from openfisca_caqes.detenteurs import detenteurs
from openfisca_caqes.erreurs import ErreurUtilisateur
from openfisca_caqes.population import construire_simulation
from openfisca_caqes.population.schema import MOTIF_ANNUEL
from openfisca_caqes.regimes import (  # noqa: F401 - noms historiques, importés d'ici par d'autres modules
    REGIMES,
    REGIMES_PAR_DEFAUT,
    lire_regimes,
    lire_scenario,
    nom_scenario,
    systeme_du_scenario,
)

# La référence par défaut des écarts : le CAQES en vigueur (la question est « que change l'IFEP ? »).
REGIME_EN_VIGUEUR = "2025"

# Les montants comparés : variables de la loi (euros entiers, année évaluée).
MONTANTS = {
    "interessement": "interessement_total",
    "penalite": "penalite_totale",
    "solde": "solde_financier",
}
# Dénominateur des variations relatives : les produits de l'assurance maladie du dernier
# exercice clos (N-1), l'assiette des pénalités (refus de signer 1 %, plafond IFEP 2 %).
DENOMINATEUR = "produits_assurance_maladie"

# Le champ d'un régime : un établissement y est s'il a au moins une de ces variables non nulle
# l'année évaluée (les variables du CAQES valent 0 dès 2027, celles de l'IFEP avant 2027 ; un
# scénario qui prolonge le CAQES en 2027 reste donc bien compté). Le régime 2018 (volet
# obligatoire) s'applique à tous les établissements.
PERIMETRES = {
    2018: (),
    2022: (
        "nombre_indicateurs_cibles",
        "nombre_indicateurs_nationaux_cibles",
        "nombre_indicateurs_regionaux_cibles",
        "ifep_dans_champ",
    ),
}
PREFIXE_CIBLAGE = "ciblage_"

# Variables calculées en plus quand la loi les connaît (graphiques du rapport, feuilles Excel).
VARIABLES_SUPPLEMENTAIRES = (
    "interessement_national",
    "interessement_regional",
    "interessement_regional_verse",
    "penalite_refus_signature",
    "penalite_non_atteinte",
    "score_volet_obligatoire",
    "ifep_dotation_complementaire",
    "ifep_penalite",
    "ifep_plafond_penalite",
)


def erreur_utilisateur(message: str) -> Exception:
    """L'erreur d'utilisateur (code 2, sans trace) portant `message`."""
    return ErreurUtilisateur(message)


@dataclass(frozen=True)
class Colonne:
    """Une colonne de la comparaison : une loi, une année évaluée, un décalage des données."""

    libelle: str
    annee: int
    scenario: str | None = None
    decalage: int = 0

    @property
    def annee_donnees(self) -> int:
        return self.annee - self.decalage

    @property
    def description(self) -> str:
        loi = f"scénario « {self.scenario} »" if self.scenario else "loi de référence"
        texte = f"{loi}, année évaluée {self.annee}"
        if self.decalage:
            texte += f", sur les données de {self.annee_donnees} (décalage {self.decalage:+d} an)"
        return texte


def decaler_annees(tableau: pd.DataFrame, decalage: int, systeme) -> pd.DataFrame:
    """Renomme `variable_AAAA` en `variable_(AAAA + decalage)` : la loi de L lit les données de L - decalage.

    Les colonnes d'identité et les variables définies pour l'éternité ne bougent pas. Le décalage
    renomme les colonnes (aucune copie des valeurs, aucune boucle sur les établissements).
    """
    if decalage == 0:
        return tableau
    noms = pd.Series(tableau.columns.astype(str), index=tableau.columns)
    parties = noms.str.extract(MOTIF_ANNUEL.pattern)
    annuelle = parties["annee"].notna() & ~noms.isin(list(systeme.variables))
    nouveaux = noms.where(
        ~annuelle,
        parties["variable"] + "_" + (pd.to_numeric(parties["annee"], errors="coerce") + decalage).astype("Int64").astype(str),
    )
    return tableau.set_axis(nouveaux.to_list(), axis=1)


def _calculer(simulation, variable: str, periode, colonne: Colonne) -> np.ndarray:
    try:
        return simulation.calculate(variable, periode)
    except (VariableNotFoundError, ParameterNotFoundError) as erreur:
        raise erreur_utilisateur(
            f"{colonne.libelle} ({colonne.description}) : la loi ne sait pas calculer « {variable} » : "
            f"{str(erreur).splitlines()[0]}"
        ) from None


def perimetre(systeme, annee: int) -> tuple[str, tuple[str, ...]]:
    """Définition du champ d'une année : (texte, variables). Aucune variable : tous les établissements."""
    debut = max((d for d in PERIMETRES if d <= annee), default=min(PERIMETRES))
    if not PERIMETRES[debut]:
        return "tous les établissements (volet obligatoire du CAQES 2018)", ()
    presentes = tuple(nom for nom in PERIMETRES[debut] if nom in systeme.variables)
    if not presentes:
        presentes = tuple(sorted(nom for nom in systeme.variables if nom.startswith(PREFIXE_CIBLAGE)))
    if not presentes:
        return "tous les établissements (aucune variable de ciblage dans la loi)", ()
    return f"au moins un de : {', '.join(presentes)} non nul", presentes


@dataclass
class Evaluation:
    """Les résultats d'une colonne, établissement par établissement."""

    colonne: Colonne
    valeurs: pd.DataFrame
    champ: str
    donnees_lues: pd.DataFrame = field(default_factory=pd.DataFrame)


class Evaluateur:
    """Construit une simulation par (loi, décalage) et la réutilise pour toutes les années."""

    def __init__(
        self, tableau: pd.DataFrame, nom: str, tracer: bool = True, supplementaires=VARIABLES_SUPPLEMENTAIRES
    ) -> None:
        self.tableau = tableau
        self.nom = nom
        self.tracer = tracer
        self.supplementaires = tuple(supplementaires)
        self._simulations: dict[tuple[int, int], object] = {}
        self._noeuds: dict[tuple[int, int], dict] = {}
        self._fournies: dict[tuple[int, int], set[tuple[str, str]]] = {}
        self._indexes: dict[tuple[int, int], int] = {}

    def simulation(self, systeme, decalage: int):
        cle = (id(systeme), decalage)
        if cle not in self._simulations:
            tableau = decaler_annees(self.tableau, decalage, systeme)
            simulation = construire_simulation(systeme, tableau, self.nom)
            simulation.trace = self.tracer
            self._simulations[cle] = simulation
            self._noeuds[cle] = {}
            self._fournies[cle] = _colonnes_fournies(tableau.columns, systeme)
            self._indexes[cle] = 0
        return self._simulations[cle]

    def liberer(self, systeme, decalage: int) -> None:
        """Oublie la simulation d'une loi et d'un décalage (plus aucune colonne ne la lit)."""
        cle = (id(systeme), decalage)
        for registre in (self._simulations, self._noeuds, self._fournies, self._indexes):
            registre.pop(cle, None)

    def oublier_calculs(self, systeme, decalage: int) -> None:
        """Libère la mémoire des résultats intermédiaires ; les données du fichier restent.

        Une colonne suivante recalcule ce qu'elle lit (les formules sont déterministes : mêmes
        nombres) ; la trace garde sa structure, pas les tableaux de valeurs.
        """
        cle = (id(systeme), decalage)
        simulation = self._simulations.get(cle)
        if simulation is None:
            return
        if self.tracer:
            pile = list(simulation.tracer.trees)
            while pile:  # les nœuds de la trace (quelques milliers), pas les établissements
                noeud = pile.pop()
                noeud.value = None
                for parametre in noeud.parameters:
                    parametre.value = None
                pile.extend(noeud.children)
        fournies = self._fournies[cle]
        for _, nom, holder in detenteurs(simulation):
            variable = systeme.variables.get(nom)
            if variable is None or not variable.formulas:
                continue
            eternelle = variable.definition_period == DateUnit.ETERNITY
            for periode in holder.get_known_periods():
                if (nom, "ETERNITY" if eternelle else str(periode)) not in fournies:
                    holder.delete_arrays(periode)

    def evaluer(self, systeme, colonne: Colonne) -> Evaluation:
        simulation = self.simulation(systeme, colonne.decalage)
        annee = str(colonne.annee)
        # Les variables supplémentaires d'abord : la trace des montants et du champ, seule, dit
        # quelles données le régime lit.
        supplementaires = {
            variable: _calculer(simulation, variable, annee, colonne)
            for variable in self.supplementaires
            if variable in systeme.variables and systeme.variables[variable].entity.key == "etablissement"
        }
        debut_trace = len(simulation.tracer.trees) if self.tracer else 0
        valeurs = {
            cle: _calculer(simulation, variable, annee, colonne).astype(np.int64)
            for cle, variable in MONTANTS.items()
        }
        valeurs["produits_reference"] = _calculer(simulation, DENOMINATEUR, str(colonne.annee - 1), colonne).astype(
            np.float64
        )
        texte, variables = perimetre(systeme, colonne.annee)
        nombre = len(simulation.populations["etablissement"].ids)
        dans_champ = np.ones(nombre, dtype=bool) if not variables else np.zeros(nombre, dtype=bool)
        for variable in variables:
            dans_champ |= np.asarray(_calculer(simulation, variable, annee, colonne)) != 0
        valeurs["dans_champ"] = dans_champ
        valeurs.update(supplementaires)
        donnees = (
            self._donnees_lues(simulation, colonne, debut_trace, systeme) if self.tracer else pd.DataFrame()
        )
        return Evaluation(colonne, pd.DataFrame(valeurs), texte, donnees)

    def _donnees_lues(self, simulation, colonne: Colonne, debut: int, systeme) -> pd.DataFrame:
        """Les données (variables sans formule, ou fournies) que la colonne a lues, et leurs années."""
        cle_simulation = (id(systeme), colonne.decalage)
        index = self._noeuds[cle_simulation]
        fournies = self._fournies[cle_simulation]
        arbres = simulation.tracer.trees

        def cle_de(noeud) -> tuple[str, str]:
            eternelle = systeme.variables[noeud.name].definition_period == DateUnit.ETERNITY
            return noeud.name, "ETERNITY" if eternelle else str(noeud.period)

        def indexer(noeud):
            if noeud.children:
                index.setdefault(cle_de(noeud), noeud)
            for enfant in noeud.children:
                indexer(enfant)

        for arbre in arbres[self._indexes[cle_simulation]:]:
            indexer(arbre)
        self._indexes[cle_simulation] = len(arbres)
        lues: set[tuple[str, str]] = set()
        vus: set[tuple[str, str]] = set()
        pile = list(arbres[debut:])
        while pile:
            noeud = pile.pop()
            cle = cle_de(noeud)
            if cle in vus:
                continue
            vus.add(cle)
            complet = noeud if noeud.children else index.get(cle)
            if complet is not None:
                pile.extend(complet.children)
            elif cle in fournies or not systeme.variables[noeud.name].formulas:
                lues.add(cle)
        lues = {(nom, "éternité" if periode == "ETERNITY" else periode) for nom, periode in lues}
        lignes = [
            {
                "colonne": colonne.libelle,
                "variable": nom,
                "periode_loi": periode,
                "periode_donnees": str(int(periode) - colonne.decalage) if periode.isdigit() else periode,
            }
            for nom, periode in sorted(lues)
        ]
        return pd.DataFrame(lignes, columns=["colonne", "variable", "periode_loi", "periode_donnees"])


def _colonnes_fournies(colonnes, systeme) -> set[tuple[str, str]]:
    """Les (variable, période) que porte le fichier : une donnée lue, même si la variable a une formule."""
    fournies = set()
    for colonne in map(str, colonnes):
        motif = MOTIF_ANNUEL.match(colonne)
        if colonne in systeme.variables:
            fournies.add((colonne, "ETERNITY"))
        elif motif and motif["variable"] in systeme.variables:
            fournies.add((motif["variable"], motif["annee"]))
    return fournies



def identite(tableau: pd.DataFrame) -> pd.DataFrame:
    """Les colonnes d'identité du fichier, nettoyées comme le fait le chargeur."""
    colonnes = {
        "etablissement": "etablissement",
        "entite_juridique": "entite_juridique",
        "region": "region",
        "categorie": "categorie_etablissement",
    }
    return pd.DataFrame(  # des colonnes de textes pandas, sans aller-retour par des objets Python
        {cle: tableau[colonne].astype(str).str.strip().reset_index(drop=True) for cle, colonne in colonnes.items()}
    )


def libelles(systeme) -> dict[str, dict[str, str]]:
    """Les libellés des catégories et des régions (énumérations de la loi)."""
    resultat = {}
    for cle, variable in (("categorie", "categorie_etablissement"), ("region", "code_region")):
        if variable in systeme.variables:
            resultat[cle] = {membre.name: membre.value for membre in systeme.variables[variable].possible_values}
    return resultat



def etiquettes(systeme) -> dict[str, str]:
    """Les en-têtes lisibles des variables supplémentaires : leur libellé, l'unité en fin."""
    resultat = {}
    for nom in VARIABLES_SUPPLEMENTAIRES:
        variable = systeme.variables.get(nom)
        if variable is None:
            continue
        texte = (variable.label or nom).replace("(euros)", "").strip()
        resultat[nom] = f"{texte} (€)" if variable.unit == "currency-EUR" else texte
    return resultat


def evaluer_colonnes(
    tableau: pd.DataFrame, colonnes: list[tuple[Colonne, object]], nom: str = "<DataFrame>", tracer: bool = True,
    supplementaires=VARIABLES_SUPPLEMENTAIRES,
) -> tuple[list[Evaluation], dict[str, dict]]:
    """Évalue chaque (colonne, loi) sur le même tableau ; rend les évaluations et la couverture régionale de chaque colonne."""
    if not colonnes:
        raise erreur_utilisateur("rien à comparer")
    evaluateur = Evaluateur(tableau, nom, tracer=tracer, supplementaires=supplementaires)
    # Mémoire : après sa dernière colonne, une simulation est oubliée ; entre deux colonnes, seuls
    # ses résultats intermédiaires le sont (un million d'établissements : ~1 Go par loi).
    derniere = {(id(systeme), colonne.decalage): rang for rang, (colonne, systeme) in enumerate(colonnes)}
    evaluations = []
    for rang, (colonne, systeme) in enumerate(colonnes):
        evaluations.append(evaluateur.evaluer(systeme, colonne))
        if derniere[(id(systeme), colonne.decalage)] == rang:
            evaluateur.liberer(systeme, colonne.decalage)
        else:
            evaluateur.oublier_calculs(systeme, colonne.decalage)
    del evaluateur
    regions = tableau["region"].astype(str).str.strip().unique()
    couvertures = {colonne.libelle: cr.couverture(systeme, colonne.annee, regions) for colonne, systeme in colonnes}
    return evaluations, couvertures
