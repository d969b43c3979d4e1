"""Valider un tableau de population (lu par `lecture.lire_tableau`) et en faire une simulation.

Tout est vectoriel : aucune boucle sur les établissements. Une erreur de l'utilisateur lève
`ErreurPopulation`, qui nomme le fichier, la ligne et la colonne.
"""

from __future__ import annotations

import numpy as np
import pandas as pd
from openfisca_core.indexed_enums import Enum, EnumArray
from openfisca_core.simulations import SimulationBuilder

from openfisca_caqes.erreurs import ErreurPopulation
from openfisca_caqes.population.cellules import JETONS_MANQUANTS, texte_et_vides, valeurs_colonne
from openfisca_caqes.population.lecture import lire_tableau
from openfisca_caqes.population.lecture import refuser_doublons as _refuser_doublons
from openfisca_caqes.population.provenance import Provenance
from openfisca_caqes.population.schema import COLONNES_IDENTITE, associer, schema


def _numero_ligne(serie, position: int) -> int:
    """Numéro de la ligne dans le fichier (porté par l'index) de la position donnée."""
    return int(serie.index[position])


def _colonnes(tableau: pd.DataFrame, nom: str, systeme) -> dict[str, tuple[str, int | None]]:
    """Associe chaque colonne à sa variable et son année ; refuse les colonnes inconnues."""
    _refuser_doublons(tableau.columns, nom)
    colonnes = schema(systeme)
    manquantes = [c for c in COLONNES_IDENTITE if c not in tableau.columns]
    if manquantes:
        raise ErreurPopulation(nom, "colonne obligatoire absente", colonne=manquantes[0])
    if "categorie_etablissement" not in tableau.columns:
        raise ErreurPopulation(nom, "colonne obligatoire absente", colonne="categorie_etablissement")
    associations = {}
    for colonne in tableau.columns:
        if colonne in COLONNES_IDENTITE:
            continue
        texte = str(colonne)
        association = associer(colonnes, texte)
        if association is not None:
            associations[texte] = association
        else:
            raise ErreurPopulation(
                nom,
                "colonne inconnue (voir docs/population.md : variable_AAAA pour une donnée annuelle)",
                colonne=texte,
            )
    return associations


def _identifiants(tableau: pd.DataFrame, nom: str, colonne: str) -> np.ndarray:
    valeurs = tableau[colonne]
    texte, vides = texte_et_vides(valeurs)
    manquants = vides | texte.str.lower().isin(JETONS_MANQUANTS).to_numpy()
    if manquants.any():
        message = {
            "etablissement": "établissement sans identifiant",
            "entite_juridique": "établissement sans entité juridique",
            "region": "établissement sans région",
        }[colonne]
        i = int(np.flatnonzero(manquants)[0])
        if not vides[i]:
            message += f" (valeur manquante « {texte.iloc[i]} »)"
        raise ErreurPopulation(nom, message, ligne=_numero_ligne(valeurs, i), colonne=colonne)
    return texte.to_numpy(dtype=str)


def charger_population(systeme, source, feuille: str | None = None, **options):
    """Lit et valide une population ; rend la simulation prête à calculer.

    `options` : celles de `lire_tableau` (`separateur`, `decimale`, `colonnes`).
    """
    tableau, nom = lire_tableau(source, feuille, **options)
    return construire_simulation(systeme, tableau, nom)


def construire_simulation(systeme, tableau: pd.DataFrame, nom: str = "<DataFrame>"):
    """Construit la simulation OpenFisca d'un tableau validé (une ligne par établissement).

    Toutes les colonnes sont validées avant que la simulation soit construite ; chacune est
    convertie, dès sa validation, dans le type où OpenFisca la stocke (float32, int32, énumération),
    ce que `set_input` ferait : la mémoire ne tient jamais toutes les colonnes en float64.
    """
    associations = _colonnes(tableau, nom, systeme)
    ids = _identifiants(tableau, nom, "etablissement")
    doublons = pd.Series(ids).duplicated()
    if doublons.any():
        i = np.flatnonzero(doublons.to_numpy())[0]
        raise ErreurPopulation(nom, f"identifiant « {ids[i]} » en double", _numero_ligne(tableau, i), "etablissement")
    entites = _identifiants(tableau, nom, "entite_juridique")
    regions = _identifiants(tableau, nom, "region")
    codes_region = schema_region(systeme)
    noms_regions, rang = _distincts(regions)
    inconnues = ~np.isin(noms_regions, codes_region)[rang]
    if inconnues.any():
        i = np.flatnonzero(inconnues)[0]
        raise ErreurPopulation(
            nom, f"région « {regions[i]} » inconnue ; codes admis : {', '.join(codes_region)}", _numero_ligne(tableau, i), "region"
        )
    colonnes = schema(systeme)
    valeurs, a_completer = {}, {}
    for colonne, (variable, _annee) in associations.items():  # les colonnes, pas les établissements
        valeur, vides = valeurs_colonne(tableau[colonne], colonnes[variable], nom, colonne)
        if colonnes[variable].entite != "region":
            valeur = _type_stocke(valeur, systeme.variables[variable])
        valeurs[colonne] = valeur
        if vides is not None and vides.any():
            a_completer[colonne] = vides
    simulation = _simulation(systeme, ids, entites, (noms_regions, rang))
    region = systeme.variables["code_region"].possible_values
    simulation.set_input("code_region", "ETERNITY", _enumeration(region, noms_regions, rang))
    premiere = np.unique(rang, return_index=True)[1]
    for colonne, (variable, annee) in associations.items():
        valeur = valeurs.pop(colonne)
        if colonnes[variable].entite == "region":
            valeur = _valeur_de_region(valeur, premiere, rang, nom, colonne, tableau.index)
        if colonne not in a_completer:
            simulation.set_input(variable, "ETERNITY" if annee is None else str(annee), valeur)
        else:
            valeurs[colonne] = valeur
    for colonne, vides in a_completer.items():  # les ciblages imposés à cellules vides : la règle les complète
        variable, annee = associations[colonne]
        periode = "ETERNITY" if annee is None else str(annee)
        regle = simulation.calculate(variable, periode)
        simulation.set_input(variable, periode, np.where(vides, regle, valeurs.pop(colonne)))
    simulation.provenance = Provenance.du_tableau(nom, tableau, associations)
    return simulation


def _distincts(valeurs: np.ndarray) -> tuple[np.ndarray, np.ndarray]:
    """`np.unique(valeurs, return_inverse=True)`, en triant les seules valeurs distinctes (peu nombreuses)."""
    codes, distinctes = pd.factorize(valeurs)
    triees, rang = np.unique(np.asarray(distinctes, dtype=valeurs.dtype), return_inverse=True)
    return triees, rang[codes]


def _enumeration(enum, noms: np.ndarray, rang: np.ndarray):
    """`enum.encode(noms[rang])` : on encode les noms distincts, puis on projette."""
    return EnumArray(np.asarray(enum.encode(noms))[rang].astype(np.int16), enum)


def _type_stocke(valeur: np.ndarray, variable) -> np.ndarray:
    """La colonne validée dans le type de stockage d'OpenFisca (la conversion de `set_input`)."""
    if variable.value_type is Enum:
        noms, rang = _distincts(valeur)
        return _enumeration(variable.possible_values, noms, rang)
    return valeur if valeur.dtype == variable.dtype else valeur.astype(variable.dtype)


def _valeur_de_region(valeurs, premiere, rang, nom: str, colonne: str, lignes: pd.Index) -> np.ndarray:
    """Une donnée de région est répétée sur chaque ligne de la région : elle doit y être identique."""
    differente = valeurs != valeurs[premiere][rang]
    if differente.any():
        i = np.flatnonzero(differente)[0]
        raise ErreurPopulation(
            nom, f"valeur {valeurs[i]} différente de celle des autres lignes de la même région "
            f"({valeurs[premiere][rang][i]}) : une donnée de région est la même sur chaque ligne",
            int(lignes[i]), colonne,
        )
    return valeurs[premiere]


def schema_region(systeme) -> tuple[str, ...]:
    return tuple(systeme.variables["code_region"].possible_values._member_names_)


def _simulation(systeme, ids: np.ndarray, entites: np.ndarray, regions: tuple[np.ndarray, np.ndarray]):
    """Les populations, sans passer par `declare_person_entity` ni `join_with_persons`.

    Ces deux méthodes d'OpenFisca recopient les identifiants élément par élément
    (openfisca-core#1156) et trient deux fois les groupes ; on pose directement ce qu'elles
    poseraient : identifiants, effectif, rang du groupe de chaque établissement (groupes triés), rôle.
    """
    constructeur = SimulationBuilder()
    constructeur.create_entities(systeme)
    personnes = constructeur.populations["etablissement"]
    personnes.ids = ids
    personnes.count = len(ids)
    constructeur.persons_plural = personnes.entity.plural
    roles = np.zeros(len(ids), dtype=np.int16)
    for cle, (distincts, rang) in (("entite_juridique", np.unique(entites, return_inverse=True)), ("region", regions)):
        groupe = constructeur.populations[cle]
        groupe.ids = distincts
        groupe.count = len(distincts)
        groupe.members_entity_id = rang  # groupes triés : argsort(ids) est l'identité
        groupe.members_role = np.array(groupe.entity.flattened_roles)[roles]
    return constructeur.build(systeme)
