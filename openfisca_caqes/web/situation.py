"""Valider une situation OpenFisca envoyée à l'API web, avec les bornes du chargeur de population.

Une situation est `{pluriel d'entité: {identifiant: {variable: {période: valeur}}}}` ; une valeur
`null` est une demande de calcul. Chaque valeur fournie est contrôlée comme une cellule d'un
fichier de population (`population.schema` : type, bornes, valeurs admises) ; une variable
calculée ne se fournit pas (sauf les surcharges `ciblage_*`, décisions de l'ARS), elle se demande.

La région : `code_region`, qui choisit les règles régionales, vient de la requête. Un établissement
sans `code_region` le reçoit de l'identifiant de sa région s'il s'agit d'un code connu ; sinon la
requête est refusée. La valeur par défaut de la variable (Occitanie) n'est jamais utilisée.
"""

from __future__ import annotations

import difflib
import math
from dataclasses import dataclass
from functools import lru_cache

from openfisca_core import periods
from openfisca_core.periods import DateUnit

from openfisca_caqes.population.schema import schema
from openfisca_caqes.web.requete import ErreurRequete, Limites

ANNEE_MIN, ANNEE_MAX = 2000, 2100  # hors de cet intervalle, aucune règle ni donnée n'a de sens
ENTIER_MAX = 2**63 - 1  # stockage int64 (openfisca_caqes.base.Variable)


@dataclass(frozen=True)
class Demande:
    """Un calcul demandé : une valeur `null` de la situation."""

    pluriel: str
    identifiant: str
    variable: str
    periode: str


def _c(texte, longueur: int = 80) -> str:
    """Un texte reçu, coupé pour être cité dans un message (une clé d'un mégaoctet n'est pas renvoyée)."""
    texte = str(texte)
    return texte if len(texte) <= longueur else f"{texte[:longueur]}… ({len(texte)} caractères)"


def _suggestion(nom: str, possibles) -> str:
    proches = difflib.get_close_matches(nom, list(possibles), n=3, cutoff=0.6)
    return f" ; vouliez-vous dire : {', '.join(proches)} ?" if proches else ""


def _lieu(pluriel: str, identifiant: str, variable: str | None = None, periode: str | None = None) -> str:
    lieu = f"{_c(pluriel)} « {_c(identifiant)} »"
    if variable is not None:
        lieu += f", {variable}"
    if periode is not None:
        lieu += f" ({_c(periode)})"
    return lieu


def codes_region(systeme) -> tuple[str, ...]:
    """Les codes de région admis (membres de l'énumération de `code_region`)."""
    return tuple(systeme.variables["code_region"].possible_values._member_names_)


@dataclass(frozen=True)
class SituationValidee:
    """Ce que la validation établit : les calculs demandés et la région (code) de chaque établissement."""

    demandes: list[Demande]
    code_region: dict[str, str]


def valider_situation(systeme, situation, limites: Limites) -> SituationValidee:
    """Contrôle la situation et rend les calculs demandés et le `code_region` de chaque établissement."""
    if not isinstance(situation, dict) or not situation:
        raise ErreurRequete("la situation doit être un objet JSON non vide : {\"etablissements\": {…}, \"regions\": {…}}")
    entites = {entite.plural: entite for entite in systeme.entities}
    for pluriel, instances in situation.items():
        if pluriel not in entites:
            raise ErreurRequete(f"entité inconnue « {_c(pluriel)} » ; entités : {', '.join(entites)}{_suggestion(pluriel, entites)}")
        if not isinstance(instances, dict):
            raise ErreurRequete(f"« {_c(pluriel)} » doit être un objet {{identifiant: {{…}}}}, pas {_type_json(instances)}")
    etablissements = situation.get("etablissements")
    if not etablissements:
        raise ErreurRequete("aucun établissement : la situation doit contenir « etablissements » non vide")
    if len(etablissements) > limites.etablissements:
        raise ErreurRequete(f"trop d'établissements ({len(etablissements)} ; au plus {limites.etablissements} par requête)", 413)
    colonnes = schema(systeme)
    demandes: list[Demande] = []
    for pluriel, instances in situation.items():
        entite = entites[pluriel]
        roles = {role.plural: role for role in getattr(entite, "roles", ())} if not entite.is_person else {}
        for identifiant, description in instances.items():
            if not isinstance(description, dict):
                raise ErreurRequete(f"{_lieu(pluriel, identifiant)} : objet {{variable: {{période: valeur}}}} attendu, pas {_type_json(description)}")
            for cle, valeurs in description.items():
                if cle in roles:
                    _valider_membres(pluriel, identifiant, cle, valeurs, etablissements)
                else:
                    demandes += _valider_variable(systeme, colonnes, entite, pluriel, identifiant, cle, valeurs)
    _valider_appartenances(situation, entites)
    return SituationValidee(demandes, _codes_region(systeme, situation))


def _type_json(valeur) -> str:
    if valeur is None:
        return "null"
    return {dict: "un objet", list: "une liste", str: "un texte", bool: "un booléen", int: "un nombre", float: "un nombre"}.get(type(valeur), type(valeur).__name__)


def _valider_membres(pluriel, identifiant, role, membres, etablissements) -> None:
    if not isinstance(membres, list) or not all(isinstance(m, str) for m in membres):
        raise ErreurRequete(f"{_lieu(pluriel, identifiant)}, {role} : liste d'identifiants d'établissements attendue, pas {_type_json(membres)}")
    inconnus = [m for m in membres if m not in etablissements]
    if inconnus:
        raise ErreurRequete(f"{_lieu(pluriel, identifiant)}, {role} : établissement « {_c(inconnus[0])} » absent de « etablissements »")


def _valider_appartenances(situation, entites) -> None:
    """Un établissement appartient à au plus une entité juridique et exactement une région."""
    for pluriel, instances in situation.items():
        if entites[pluriel].is_person:
            continue
        groupe_de: dict[str, str] = {}
        for identifiant, description in instances.items():
            for _cle, membres in description.items():
                if not isinstance(membres, list):
                    continue
                for membre in membres:
                    if groupe_de.get(membre) == identifiant:
                        raise ErreurRequete(f"{_lieu(pluriel, identifiant)} : établissement « {_c(membre)} » cité deux fois")
                    if membre in groupe_de:
                        raise ErreurRequete(
                            f"l'établissement « {_c(membre)} » est dans deux {_c(pluriel)} : « {_c(groupe_de[membre])} » et « {_c(identifiant)} »"
                        )
                    groupe_de[membre] = identifiant


def _region_de(situation) -> dict[str, str]:
    return {
        membre: region
        for region, description in situation.get("regions", {}).items()
        for membre in description.get("etablissements", [])
    }


def _codes_region(systeme, situation) -> dict[str, str]:
    """`code_region` de chaque établissement : fourni, ou l'identifiant (code connu) de sa région."""
    codes = codes_region(systeme)
    region_de = _region_de(situation)
    resultat = {}
    for identifiant, description in situation["etablissements"].items():
        region = region_de.get(identifiant)
        if region is None:
            raise ErreurRequete(
                f"établissement « {_c(identifiant)} » sans région : rattachez-le dans « regions » "
                f"(identifiant de région = code, parmi : {', '.join(codes)})"
            )
        fournis = {v for v in description.get("code_region", {}).values() if v is not None}
        if len(fournis) > 1 or (fournis and region in codes and fournis != {_c(region)}):
            raise ErreurRequete(
                f"établissement « {_c(identifiant)} » : code_region {', '.join(sorted(fournis))} contredit sa région « {_c(region)} »"
            )
        if not fournis and region not in codes:
            raise ErreurRequete(
                f"région « {_c(region)} » inconnue : son identifiant doit être un code de région "
                f"({', '.join(codes)}), ou chaque établissement doit porter code_region{_suggestion(region, codes)}"
            )
        resultat[identifiant] = fournis.pop() if fournis else region
    return resultat


def _valider_variable(systeme, colonnes, entite, pluriel, identifiant, nom, valeurs) -> list[Demande]:
    variable = systeme.variables.get(nom)
    if variable is None:
        raise ErreurRequete(f"{_lieu(pluriel, identifiant)} : variable inconnue « {_c(nom)} »{_suggestion(nom, systeme.variables)}")
    if variable.entity.key != entite.key:
        raise ErreurRequete(
            f"{_lieu(pluriel, identifiant)} : la variable « {_c(nom)} » se rapporte à l'entité "
            f"« {variable.entity.plural} », pas à « {_c(pluriel)} »"
        )
    if not isinstance(valeurs, dict) or not valeurs:
        raise ErreurRequete(
            f"{_lieu(pluriel, identifiant, nom)} : objet {{période: valeur}} attendu, par exemple {{\"2025\": null}}, pas {_type_json(valeurs)}"
        )
    demandes = []
    for periode, valeur in valeurs.items():
        try:
            _valider_periode(variable, _lieu(pluriel, identifiant, nom), periode)
            if valeur is None:
                demandes.append(Demande(pluriel, identifiant, nom, periode))
            else:
                _valider_valeur(variable, colonnes.get(nom), _lieu(pluriel, identifiant, nom, periode), valeur)
        except ErreurRequete as erreur:
            erreur.details = _details(pluriel, identifiant, nom, periode, valeur)
            raise
    return demandes


def _details(pluriel, identifiant, variable, periode, valeur) -> dict:
    """Le lieu d'une valeur refusée, lisible par un programme (textes reçus coupés)."""
    return {"entite": _c(pluriel), "identifiant": _c(identifiant), "variable": variable, "periode": _c(periode), "valeur": _citer(valeur)}


def _citer(valeur):
    """Une valeur reçue, telle quelle si c'est un scalaire JSON fini, sinon son texte coupé."""
    if valeur is None or isinstance(valeur, bool) or (isinstance(valeur, (int, float)) and math.isfinite(valeur)):
        return valeur
    return _c(valeur)


def _valider_periode(variable, lieu: str, texte: str) -> None:
    probleme = _probleme_de_periode(variable.definition_period, texte)
    if probleme:
        raise ErreurRequete(f"{lieu} : {probleme}")


@lru_cache(maxsize=1024)
def _probleme_de_periode(definition_period, texte: str) -> str | None:
    """Ce qui ne va pas dans la période `texte` pour une variable de cette périodicité (analyse mémorisée)."""
    try:
        periode = periods.period(texte)
    except Exception:  # openfisca lève ValueError, AttributeError ou TypeError selon la forme
        return f"période « {_c(texte)} » illisible ; attendu une année (AAAA) ou ETERNITY"
    if definition_period == DateUnit.ETERNITY:
        return None
    if periode.unit != DateUnit.YEAR or periode.size != 1:
        return f"période « {_c(texte)} » : la variable est annuelle, attendu une année (AAAA)"
    if not ANNEE_MIN <= periode.start.year <= ANNEE_MAX:
        return f"année {periode.start.year} hors du domaine ({ANNEE_MIN}-{ANNEE_MAX})"
    return None


def _valider_valeur(variable, colonne, lieu: str, valeur) -> None:
    """Une valeur fournie : variable d'entrée, du bon type, dans les bornes du chargeur."""
    nom = variable.name
    if colonne is None and nom != "code_region":
        raise ErreurRequete(f"{lieu} : « {_c(nom)} » est calculée : elle se demande (null), elle ne se fournit pas")
    type_ = variable.value_type.__name__
    if type_ == "Enum":
        admises = variable.possible_values._member_names_
        if not isinstance(valeur, str) or valeur not in admises:
            raise ErreurRequete(f"{lieu} : valeur {_c(repr(valeur))} inconnue ; valeurs admises : {', '.join(admises)}")
        return
    if type_ == "bool":
        if not (isinstance(valeur, bool) or (type(valeur) is int and valeur in (0, 1))):
            raise ErreurRequete(f"{lieu} : valeur {_c(repr(valeur))} : booléen attendu (true/false)")
        return
    if type_ == "str":
        if not isinstance(valeur, str):
            raise ErreurRequete(f"{lieu} : valeur {_c(repr(valeur))} : texte attendu")
        return
    if isinstance(valeur, bool) or not isinstance(valeur, (int, float)):
        raise ErreurRequete(f"{lieu} : nombre attendu, reçu {_type_json(valeur)} ({str(valeur)[:40]})")
    if isinstance(valeur, float) and not math.isfinite(valeur):
        raise ErreurRequete(f"{lieu} : valeur {valeur} : nombre fini attendu")
    if type_ == "int" and valeur != int(valeur):
        raise ErreurRequete(f"{lieu} : valeur {valeur} : nombre entier attendu")
    _valider_bornes(colonne, lieu, valeur, type_)


def _valider_bornes(colonne, lieu: str, valeur, type_: str) -> None:
    minimum = colonne.minimum if colonne.minimum is not None else (-ENTIER_MAX if type_ == "int" else None)
    maximum = colonne.maximum if colonne.maximum is not None else (ENTIER_MAX if type_ == "int" else None)
    if minimum is not None and valeur < minimum:
        quoi = "montant négatif" if colonne.unite == "currency-EUR" else f"valeur inférieure au minimum {minimum:g}"
        raise ErreurRequete(f"{lieu} : {quoi} ({valeur})")
    if maximum is not None and valeur > maximum:
        if colonne.unite == "/1":
            quoi = "taux hors de [0, 1] : un taux s'écrit 0.25 pour 25 %"
        elif colonne.unite == "currency-EUR":
            quoi = f"montant invraisemblable, au-delà du plafond de {maximum:.0e} € (zéros en trop ?)"
        else:
            quoi = f"valeur au-delà du plafond {maximum:g}"
        raise ErreurRequete(f"{lieu} : {quoi} ({valeur})")
