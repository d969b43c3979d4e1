"""Lire et valider un balayage déclaré en données (fichier YAML ou options de la ligne de commande).

Un balayage fait varier des paramètres de la loi, désignés par leur chemin pointé, sur une liste
de valeurs, un intervalle parcouru par pas, ou une loi uniforme à échantillonner ; les points
sont croisés (produit cartésien) ou tirés (hypercube latin, suite de Sobol), sur un scénario de
base, pour des années évaluées. Toute erreur est une `ErreurUtilisateur` qui nomme le fichier,
la clé et ce qui ne va pas.
"""

from __future__ import annotations

import math
import re
from dataclasses import dataclass, field
from pathlib import Path

import yaml
from openfisca_core.parameters import Parameter, ParameterNode

from openfisca_caqes import RACINE_LOI
from openfisca_caqes.erreurs import ErreurUtilisateur

CLES = ("titre", "description", "scenario", "annees", "annee_donnees", "plan", "points", "graine", "depuis", "hypotheses")
CLES_HYPOTHESE = ("parametre", "valeurs", "intervalle", "loi")
PLANS = ("croise", "latin", "sobol")
POINTS_MAXIMUM = 100_000
MOTIF_DATE = re.compile(r"^\d{4}-\d{2}-\d{2}$")
MOTIF_NOM = re.compile(r"^[a-z_][a-z0-9_]*$")


class ErreurBalayage(ErreurUtilisateur):
    """Un balayage impossible : le message nomme le fichier et la clé fautive."""

    def __init__(self, fichier, cle: str | None, message: str) -> None:
        lieu = str(fichier) if cle is None else f"{fichier}, clé « {cle} »"
        super().__init__(f"{lieu} : {message}")


@dataclass(frozen=True)
class Hypothese:
    """Un paramètre (ou un nœud : toutes ses feuilles ensemble) et les valeurs qu'il parcourt."""

    nom: str
    chemin: str
    feuilles: tuple[str, ...]
    genre: str  # "nombre", "entier" ou "booleen"
    valeurs: tuple | None = None  # discrètes (liste ou intervalle par pas)
    loi: tuple[float, float] | None = None  # uniforme [a, b]
    reference: float | bool | None = None  # la valeur de la loi de base (None : les feuilles diffèrent)

    @property
    def bornes(self) -> tuple:
        """Les extrêmes parcourus (effets un à la fois du diagramme en tornade)."""
        if self.loi is not None:
            return self.loi
        return min(self.valeurs), max(self.valeurs)

    def tirer(self, u: float):
        """La valeur d'un tirage uniforme u ∈ [0, 1) : loi continue, ou valeur discrète de rang ⌊u·n⌋."""
        if self.loi is not None:
            a, b = self.loi
            return float(a + u * (b - a))
        return self.valeurs[min(int(u * len(self.valeurs)), len(self.valeurs) - 1)]


@dataclass(frozen=True)
class Balayage:
    fichier: str
    titre: str
    scenario: str | None
    annees: tuple[int, ...]
    plan: str
    hypotheses: tuple[Hypothese, ...]
    points: int | None = None
    graine: int = 2027
    depuis: str = ""
    annee_donnees: int | None = None
    description: str = ""
    modifications: dict = field(default_factory=dict)

    def changements(self, valeurs: dict) -> dict[str, object]:
        """{hypothèse: valeur} → {chemin de feuille: valeur typée} (un nœud donne sa valeur à chaque feuille)."""
        sortie = {}
        for hypothese in self.hypotheses:
            if hypothese.nom in valeurs:
                valeur = _typer(valeurs[hypothese.nom], hypothese.genre)
                sortie.update({feuille: valeur for feuille in hypothese.feuilles})
        return sortie


def _typer(valeur, genre: str):
    if genre == "booleen":
        return bool(valeur)
    if genre == "entier":
        return int(round(float(valeur)))
    return float(valeur)


def chemin_balayage(chemin_ou_nom: str | Path) -> Path:
    """Un nom livré (« ifep_trois_hypotheses ») désigne reforms/balayages/<nom>.yaml ; sinon un chemin."""

    chemin = Path(chemin_ou_nom)
    livre = RACINE_LOI / "reforms" / "balayages" / f"{chemin_ou_nom}.yaml"
    return livre if not chemin.is_file() and livre.is_file() else chemin


def lire_fichier(chemin: str | Path, racine: ParameterNode, annees_option: list[int] | None = None) -> Balayage:
    """Lit un fichier de balayage YAML (ou un balayage livré, par son nom) et le valide contre `racine`."""
    chemin = chemin_balayage(chemin)
    if not chemin.is_file():
        raise ErreurBalayage(chemin, None, "fichier de balayage introuvable")
    try:
        donnees = yaml.safe_load(chemin.read_text(encoding="utf-8"))
    except UnicodeDecodeError:
        raise ErreurBalayage(chemin, None, "le fichier n'est pas encodé en UTF-8") from None
    except yaml.YAMLError as erreur:
        raise ErreurBalayage(chemin, None, f"YAML illisible : {erreur}") from None
    return valider(donnees, racine, str(chemin), annees_option)


def valider(donnees, racine: ParameterNode, fichier: str, annees_option: list[int] | None = None) -> Balayage:
    """Un dictionnaire de balayage (lu d'un YAML ou construit des options) → `Balayage` validé."""
    if not isinstance(donnees, dict):
        raise ErreurBalayage(fichier, None, "un balayage est un dictionnaire (titre, annees, plan, hypotheses)")
    inconnues = [str(cle) for cle in donnees if cle not in CLES]
    if inconnues:
        raise ErreurBalayage(fichier, inconnues[0], f"clé inconnue (clés admises : {', '.join(CLES)})")
    titre = donnees.get("titre", Path(fichier).stem)
    if not isinstance(titre, str) or not titre.strip():
        raise ErreurBalayage(fichier, "titre", "texte attendu")
    scenario = donnees.get("scenario")
    if scenario is not None and not isinstance(scenario, str):
        raise ErreurBalayage(fichier, "scenario", "nom de scénario livré ou chemin de fichier attendu")
    annees = _annees(fichier, annees_option if annees_option else donnees.get("annees"))
    annee_donnees = donnees.get("annee_donnees")
    if annee_donnees is not None and not _entier(annee_donnees, 2016, 2099):
        raise ErreurBalayage(fichier, "annee_donnees", f"année attendue, reçu {annee_donnees!r}")
    plan = donnees.get("plan", "croise")
    if plan not in PLANS:
        raise ErreurBalayage(fichier, "plan", f"plan « {plan} » inconnu (plans admis : {', '.join(PLANS)})")
    depuis = str(donnees.get("depuis", f"{min(annees)}-01-01"))
    if not MOTIF_DATE.match(depuis):
        raise ErreurBalayage(fichier, "depuis", f"date AAAA-MM-JJ attendue, reçu « {depuis} »")
    graine = donnees.get("graine", 2027)
    if not _entier(graine, 0, 2**32 - 1):
        raise ErreurBalayage(fichier, "graine", f"entier positif attendu, reçu {graine!r}")
    brutes = donnees.get("hypotheses")
    if not isinstance(brutes, dict) or not brutes:
        raise ErreurBalayage(fichier, "hypotheses", "au moins une hypothèse attendue : {nom: {parametre: chemin.pointé, valeurs: [...]}}")
    hypotheses = tuple(_hypothese(fichier, str(nom), definition, racine, depuis) for nom, definition in brutes.items())
    feuilles = [feuille for hypothese in hypotheses for feuille in hypothese.feuilles]
    doublons = sorted({feuille for feuille in feuilles if feuilles.count(feuille) > 1})
    if doublons:
        raise ErreurBalayage(fichier, "hypotheses", f"paramètre balayé par deux hypothèses : {doublons[0]}")
    points = donnees.get("points")
    if plan == "croise":
        continues = [h.nom for h in hypotheses if h.loi is not None]
        if continues:
            raise ErreurBalayage(fichier, f"hypotheses.{continues[0]}.loi", "un plan croisé ne tire pas de loi : donner `valeurs` ou `intervalle`, ou choisir plan: latin ou sobol")
        if points is not None:
            raise ErreurBalayage(fichier, "points", "le nombre de points d'un plan croisé est le produit des valeurs : retirer `points`")
        total = math.prod(len(h.valeurs) for h in hypotheses)
        if total > POINTS_MAXIMUM:
            raise ErreurBalayage(fichier, "hypotheses", f"{total} points croisés : au plus {POINTS_MAXIMUM}")
    else:
        minimum = len(hypotheses) + 2 if plan == "sobol" else 2
        if not _entier(points, minimum, POINTS_MAXIMUM):
            raise ErreurBalayage(fichier, "points", f"nombre de points entier entre {minimum} et {POINTS_MAXIMUM} attendu pour un plan {plan}, reçu {points!r}")
    description = donnees.get("description", "")
    return Balayage(
        fichier=fichier, titre=titre.strip(), scenario=scenario, annees=annees, plan=plan, hypotheses=hypotheses,
        points=points, graine=int(graine), depuis=depuis, annee_donnees=annee_donnees,
        description=str(description or "").strip(),
    )


def _entier(valeur, minimum: int, maximum: int) -> bool:
    return isinstance(valeur, int) and not isinstance(valeur, bool) and minimum <= valeur <= maximum


def _annees(fichier: str, brutes) -> tuple[int, ...]:
    if isinstance(brutes, int) and not isinstance(brutes, bool):
        brutes = [brutes]
    if not isinstance(brutes, list) or not brutes:
        raise ErreurBalayage(fichier, "annees", "liste d'années évaluées attendue (ex. [2027]) ; ou l'option --year")
    for annee in brutes:
        if not _entier(annee, 2016, 2099):
            raise ErreurBalayage(fichier, "annees", f"année entre 2016 et 2099 attendue, reçu {annee!r}")
    if len(set(brutes)) != len(brutes):
        raise ErreurBalayage(fichier, "annees", "année demandée deux fois")
    return tuple(brutes)


def feuilles_du_chemin(racine: ParameterNode, chemin: str, fichier: str, cle: str) -> tuple[list[str], list[Parameter]]:
    """Les paramètres à valeur que désigne un chemin pointé (une feuille, ou toutes celles d'un nœud)."""
    noeud = racine
    parcouru: list[str] = []
    for segment in chemin.split("."):
        enfants = getattr(noeud, "children", None)
        if enfants is None or segment not in enfants:
            sous = ".".join(parcouru) or "la racine"
            raise ErreurBalayage(fichier, cle, f"paramètre inconnu : « {segment} » n'existe pas sous {sous} (chemin « {chemin} »)")
        noeud = enfants[segment]
        parcouru.append(segment)
    if isinstance(noeud, Parameter):
        return [chemin], [noeud]
    if not isinstance(noeud, ParameterNode):
        raise ErreurBalayage(fichier, cle, f"« {chemin} » est un barème, pas un paramètre à valeur")
    noms, parametres = [], []
    for nom, enfant in noeud.children.items():
        if isinstance(enfant, Parameter):
            noms.append(f"{chemin}.{nom}")
            parametres.append(enfant)
        elif isinstance(enfant, ParameterNode):
            sous_noms, sous_parametres = feuilles_du_chemin(racine, f"{chemin}.{nom}", fichier, cle)
            noms += sous_noms
            parametres += sous_parametres
        else:
            raise ErreurBalayage(fichier, cle, f"« {chemin}.{nom} » est un barème, pas un paramètre à valeur")
    if not noms:
        raise ErreurBalayage(fichier, cle, f"le nœud « {chemin} » ne contient aucun paramètre")
    return noms, parametres


def _valeur_de_reference(parametre: Parameter, depuis: str):
    """La valeur au `depuis`, ou, si le paramètre n'existe pas encore à cette date, sa valeur la plus récente."""
    valeur = parametre(depuis)
    if valeur is None and parametre.values_list:
        valeur = parametre.values_list[0].value
    return valeur


def _genre(parametres: list[Parameter], depuis: str, fichier: str, cle: str) -> tuple[str, object]:
    """Le type des feuilles à la date `depuis` (toutes le même) et leur valeur commune (None si elles diffèrent)."""
    valeurs = [_valeur_de_reference(parametre, depuis) for parametre in parametres]
    if any(valeur is None for valeur in valeurs):
        raise ErreurBalayage(fichier, cle, "le paramètre n'a aucune valeur : rien à faire varier")
    genres = {"booleen" if isinstance(v, bool) else "entier" if isinstance(v, int) else "nombre" if isinstance(v, float) else type(v).__name__ for v in valeurs}
    if genres == {"entier", "nombre"}:
        genres = {"nombre"}
    if len(genres) != 1 or not genres <= {"booleen", "entier", "nombre"}:
        raise ErreurBalayage(fichier, cle, f"feuilles de types {', '.join(sorted(genres))} : un balayage ne fait varier que des nombres ou des booléens d'un même type")
    reference = valeurs[0] if all(v == valeurs[0] for v in valeurs) else None
    return genres.pop(), reference


def _nombre(valeur) -> bool:
    return isinstance(valeur, (int, float)) and not isinstance(valeur, bool) and math.isfinite(valeur)


def _hypothese(fichier: str, nom: str, definition, racine: ParameterNode, depuis: str) -> Hypothese:
    cle = f"hypotheses.{nom}"
    if not MOTIF_NOM.match(nom):
        raise ErreurBalayage(fichier, cle, "nom d'hypothèse en snake_case attendu (lettres minuscules, chiffres, _)")
    if not isinstance(definition, dict):
        raise ErreurBalayage(fichier, cle, "dictionnaire attendu : {parametre: chemin.pointé, valeurs | intervalle | loi}")
    inconnues = [str(c) for c in definition if c not in CLES_HYPOTHESE]
    if inconnues:
        raise ErreurBalayage(fichier, f"{cle}.{inconnues[0]}", f"clé inconnue (clés admises : {', '.join(CLES_HYPOTHESE)})")
    chemin = definition.get("parametre")
    if not isinstance(chemin, str) or not chemin:
        raise ErreurBalayage(fichier, f"{cle}.parametre", "chemin pointé d'un paramètre de la loi attendu (ex. ifep.penalite.taux_plafond)")
    feuilles, parametres = feuilles_du_chemin(racine, chemin, fichier, f"{cle}.parametre")
    genre, reference = _genre(parametres, depuis, fichier, f"{cle}.parametre")
    formes = [forme for forme in ("valeurs", "intervalle", "loi") if forme in definition]
    if len(formes) != 1:
        raise ErreurBalayage(fichier, cle, "exactement une de `valeurs`, `intervalle` ou `loi` attendue")
    forme = formes[0]
    unitaire = all(p.metadata.get("unit") == "/1" for p in parametres)
    if forme == "loi":
        loi = _loi(fichier, f"{cle}.loi", definition["loi"], genre)
        _verifier_taux(fichier, f"{cle}.loi", loi, unitaire)
        return Hypothese(nom, chemin, tuple(feuilles), genre, loi=loi, reference=reference)
    valeurs = _valeurs(fichier, f"{cle}.valeurs", definition["valeurs"], genre) if forme == "valeurs" else _intervalle(fichier, f"{cle}.intervalle", definition["intervalle"], genre)
    if genre != "booleen":
        _verifier_taux(fichier, f"{cle}.{forme}", valeurs, unitaire)
    return Hypothese(nom, chemin, tuple(feuilles), genre, valeurs=valeurs, reference=reference)


def _verifier_taux(fichier: str, cle: str, valeurs, unitaire: bool) -> None:
    hors = [v for v in valeurs if not 0 <= v <= 1]
    if unitaire and hors:
        raise ErreurBalayage(fichier, cle, f"valeur {hors[0]} hors de [0, 1] pour un taux (unité /1)")


def _valeurs(fichier: str, cle: str, brutes, genre: str) -> tuple:
    if not isinstance(brutes, list) or not brutes:
        raise ErreurBalayage(fichier, cle, "liste non vide de valeurs attendue")
    for valeur in brutes:
        if genre == "booleen" and not isinstance(valeur, bool):
            raise ErreurBalayage(fichier, cle, f"le paramètre est un booléen : true ou false attendu, reçu {valeur!r}")
        if genre != "booleen" and not _nombre(valeur):
            raise ErreurBalayage(fichier, cle, f"le paramètre est un nombre : nombre attendu, reçu {valeur!r}")
        if genre == "entier" and float(valeur) != int(valeur):
            raise ErreurBalayage(fichier, cle, f"le paramètre est un entier : reçu {valeur!r}")
    if len(set(brutes)) != len(brutes):
        raise ErreurBalayage(fichier, cle, "valeur répétée")
    return tuple(brutes)


def _intervalle(fichier: str, cle: str, brut, genre: str) -> tuple:
    if genre == "booleen":
        raise ErreurBalayage(fichier, cle, "le paramètre est un booléen : donner `valeurs: [true, false]`")
    if not isinstance(brut, dict) or set(brut) != {"min", "max", "pas"}:
        raise ErreurBalayage(fichier, cle, "dictionnaire {min, max, pas} attendu")
    for sous in ("min", "max", "pas"):
        if not _nombre(brut[sous]):
            raise ErreurBalayage(fichier, f"{cle}.{sous}", f"nombre attendu, reçu {brut[sous]!r}")
    debut, fin, pas = (float(brut[sous]) for sous in ("min", "max", "pas"))
    if pas <= 0 or fin < debut:
        raise ErreurBalayage(fichier, cle, f"intervalle vide : min {brut['min']}, max {brut['max']}, pas {brut['pas']} (il faut min ≤ max et pas > 0)")
    nombre = int(math.floor((fin - debut) / pas + 1e-9)) + 1
    if nombre > POINTS_MAXIMUM:
        raise ErreurBalayage(fichier, cle, f"{nombre} valeurs : au plus {POINTS_MAXIMUM}")
    valeurs = tuple(round(debut + k * pas, 12) for k in range(nombre))
    if genre == "entier":
        if any(v != int(v) for v in valeurs):
            raise ErreurBalayage(fichier, cle, "le paramètre est un entier : min et pas entiers attendus")
        valeurs = tuple(int(v) for v in valeurs)
    return valeurs


def _loi(fichier: str, cle: str, brute, genre: str) -> tuple[float, float]:
    if genre != "nombre":
        raise ErreurBalayage(fichier, cle, f"une loi continue ne convient qu'à un paramètre décimal (ce paramètre est un {genre}) : donner `valeurs`")
    if not isinstance(brute, dict) or list(brute) != ["uniforme"]:
        raise ErreurBalayage(fichier, cle, "loi attendue : {uniforme: [min, max]}")
    bornes = brute["uniforme"]
    if not isinstance(bornes, list) or len(bornes) != 2 or not all(_nombre(b) for b in bornes):
        raise ErreurBalayage(fichier, f"{cle}.uniforme", f"deux nombres [min, max] attendus, reçu {bornes!r}")
    if not bornes[0] < bornes[1]:
        raise ErreurBalayage(fichier, f"{cle}.uniforme", f"intervalle vide : min {bornes[0]} doit être < max {bornes[1]}")
    return float(bornes[0]), float(bornes[1])
