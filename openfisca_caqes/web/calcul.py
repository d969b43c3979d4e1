"""Calculer une situation validée : les réponses de /calculate et /trace, sans NaN ni Infinity.

Chaque variable demandée est calculée une fois par (entité, variable, période) pour toute la
situation, puis lue aux positions demandées. Un résultat demandé qui n'est pas un nombre fini
refuse la réponse entière (400, nommant établissement, variable et période) : aucun montant
partiel n'est rendu. Dans une trace, une étape intermédiaire non finie devient `null` et est
signalée dans `avertissements`.
"""

from __future__ import annotations

from collections import defaultdict

import numpy as np
from openfisca_core.errors import ParameterNotFoundError, PeriodMismatchError, SituationParsingError
from openfisca_core.indexed_enums import Enum, EnumArray
from openfisca_core.simulations import SimulationBuilder

from openfisca_caqes.erreurs import ErreurUtilisateur
from openfisca_caqes.web.requete import ErreurRequete
from openfisca_caqes.web.situation import SituationValidee


def construire(systeme, situation: dict, validee: SituationValidee):
    """La simulation d'OpenFisca, `code_region` posé pour chaque établissement ; ses refus deviennent des 400."""
    try:
        simulation = SimulationBuilder().build_from_entities(systeme, situation)
    except (SituationParsingError, PeriodMismatchError) as erreur:
        raise ErreurRequete("situation refusée par OpenFisca", 400, {"openfisca": erreur.error}) from None
    region = systeme.variables["code_region"].possible_values
    ids = simulation.get_population("etablissements").ids
    codes = np.array([validee.code_region[identifiant] for identifiant in ids])
    simulation.set_input("code_region", "ETERNITY", EnumArray(np.asarray(region.encode(codes)), region))
    return simulation


def _calculer(simulation, variable: str, periode: str) -> np.ndarray:
    """Un calcul d'OpenFisca ; une date sans loi ou une question hors du domaine devient un refus 400."""
    try:
        return simulation.calculate(variable, periode)
    except ParameterNotFoundError as erreur:
        raise ErreurRequete(f"{variable} ({periode}) : la loi n'est pas définie à cette date ({erreur.name})") from None
    except ErreurUtilisateur as erreur:
        raise ErreurRequete(f"{variable} ({periode}) : {erreur}") from None


def calculer(systeme, situation: dict, validee: SituationValidee) -> dict:
    """La situation où chaque `null` est remplacé par sa valeur calculée."""
    simulation = construire(systeme, situation, validee)
    groupes: dict[tuple[str, str, str], list[str]] = defaultdict(list)
    for demande in validee.demandes:
        groupes[(demande.pluriel, demande.variable, demande.periode)].append(demande.identifiant)
    for (pluriel, variable, periode), identifiants in groupes.items():
        resultat = _calculer(simulation, variable, periode)
        population = simulation.get_population(pluriel)
        position = {identifiant: i for i, identifiant in enumerate(population.ids)}
        indices = np.array([position[identifiant] for identifiant in identifiants], dtype=np.intp)
        valeurs = _en_json(systeme.variables[variable], resultat, indices, pluriel, identifiants, variable, periode)
        for identifiant, valeur in zip(identifiants, valeurs):
            situation[pluriel][identifiant][variable][periode] = valeur
    return situation


def _en_json(definition, resultat, indices, pluriel, identifiants, variable, periode) -> list:
    """Les valeurs demandées en types JSON ; refus si l'une n'est pas un nombre fini."""
    if definition.value_type == Enum:
        return [membre.name for membre in resultat.decode()[indices]]
    valeurs = np.asarray(resultat)[indices]
    if valeurs.dtype.kind == "f" and not np.isfinite(valeurs).all():
        i = int(np.flatnonzero(~np.isfinite(valeurs))[0])
        raise ErreurRequete(
            f"{pluriel} « {identifiants[i]} », {variable} ({periode}) : le calcul ne donne pas un nombre fini "
            f"({valeurs[i]}) ; donnée manquante ou incohérente, aucun résultat n'est rendu",
            400,
        )
    return valeurs.tolist()


def tracer(systeme, situation: dict, validee: SituationValidee) -> dict:
    """La trace d'OpenFisca des calculs demandés, chaque valeur non finie remplacée par null et signalée."""
    simulation = construire(systeme, situation, validee)
    simulation.trace = True
    demandees = []
    for demande in validee.demandes:
        demandees.append(f"{demande.variable}<{demande.periode}>")
        _calculer(simulation, demande.variable, demande.periode)
    trace = simulation.tracer.get_serialized_flat_trace()
    avertissements = []
    for etape, noeud in trace.items():
        valeur = noeud.get("value")
        if isinstance(valeur, list) and any(isinstance(v, float) and not np.isfinite(v) for v in valeur):
            noeud["value"] = [None if isinstance(v, float) and not np.isfinite(v) else v for v in valeur]
            avertissements.append(f"{etape} : valeur non finie (NaN ou infinie) remplacée par null")
    reponse = {
        "trace": trace,
        "entitiesDescription": simulation.describe_entities(),
        "requestedCalculations": demandees,
    }
    if avertissements:
        reponse["avertissements"] = avertissements
    return reponse
