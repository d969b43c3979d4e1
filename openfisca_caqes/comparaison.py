"""Comparer les régimes (2018, 2022, 2025, IFEP 2027) et des scénarios sur une même population.

Chaque colonne de la comparaison est une loi (la loi de référence, ou celle d'un scénario)
évaluée pour une année (l'année de performance). Toutes les colonnes lisent le même fichier de
population : la loi de l'année L lit les colonnes `variable_L` (année N), `variable_(L-1)`
(N-1) et les années de référence que ses paramètres nomment. Avec `annee_donnees = D`, les
colonnes annuelles sont décalées de L - D : chaque régime est évalué sur les données de
l'année D (voir docs/comparaison.md). Tout est vectoriel ; les totaux en euros sont des int64.
"""

from __future__ import annotations

from dataclasses import dataclass, field

import numpy as np
import pandas as pd
from openfisca_core.errors import ParameterNotFoundError, VariableNotFoundError
from openfisca_core.periods import DateUnit

from openfisca_caqes import couverture_regionale as cr
from openfisca_caqes.population import construire_simulation
from openfisca_caqes.population.schema import MOTIF_ANNUEL

# Libellé de régime → année évaluée par défaut. 2018 est l'année de l'état des lieux (seed 004) :
# le régime 2018 s'évalue sur 2019, première année à objectifs chiffrés.
REGIMES = {"2018": 2019, "2022": 2022, "2025": 2025, "2027": 2027}
REGIMES_PAR_DEFAUT = "2018,2022,2025,2027"

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

# Bandes de gagnants et perdants (à la PolicyEngine) : écart du solde rapporté aux produits de
# l'assurance maladie N-1. PolicyEngine coupe à 5 % du revenu ; ici les montants en jeu sont des
# fractions de point des produits (pénalité de refus 1 %, plafond IFEP 2 %) : coupure à 0,1 %.
SEUIL_BANDE = 0.001
ORDRE_BANDES = ("gain_fort", "gain_faible", "aucun", "perte_faible", "perte_forte", "non_mesurable")

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
    from openfisca_caqes.erreurs import ErreurUtilisateur

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


def lire_regimes(texte: str) -> list[tuple[str, int]]:
    """« 2018,2022,2025,2027 » → [(libellé, année évaluée)] ; « 2018=2021 » choisit l'année."""
    regimes = []
    for element in (morceau.strip() for morceau in texte.split(",")):
        if not element:
            continue
        libelle, _, annee = element.partition("=")
        libelle = libelle.strip()
        if annee:
            valeur = annee.strip()
        elif libelle in REGIMES:
            valeur = str(REGIMES[libelle])
        else:
            valeur = libelle
        if not valeur.isdigit() or not 2016 <= int(valeur) <= 2099:
            raise erreur_utilisateur(
                f"régime « {element} » non reconnu : attendu un de {', '.join(REGIMES)}, une année, "
                "ou LIBELLÉ=ANNÉE (ex. 2018=2021)"
            )
        regimes.append((libelle, int(valeur)))
    if not regimes:
        raise erreur_utilisateur("aucun régime demandé (--regimes 2018,2022,2025,2027)")
    libelles = [libelle for libelle, _ in regimes]
    doublons = sorted({libelle for libelle in libelles if libelles.count(libelle) > 1})
    if doublons:
        raise erreur_utilisateur(f"régime demandé deux fois : {', '.join(doublons)}")
    return regimes


def lire_scenario(texte: str, annee_defaut: int) -> tuple[str, int]:
    """« central » ou « central@2028 » → (nom ou chemin, année évaluée)."""
    nom, separateur, annee = texte.rpartition("@")
    if not separateur:
        return texte, annee_defaut
    if not annee.isdigit() or not 2016 <= int(annee) <= 2099:
        raise erreur_utilisateur(f"scénario « {texte} » : l'année après @ doit être une année (ex. central@2027)")
    return nom, int(annee)


def systeme_du_scenario(nom_ou_chemin: str):
    """La loi d'un scénario (openfisca_caqes.scenarios), ses erreurs devenues des erreurs d'utilisateur."""
    try:
        from openfisca_caqes import scenarios
    except ImportError as erreur:
        raise erreur_utilisateur(f"les scénarios ne sont pas disponibles dans cette version ({erreur})") from None
    erreurs = tuple(
        classe for classe in (getattr(scenarios, "ErreurScenario", None),) if isinstance(classe, type)
    ) + (FileNotFoundError,)
    try:
        return scenarios.charger_scenario(nom_ou_chemin)
    except erreurs as erreur:
        disponibles = ""
        if hasattr(scenarios, "scenarios_disponibles"):
            disponibles = f" (scénarios disponibles : {', '.join(scenarios.scenarios_disponibles())})"
        raise erreur_utilisateur(f"scénario « {nom_ou_chemin} » : {erreur}{disponibles}") from None


def nom_scenario(nom_ou_chemin: str) -> str:
    """Le libellé d'un scénario : son nom, ou le nom de son fichier sans extension."""
    from pathlib import PurePath

    chemin = PurePath(nom_ou_chemin)
    return chemin.stem if chemin.suffix in (".yaml", ".yml") else nom_ou_chemin


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
        for population in simulation.populations.values():
            for nom, holder in population._holders.items():
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


def _bornes(seuil: float) -> dict[str, str]:
    texte = f"{seuil * 100:.2g} %".replace(".", ",")
    return {
        "gain_fort": f"Gain > {texte} des produits",
        "gain_faible": f"Gain ≤ {texte}",
        "aucun": "Aucun changement",
        "perte_faible": f"Perte ≤ {texte}",
        "perte_forte": f"Perte > {texte} des produits",
        "non_mesurable": "Écart sans produits connus",
    }


def bandes(ecart: np.ndarray, denominateur: np.ndarray, seuil: float = SEUIL_BANDE) -> np.ndarray:
    """La bande de chaque établissement (codes de ORDRE_BANDES) : vectoriel."""
    return np.array(CODES_BANDES)[_indices_bandes(ecart, denominateur, seuil)]


# Les codes dans l'ordre des conditions de `_indices_bandes` (la dernière : le cas par défaut).
CODES_BANDES = ("aucun", "non_mesurable", "gain_fort", "gain_faible", "perte_faible", "perte_forte")
CODES_MOUVEMENT = ("reste", "entre", "sort", "hors")


def _indices_bandes(ecart, denominateur, seuil: float) -> np.ndarray:
    """Le rang de la bande de chaque établissement dans CODES_BANDES."""
    ecart = np.asarray(ecart, dtype=np.float64)
    denominateur = np.asarray(denominateur, dtype=np.float64)
    mesurable = denominateur > 0
    relatif = np.divide(ecart, denominateur, out=np.zeros_like(ecart), where=mesurable)
    conditions = [ecart == 0, ~mesurable, relatif > seuil, relatif > 0, relatif >= -seuil]
    return np.select(conditions, range(len(conditions)), default=len(conditions))


def _textes(codes: tuple[str, ...], indices: np.ndarray) -> np.ndarray:
    """Les codes des lignes, chaque texte partagé (un pointeur par ligne, pas une chaîne par ligne)."""
    return np.array(codes, dtype=object)[indices]


class Comparaison:
    """Les résultats de toutes les colonnes et leurs écarts à la colonne de référence."""

    def __init__(
        self,
        identite: pd.DataFrame,
        evaluations: list[Evaluation],
        reference: str,
        seuil: float = SEUIL_BANDE,
        libelles: dict[str, dict[str, str]] | None = None,
        etiquettes: dict[str, str] | None = None,
        couvertures: dict[str, dict] | None = None,
    ) -> None:
        self.identite = identite.reset_index(drop=True)
        self.evaluations = evaluations
        self.colonnes = [evaluation.colonne for evaluation in evaluations]
        noms = [colonne.libelle for colonne in self.colonnes]
        if reference not in noms:
            raise erreur_utilisateur(f"référence « {reference} » absente des colonnes ({', '.join(noms)})")
        self.reference = reference
        self.seuil = seuil
        self.libelles_bandes = _bornes(seuil)
        self.libelles = libelles or {}
        self.etiquettes = etiquettes or {}
        # Par colonne : la couverture des indicateurs régionaux de chaque région (openfisca_caqes.couverture_regionale).
        self.couvertures = couvertures or {}
        self.detail = self._detail()

    def _detail(self) -> pd.DataFrame:
        """Format long : une ligne par (colonne, établissement)."""
        ref = next(e for e in self.evaluations if e.colonne.libelle == self.reference).valeurs
        morceaux = []
        for rang, evaluation in enumerate(self.evaluations):
            valeurs = evaluation.valeurs
            bloc = pd.concat([self.identite, valeurs], axis=1)
            bloc.insert(0, "colonne", evaluation.colonne.libelle)
            bloc.insert(1, "ordre", rang)
            bloc.insert(2, "annee_evaluee", evaluation.colonne.annee)
            for cle in MONTANTS:
                bloc[f"ecart_{cle}"] = valeurs[cle].to_numpy(np.int64) - ref[cle].to_numpy(np.int64)
            bloc["variation_relative"] = np.divide(
                bloc["ecart_solde"].to_numpy(np.float64),
                valeurs["produits_reference"].to_numpy(np.float64),
                out=np.full(len(bloc), np.nan),
                where=valeurs["produits_reference"].to_numpy() > 0,
            )
            bloc["bande"] = _textes(CODES_BANDES, _indices_bandes(bloc["ecart_solde"], valeurs["produits_reference"], self.seuil))
            avant = ref["dans_champ"].to_numpy(bool)
            apres = valeurs["dans_champ"].to_numpy(bool)
            mouvements = [avant & apres, ~avant & apres, avant & ~apres]
            bloc["mouvement_champ"] = _textes(CODES_MOUVEMENT, np.select(mouvements, range(len(mouvements)), default=len(mouvements)))
            morceaux.append(bloc)
        return pd.concat(morceaux, ignore_index=True)

    @property
    def comparees(self) -> list[Colonne]:
        return [colonne for colonne in self.colonnes if colonne.libelle != self.reference]

    def _libelle(self, cle: str, codes: pd.Series) -> pd.Series:
        """Le libellé français d'un code (catégorie, région) ; le code s'il n'en a pas."""
        libelles = self.libelles.get(cle, {})
        return codes.map(lambda code: libelles.get(code, code))

    def _identite_lisible(self) -> pd.DataFrame:
        tableau = self.identite.copy()
        for cle in ("categorie", "region"):
            tableau[cle] = self._libelle(cle, tableau[cle])
        return tableau.rename(columns=LIBELLES_IDENTITE)

    def totaux(self, cle: str | None = None) -> pd.DataFrame:
        """Sommes (int64) par colonne, et par catégorie ou par région si `cle` est donnée."""
        detail = self.detail
        groupes = ["ordre", "colonne", "annee_evaluee"] + ([cle] if cle else [])
        agregats = detail.groupby(groupes, sort=True).agg(
            etablissements=("etablissement", "size"),
            dans_champ=("dans_champ", "sum"),
            interessement=("interessement", "sum"),
            penalite=("penalite", "sum"),
            solde=("solde", "sum"),
            ecart_solde=("ecart_solde", "sum"),
        )
        agregats = agregats.reset_index().drop(columns="ordre")
        for nom in ("interessement", "penalite", "solde", "ecart_solde", "dans_champ", "etablissements"):
            agregats[nom] = agregats[nom].astype(np.int64)
        if cle in ("categorie", "region"):
            agregats[cle] = self._libelle(cle, agregats[cle])
        return agregats

    def _incompletes(self, colonne: Colonne) -> dict:
        """Les régions de la population où la colonne n'a pas tous ses indicateurs régionaux encodés."""
        return cr.incompletes(self.couvertures.get(colonne.libelle, {}))

    def _regions_incompletes(self, colonne: Colonne) -> str:
        couvertures = self._incompletes(colonne)
        return ", ".join(
            f"{self.libelles.get('region', {}).get(region, region)} ({c.statut})" for region, c in couvertures.items()
        )

    def notes_couverture(self) -> list[str]:
        """Les phrases qui disent, par colonne, quelles régions n'ont pas leurs indicateurs régionaux encodés."""
        return [
            f"{colonne.libelle} : {note}" for colonne in self.colonnes
            for note in cr.notes(self._incompletes(colonne), self.libelles.get("region", {}))
        ]

    def totaux_longs(self, cle: str) -> pd.DataFrame:
        """Les totaux par catégorie ou par région, une ligne par (régime, groupe) : pour l'écran."""
        totaux = self.totaux(cle).drop(columns="annee_evaluee")
        if cle == "region" and any(self._incompletes(colonne) for colonne in self.colonnes):
            noms = self.libelles.get("region", {})
            statut = {(colonne.libelle, noms.get(region, region)): c.statut
                      for colonne in self.colonnes for region, c in self.couvertures.get(colonne.libelle, {}).items()}
            totaux[cr.COLONNE_STATUT] = [statut.get(paire, "") for paire in zip(totaux["colonne"], totaux["region"])]
        totaux.loc[totaux["colonne"] == self.reference, "ecart_solde"] = 0
        return totaux.rename(columns={"colonne": "Régime", **LIBELLES_IDENTITE, **LIBELLES_TOTAUX}).rename(
            columns={LIBELLES_TOTAUX["ecart_solde"]: f"Écart du solde à {self.reference} (€)"}
        )

    def par_etablissement(self) -> pd.DataFrame:
        """Format large, lisible : une ligne par établissement, des colonnes par régime."""
        tableau = self._identite_lisible()
        for colonne in self.colonnes:
            valeurs = self.detail[self.detail["colonne"] == colonne.libelle].reset_index(drop=True)
            nom = colonne.libelle
            tableau[f"Dans le champ {nom}"] = np.where(valeurs["dans_champ"], "oui", "non")
            tableau[f"Intéressements {nom} (€)"] = valeurs["interessement"]
            tableau[f"Pénalités {nom} (€)"] = valeurs["penalite"]
            tableau[f"Solde {nom} (€)"] = valeurs["solde"]
            if self._incompletes(colonne):
                tableau[f"{cr.COLONNE_STATUT} {nom}"] = cr.statuts(valeurs["region"], self.couvertures[nom])
            if nom != self.reference:
                tableau[f"Écart du solde {nom} − {self.reference} (€)"] = valeurs["ecart_solde"]
                tableau[f"Écart / produits AM {colonne.annee - 1} {nom}"] = valeurs["variation_relative"]
                tableau[f"Bande {nom}"] = valeurs["bande"].map(self.libelles_bandes)
                tableau[f"Champ {nom} / {self.reference}"] = valeurs["mouvement_champ"].map(LIBELLES_MOUVEMENT)
        return tableau

    def feuille_colonne(self, colonne: Colonne) -> pd.DataFrame:
        """Tous les résultats d'une colonne (une feuille par régime dans le classeur)."""
        valeurs = self.detail[self.detail["colonne"] == colonne.libelle].reset_index(drop=True)
        tableau = self._identite_lisible()
        tableau["Dans le champ"] = np.where(valeurs["dans_champ"], "oui", "non")
        tableau[f"Produits AM {colonne.annee - 1} (€)"] = valeurs["produits_reference"]
        tableau["Intéressements (€)"] = valeurs["interessement"]
        tableau["Pénalités (€)"] = valeurs["penalite"]
        tableau["Solde (€)"] = valeurs["solde"]
        couvertures = self.couvertures.get(colonne.libelle, {})
        if self._incompletes(colonne):
            tableau[cr.COLONNE_STATUT] = cr.statuts(valeurs["region"], couvertures)
        for variable in VARIABLES_SUPPLEMENTAIRES:  # seulement celles que le régime de l'année calcule
            if variable in valeurs and np.asarray(valeurs[variable]).any():
                masque = cr.masque_non_modelise(variable, valeurs["region"], couvertures)
                tableau[self.etiquettes.get(variable, variable)] = cr.vider(valeurs[variable].to_numpy(), masque)
        if colonne.libelle != self.reference:
            tableau[f"Écart du solde à {self.reference} (€)"] = valeurs["ecart_solde"]
            tableau["Écart / produits AM"] = valeurs["variation_relative"]
            tableau["Bande"] = valeurs["bande"].map(self.libelles_bandes)
            tableau["Champ"] = valeurs["mouvement_champ"].map(LIBELLES_MOUVEMENT)
        return tableau

    def agregats_lisibles(self, cle: str | None = None) -> pd.DataFrame:
        """Les totaux, en format large (une ligne par catégorie ou région, des colonnes par régime)."""
        totaux = self.totaux(cle)
        index = cle or "colonne"
        if cle is None:
            tableau = totaux.rename(columns={"annee_evaluee": "Année évaluée"}).set_index("colonne")
            tableau = tableau.rename(columns=LIBELLES_TOTAUX)
            tableau.index.name = "Régime"
            if any(self._incompletes(colonne) for colonne in self.colonnes):
                tableau[COLONNE_REGIONS_INCOMPLETES] = [self._regions_incompletes(colonne) for colonne in self.colonnes]
            return tableau.reset_index()
        morceaux = []
        for colonne in self.colonnes:
            bloc = totaux[totaux["colonne"] == colonne.libelle].set_index(index)
            nom = colonne.libelle
            renommer = {
                "dans_champ": f"Dans le champ {nom}",
                "interessement": f"Intéressements {nom} (€)",
                "penalite": f"Pénalités {nom} (€)",
                "solde": f"Solde {nom} (€)",
                "ecart_solde": f"Écart {nom} − {self.reference} (€)",
            }
            garder = list(renommer) if nom != self.reference else list(renommer)[:-1]
            if not morceaux:
                garder = ["etablissements", *garder]
                renommer["etablissements"] = "Établissements"
            morceaux.append(bloc[garder].rename(columns=renommer))
        tableau = pd.concat(morceaux, axis=1).fillna(0)
        tableau = tableau.astype(np.int64)
        if cle == "region":
            codes = {self._libelle("region", pd.Series([code])).iloc[0]: code for code in self.identite["region"].unique()}
            for colonne in self.colonnes:
                if self._incompletes(colonne):
                    regions = tableau.index.map(codes).to_numpy()
                    tableau[f"{cr.COLONNE_STATUT} {colonne.libelle}"] = cr.statuts(regions, self.couvertures[colonne.libelle])
        tableau.index.name = LIBELLES_IDENTITE.get(cle, cle)
        return tableau.reset_index()

    def gagnants_perdants(self, cle: str | None = None) -> pd.DataFrame:
        """Effectifs et montants par bande, pour chaque colonne comparée à la référence."""
        detail = self.detail[self.detail["colonne"] != self.reference]
        groupes = ["ordre", "colonne"] + ([cle] if cle else []) + ["bande"]
        agregats = detail.groupby(groupes).agg(
            etablissements=("etablissement", "size"), ecart_solde=("ecart_solde", "sum")
        ).reset_index()
        existants = detail[groupes[:-1]].drop_duplicates().sort_values(groupes[:-1])
        complet = existants.merge(pd.DataFrame({"bande": list(ORDRE_BANDES)}), how="cross")
        agregats = complet.merge(agregats, how="left", on=groupes)
        agregats[["etablissements", "ecart_solde"]] = agregats[["etablissements", "ecart_solde"]].fillna(0)
        effectifs = agregats.groupby(groupes[:-1])["etablissements"].transform("sum")
        agregats["part"] = agregats["etablissements"] / effectifs.where(effectifs > 0, 1)
        agregats["bande"] = agregats["bande"].map(self.libelles_bandes)
        agregats["etablissements"] = agregats["etablissements"].astype(np.int64)
        agregats["ecart_solde"] = agregats["ecart_solde"].astype(np.int64)
        if cle in ("categorie", "region"):
            agregats[cle] = self._libelle(cle, agregats[cle])
        agregats = agregats.drop(columns="ordre").rename(
            columns={
                "colonne": "Régime comparé",
                "bande": "Bande",
                "etablissements": "Établissements",
                "part": "Part des établissements",
                "ecart_solde": f"Écart du solde à {self.reference} (€)",
                **LIBELLES_IDENTITE,
            }
        )
        return agregats

    def mouvements_champ(self) -> pd.DataFrame:
        """Établissements qui entrent dans le champ, en sortent, y restent (par rapport à la référence)."""
        detail = self.detail[self.detail["colonne"] != self.reference]
        tableau = pd.crosstab(
            [detail["ordre"], detail["colonne"]], detail["mouvement_champ"]
        ).reindex(columns=list(LIBELLES_MOUVEMENT), fill_value=0)
        tableau = tableau.droplevel("ordre").rename(columns=LIBELLES_MOUVEMENT)
        tableau.index.name = f"Régime comparé à {self.reference}"
        tableau.columns.name = None
        return tableau.reset_index()

    def definitions_champ(self) -> pd.DataFrame:
        return pd.DataFrame(
            {
                "Régime": [e.colonne.libelle for e in self.evaluations],
                "Loi et données": [e.colonne.description for e in self.evaluations],
                "Champ": [e.champ for e in self.evaluations],
            }
        )

    def donnees_lues(self) -> pd.DataFrame:
        """Pour chaque colonne, chaque donnée lue et ses années (de la loi, du fichier)."""
        morceaux = [e.donnees_lues for e in self.evaluations if not e.donnees_lues.empty]
        if not morceaux:
            return pd.DataFrame(columns=["Régime", "Variable", "Années (loi)", "Années (fichier)"])
        lues = pd.concat(morceaux, ignore_index=True)
        lues["ordre"] = lues["colonne"].map({c.libelle: i for i, c in enumerate(self.colonnes)})
        lues = lues.sort_values(["ordre", "variable", "periode_loi"])
        groupes = lues.groupby(["ordre", "colonne", "variable"], sort=True)
        tableau = groupes.agg(loi=("periode_loi", ", ".join), fichier=("periode_donnees", ", ".join)).reset_index()
        return tableau.drop(columns="ordre").rename(
            columns={"colonne": "Régime", "variable": "Variable", "loi": "Années (loi)", "fichier": "Années (fichier)"}
        )

    def feuilles(self) -> dict[str, pd.DataFrame]:
        """Les tableaux du classeur de la commande compare."""
        feuilles = {
            "Établissements": self.par_etablissement(),
            "Totaux": self.agregats_lisibles(),
            "Par catégorie": self.agregats_lisibles("categorie"),
            "Par région": self.agregats_lisibles("region"),
        }
        if self.comparees:
            feuilles["Gagnants et perdants"] = self.gagnants_perdants()
            feuilles["Gagnants par catégorie"] = self.gagnants_perdants("categorie")
            feuilles["Entrées et sorties"] = self.mouvements_champ()
        feuilles["Champ des régimes"] = self.definitions_champ()
        feuilles["Données lues"] = self.donnees_lues()
        return feuilles


COLONNE_REGIONS_INCOMPLETES = "Régions sans tous leurs indicateurs régionaux (totaux sans leur intéressement régional)"

LIBELLES_IDENTITE = {
    "etablissement": "Établissement",
    "entite_juridique": "Entité juridique",
    "region": "Région",
    "categorie": "Catégorie",
}
LIBELLES_MOUVEMENT = {
    "entre": "Entre dans le champ",
    "sort": "Sort du champ",
    "reste": "Reste dans le champ",
    "hors": "Hors champ des deux",
}
LIBELLES_TOTAUX = {
    "etablissements": "Établissements",
    "dans_champ": "Dans le champ",
    "interessement": "Intéressements (€)",
    "penalite": "Pénalités (€)",
    "solde": "Solde (€)",
    "ecart_solde": "Écart du solde à la référence (€)",
}


def identite(tableau: pd.DataFrame) -> pd.DataFrame:
    """Les colonnes d'identité du fichier, nettoyées comme le fait le chargeur."""
    colonnes = {
        "etablissement": "etablissement",
        "entite_juridique": "entite_juridique",
        "region": "region",
        "categorie": "categorie_etablissement",
    }
    return pd.DataFrame(
        {cle: tableau[colonne].astype(str).str.strip().to_numpy() for cle, colonne in colonnes.items()}
    )


def libelles(systeme) -> dict[str, dict[str, str]]:
    """Les libellés des catégories et des régions (énumérations de la loi)."""
    resultat = {}
    for cle, variable in (("categorie", "categorie_etablissement"), ("region", "code_region")):
        if variable in systeme.variables:
            resultat[cle] = {membre.name: membre.value for membre in systeme.variables[variable].possible_values}
    return resultat


def comparer(
    tableau: pd.DataFrame,
    colonnes: list[tuple[Colonne, object]],
    reference: str,
    nom: str = "<DataFrame>",
    seuil: float = SEUIL_BANDE,
    tracer: bool = True,
    supplementaires=VARIABLES_SUPPLEMENTAIRES,
) -> Comparaison:
    """Évalue chaque (colonne, loi) sur le même tableau de population et compare à `reference`."""
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
    regions = identite(tableau)["region"].unique()
    couvertures = {colonne.libelle: cr.couverture(systeme, colonne.annee, regions) for colonne, systeme in colonnes}
    return Comparaison(
        identite(tableau), evaluations, reference, seuil, libelles(colonnes[0][1]), etiquettes(colonnes[0][1]),
        couvertures,
    )


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
