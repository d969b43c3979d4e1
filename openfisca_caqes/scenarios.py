"""Les scénarios : la loi de référence modifiée par un fichier YAML, sans écrire de Python.

Un scénario (reforms/scenarios/<nom>.yaml) ressemble au `Reform.from_dict` de PolicyEngine :

    titre: IFEP stricte
    description: La pénalité est portée au plafond dès qu'un objectif est manqué.
    reforme: openfisca_caqes.reforms.caqes_2025_prolonge.caqes_2025_prolonge   # facultatif
    parametres:
      ifep.penalite.part_plafond_forfaitaire:
        2027-01-01: 1                  # à partir du 1er janvier 2027
      ifep.atypie.duree_periode:
        2027-01-01.2028-12-31: 2       # sur un intervalle (bornes incluses)

`charger_scenario("strict")` (ou un chemin de fichier) rend le système socio-fiscal du scénario.
La loi n'est lue qu'une fois (`systeme_de_base()`) : un scénario ne relit aucun fichier de
paramètres, il copie en mémoire les seuls nœuds qu'il touche (le chemin de la racine à chaque
paramètre modifié), ne modifie jamais la loi de référence, et chaque scénario construit est gardé
en cache (clé : chemin et contenu du fichier).
"""

from __future__ import annotations

import copy
import datetime
import hashlib
import re
from dataclasses import dataclass, field
from pathlib import Path

import yaml
from openfisca_core import periods
from openfisca_core.parameters import Parameter, ParameterNode
from openfisca_core.reforms import Reform

from openfisca_caqes import RACINE_LOI
from openfisca_caqes.erreurs import ErreurUtilisateur
from openfisca_caqes.systeme import systeme_de_base

DOSSIER_SCENARIOS = RACINE_LOI / "reforms" / "scenarios"
CLES = ("titre", "description", "reforme", "parametres")
MOTIF_DATE = re.compile(r"^\d{4}-\d{2}-\d{2}$")
TYPES_VALEUR = (bool, int, float, type(None))

_CACHE: dict[tuple[str, str], Reform] = {}


class _Chargeur(yaml.SafeLoader):
    """YAML sûr, dont les dates restent du texte : une date impossible (2027-13-01) devient une erreur claire."""


_Chargeur.yaml_implicit_resolvers = {
    premier: [(etiquette, motif) for etiquette, motif in resolveurs if etiquette != "tag:yaml.org,2002:timestamp"]
    for premier, resolveurs in yaml.SafeLoader.yaml_implicit_resolvers.items()
}


class ErreurScenario(ErreurUtilisateur):
    """Un fichier de scénario impossible à appliquer : le message nomme le fichier et la clé.

    Une erreur d'utilisateur : la commande `caqes` l'affiche sans trace et sort avec le code 2.
    """

    def __init__(self, fichier, message: str, cle: str | None = None) -> None:
        self.fichier = str(fichier)
        self.message = message
        self.cle = cle
        super().__init__(str(self))

    def __str__(self) -> str:
        lieu = self.fichier if self.cle is None else f"{self.fichier}, clé « {self.cle} »"
        return f"{lieu} : {self.message}"


@dataclass(frozen=True)
class Intervalle:
    """Une valeur d'un paramètre du `debut` au `fin` inclus (`fin` absent : sans limite)."""

    debut: str
    fin: str | None
    valeur: bool | int | float | None


@dataclass(frozen=True)
class Scenario:
    nom: str
    titre: str
    description: str
    chemin: Path
    reforme: str | None = None
    parametres: dict[str, tuple[Intervalle, ...]] = field(default_factory=dict)


def scenarios_disponibles() -> list[str]:
    """Les noms des scénarios livrés (reforms/scenarios/*.yaml), par ordre alphabétique."""
    return sorted(chemin.stem for chemin in DOSSIER_SCENARIOS.glob("*.yaml"))


def chemin_scenario(chemin_ou_nom: str | Path) -> Path:
    """Un nom livré (« central ») désigne reforms/scenarios/central.yaml ; sinon un chemin de fichier."""
    chemin = Path(chemin_ou_nom)
    if chemin.is_file():
        return chemin.resolve()
    livre = DOSSIER_SCENARIOS / f"{chemin_ou_nom}.yaml"
    if livre.is_file():
        return livre.resolve()
    raise ErreurScenario(
        chemin_ou_nom,
        f"scénario introuvable : ni fichier, ni nom livré (scénarios disponibles : {', '.join(scenarios_disponibles())})",
    )


def lire_scenario(chemin_ou_nom: str | Path) -> Scenario:
    """Lit et valide un fichier de scénario (structure, dates, valeurs, chemins des paramètres)."""
    chemin = chemin_scenario(chemin_ou_nom)
    return _lire(chemin, chemin.read_bytes())


def _lire(chemin: Path, contenu: bytes) -> Scenario:
    try:
        donnees = yaml.load(contenu.decode("utf-8"), Loader=_Chargeur)
    except UnicodeDecodeError:
        raise ErreurScenario(chemin, "le fichier n'est pas encodé en UTF-8") from None
    except yaml.YAMLError as erreur:
        raise ErreurScenario(chemin, f"YAML illisible : {erreur}") from None
    if not isinstance(donnees, dict):
        raise ErreurScenario(chemin, "un scénario est un dictionnaire (titre, description, parametres)")
    inconnues = [cle for cle in donnees if cle not in CLES]
    if inconnues:
        raise ErreurScenario(chemin, f"clé inconnue (clés admises : {', '.join(CLES)})", str(inconnues[0]))
    for cle in ("titre", "description"):
        if not isinstance(donnees.get(cle), str) or not donnees[cle].strip():
            raise ErreurScenario(chemin, "texte obligatoire absent ou vide", cle)
    reforme = donnees.get("reforme")
    if reforme is not None and (not isinstance(reforme, str) or "." not in reforme):
        raise ErreurScenario(chemin, "chemin pointé d'une réforme attendu (paquet.module.Classe)", "reforme")
    brutes = donnees.get("parametres") or {}
    if not isinstance(brutes, dict):
        raise ErreurScenario(chemin, "dictionnaire attendu : {chemin.du.parametre: {AAAA-MM-JJ: valeur}}", "parametres")
    parametres = {str(cle): _intervalles(chemin, str(cle), valeurs) for cle, valeurs in brutes.items()}
    return Scenario(
        nom=chemin.stem,
        titre=donnees["titre"].strip(),
        description=donnees["description"].strip(),
        chemin=chemin,
        reforme=reforme,
        parametres=parametres,
    )


def _intervalles(chemin: Path, cle: str, valeurs) -> tuple[Intervalle, ...]:
    if not isinstance(valeurs, dict) or not valeurs:
        raise ErreurScenario(chemin, "dictionnaire de dates attendu : {AAAA-MM-JJ: valeur}", cle)
    intervalles = []
    for date, valeur in valeurs.items():
        debut, fin = _dates(chemin, cle, date)
        if not isinstance(valeur, TYPES_VALEUR):
            raise ErreurScenario(chemin, f"valeur « {valeur} » au {date} : nombre (ou null) attendu", cle)
        intervalles.append(Intervalle(debut, fin, valeur))
    return tuple(sorted(intervalles, key=lambda intervalle: intervalle.debut))


def _dates(chemin: Path, cle: str, date) -> tuple[str, str | None]:
    """« AAAA-MM-JJ » (à partir de) ou « AAAA-MM-JJ.AAAA-MM-JJ » (bornes incluses) ; YAML lit une date nue en date."""
    texte = date.isoformat() if isinstance(date, datetime.date) else str(date)
    morceaux = texte.split(".")
    if len(morceaux) > 2 or not all(_date_valide(morceau) for morceau in morceaux):
        raise ErreurScenario(chemin, f"date « {texte} » invalide (attendu AAAA-MM-JJ ou AAAA-MM-JJ.AAAA-MM-JJ)", cle)
    debut, fin = morceaux[0], morceaux[1] if len(morceaux) == 2 else None
    if fin is not None and fin < debut:
        raise ErreurScenario(chemin, f"intervalle « {texte} » : la fin précède le début", cle)
    return debut, fin


def _date_valide(texte: str) -> bool:
    if not MOTIF_DATE.match(texte):
        return False
    try:
        datetime.date.fromisoformat(texte)
    except ValueError:
        return False
    return True


def _parametre(racine: ParameterNode, chemin: Path, cle: str) -> Parameter:
    """Le paramètre désigné par un chemin pointé, ou une erreur qui dit où le chemin se perd."""
    noeud = racine
    parcouru = []
    for segment in cle.split("."):
        enfants = getattr(noeud, "children", None)
        if enfants is None or segment not in enfants:
            sous = ".".join(parcouru) or "la racine"
            raise ErreurScenario(chemin, f"paramètre inconnu : « {segment} » n'existe pas sous {sous}", cle)
        noeud = enfants[segment]
        parcouru.append(segment)
    if not isinstance(noeud, Parameter):
        raise ErreurScenario(chemin, "ce chemin désigne un nœud ou un barème, pas un paramètre à valeur", cle)
    return noeud


def valider(scenario: Scenario, racine: ParameterNode) -> None:
    """Vérifie chaque chemin contre la loi, et les taux (unité /1) dans [0, 1]."""
    for cle, intervalles in scenario.parametres.items():
        parametre = _parametre(racine, scenario.chemin, cle)
        if parametre.metadata.get("unit") == "/1":
            hors = [i.valeur for i in intervalles if i.valeur is not None and not 0 <= i.valeur <= 1]
            if hors:
                raise ErreurScenario(scenario.chemin, f"valeur {hors[0]} hors de [0, 1] pour un taux (unité /1)", cle)


def _appliquer(parametre: Parameter, intervalles: tuple[Intervalle, ...]) -> None:
    for intervalle in intervalles:
        fin = periods.instant(intervalle.fin) if intervalle.fin else None
        parametre.update(start=periods.instant(intervalle.debut), stop=fin, value=intervalle.valeur)


def modifier_en_place(racine: ParameterNode, scenario: Scenario) -> ParameterNode:
    """Applique le scénario à un arbre qui appartient déjà à la réforme (copie de `modify_parameters`)."""
    valider(scenario, racine)
    for cle, intervalles in scenario.parametres.items():
        _appliquer(_parametre(racine, scenario.chemin, cle), intervalles)
    return racine


def _copie_noeud(noeud: ParameterNode) -> ParameterNode:
    copie = copy.copy(noeud)
    copie.children = dict(noeud.children)
    return copie


def modifier_copie(racine: ParameterNode, scenario: Scenario) -> ParameterNode:
    """Un nouvel arbre : seuls les nœuds du chemin de chaque paramètre modifié sont copiés.

    Les autres nœuds restent partagés avec la loi de référence, qui n'est jamais modifiée.
    """
    valider(scenario, racine)
    nouvelle = _copie_noeud(racine)
    copies = {id(nouvelle)}
    for cle, intervalles in scenario.parametres.items():
        *parents, nom = cle.split(".")
        noeud = nouvelle
        for segment in [*parents, nom]:
            enfant = noeud.children[segment]
            if id(enfant) not in copies:
                enfant = enfant.clone() if isinstance(enfant, Parameter) else _copie_noeud(enfant)
                copies.add(id(enfant))
                noeud.children[segment] = enfant
                setattr(noeud, segment, enfant)
            noeud = enfant
        _appliquer(noeud, intervalles)
    return nouvelle


class ReformeScenario(Reform):
    """Une réforme OpenFisca dont les valeurs sont celles d'un scénario YAML livré (`scenario`).

    Pour les tests YAML (`reforms:`) et l'option `-r` d'openfisca : les valeurs restent dans
    reforms/scenarios/<scenario>.yaml, seule source. Passe par `modify_parameters` (copie profonde).
    """

    scenario: str = ""

    def apply(self) -> None:
        scenario = lire_scenario(self.scenario)
        if scenario.reforme is not None:
            raise ErreurScenario(scenario.chemin, "une ReformeScenario n'applique que des paramètres", "reforme")
        self.name = scenario.titre
        self.modify_parameters(lambda parametres: modifier_en_place(parametres, scenario))


def _systeme_reforme(chemin_reforme: str, scenario: Scenario):
    cle = ("reforme", chemin_reforme)
    if cle not in _CACHE:
        try:
            _CACHE[cle] = systeme_de_base().apply_reform(chemin_reforme)
        except (ValueError, ImportError) as erreur:
            raise ErreurScenario(scenario.chemin, f"réforme introuvable : {erreur}", "reforme") from None
    return _CACHE[cle]


def construire(scenario: Scenario):
    """Le système du scénario : la réforme Python éventuelle, puis les paramètres (copie des seuls nœuds touchés)."""
    base = _systeme_reforme(scenario.reforme, scenario) if scenario.reforme else systeme_de_base()
    valider(scenario, base.parameters)

    class _Scenario(Reform):
        name = scenario.titre

        def apply(self) -> None:
            self.parameters = modifier_copie(self.baseline.parameters, scenario)
            self._parameters_at_instant_cache = {}

    _Scenario.__name__ = _Scenario.__qualname__ = f"scenario_{scenario.nom}"
    systeme = _Scenario(base)
    systeme.scenario = scenario
    return systeme


def charger_scenario(chemin_ou_nom: str | Path):
    """Le TaxBenefitSystem d'un scénario (nom livré ou chemin de fichier YAML), construit une fois."""
    chemin = chemin_scenario(chemin_ou_nom)
    contenu = chemin.read_bytes()
    cle = (str(chemin), hashlib.sha256(contenu).hexdigest())
    if cle not in _CACHE:
        _CACHE[cle] = construire(_lire(chemin, contenu))
    return _CACHE[cle]
