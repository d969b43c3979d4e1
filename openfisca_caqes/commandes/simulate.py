"""`caqes simulate` : calculer une année évaluée sur une population, établissement par établissement."""

from __future__ import annotations

from datetime import date

import numpy as np
import pandas as pd

from openfisca_caqes import couverture_regionale as cr
from openfisca_caqes import ecran
from openfisca_caqes import lister as listes
from openfisca_caqes.erreurs import ErreurUtilisateur
from openfisca_caqes.libelles import raccourcir
from openfisca_caqes.options import ajouter_option_tout, annee
from openfisca_caqes.population import charger_population
from openfisca_caqes.population.besoins import Question, ajouter_option_completer, exiger
from openfisca_caqes.population.defaut import resoudre
from openfisca_caqes.population.options_lecture import ajouter_options_lecture, options_lecture
from openfisca_caqes.sorties import ecrire, verifier_sortie
from openfisca_caqes.systeme import systeme_de_base
from openfisca_caqes.variables_simulees import (  # noqa: F401 - noms repris par les tests
    ECRAN,
    MONTANTS_SIGNATAIRE,
    PREFIXES_DETAIL,
    REGION,
    indicateurs,
    regime,
    variables_calculees,
    variables_detail,
)


def declarer(sous) -> None:
    parser = sous.add_parser(
        "simulate", help="calculer les montants d'une année, établissement par établissement",
        description="Calcule la loi d'une année évaluée sur une population. L'écran montre d'abord le résumé "
        "(par région : enveloppe, gagné, versé, coefficient, reliquat ; totaux), puis des tableaux compacts ; "
        "--tout affiche tout, --sortie écrit tout (l'écran ne montre alors que le résumé).",
    )
    ajouter_options_lecture(parser)
    parser.add_argument("--annee", "--year", dest="year", type=annee, default=None, metavar="AAAA",
                        help="année évaluée (année de performance) ; obligatoire sauf avec --lister")
    parser.add_argument("--lister", nargs="+", metavar=("QUOI", "MOTIF"), default=None,
                        help="lister les scenarios, les variables ou les parametres (valeur au 1er janvier de --annee), "
                        "filtrés par MOTIF s'il est donné ; puis s'arrêter")
    parser.add_argument("--variables", nargs="+", metavar="NOM", help="variables à calculer (par défaut : celles du régime de l'année)")
    parser.add_argument("--sortie", "--output", dest="output", metavar="FICHIER",
                        help="fichier de sortie .csv (établissements) ou .xlsx (une feuille par tableau) ; "
                        "l'écran ne montre alors que le résumé")
    ajouter_option_tout(parser)
    ajouter_option_completer(parser)
    parser.set_defaults(executer=executer)


def executer(arguments) -> int:
    sortie = verifier_sortie(arguments.output)
    systeme = systeme_de_base()
    if arguments.lister:
        return lister(arguments, systeme)
    if arguments.year is None:
        raise ErreurUtilisateur("--annee obligatoire (l'année évaluée, ex. --annee 2025)")
    choisies = arguments.variables
    inconnues = [nom for nom in choisies or () if nom not in systeme.variables]
    if inconnues:
        raise ErreurUtilisateur(f"variable inconnue : {', '.join(inconnues)}")
    simulation = charger_population(systeme, resoudre(arguments.population), arguments.sheet, **options_lecture(arguments))
    exiger(simulation, [Question.de(choisies or variables_calculees(systeme, arguments.year), arguments.year)],
           arguments.completer_par_defaut)
    periode = str(arguments.year)
    couvertures = couverture_population(simulation, arguments.year)
    signaler = bool(cr.incompletes(couvertures))
    libelles = libelles_enum(systeme)
    if choisies:
        regions = _appartenance(simulation, "region")
        regionales = any(cr.masque_non_modelise(nom, regions, couvertures, systeme) is not None for nom in choisies)
        tableaux = tableaux_resultats(simulation, choisies, periode, couvertures, statut=regionales)
        ecran.lignes([f"Année évaluée {arguments.year} — {len(simulation.populations['etablissement'].ids)} établissements "
                      f"(variables choisies)"])
        if sortie is None:
            for nom, tableau in tableaux.items():
                ecran.tableau(lisible(tableau, systeme, libelles), f"{arguments.year} — {nom}", tout=arguments.tout,
                              total=True, vide=cr.VIDE)
    else:
        tableaux = tableaux_resultats(simulation, ["categorie_etablissement", *variables_detail(systeme, arguments.year)],
                                      periode, couvertures)
        tableaux["regions"] = tableaux_resultats(simulation, REGION[regime(arguments.year)], periode, couvertures)["regions"]
        tableaux["signataires"] = totaux_signataires(simulation, periode, couvertures)
        if regime(arguments.year) == 2022:
            tableaux["indicateurs"] = detail_indicateurs(simulation, periode, couvertures)
        resume(simulation, arguments.year, tableaux, libelles)
        if sortie is None:
            etablissements = tableaux_resultats(simulation, ["categorie_etablissement", *ECRAN[regime(arguments.year)]],
                                                periode, couvertures, statut=signaler)["etablissements"]
            ecran.tableau(lisible(etablissements.drop(columns=["Entité juridique"]), systeme, libelles),
                          f"Année évaluée {arguments.year} — établissements", tout=arguments.tout, total=True, vide=cr.VIDE)
            if "indicateurs" in tableaux:
                ecran.tableau(tableaux["indicateurs"], f"Année évaluée {arguments.year} — intéressement de chaque "
                              "indicateur ciblé", tout=arguments.tout, total=True)
            ecran.tableau(raccourcir(tableaux["signataires"], systeme),
                          f"Année évaluée {arguments.year} — totaux par signataire du contrat", tout=arguments.tout,
                          total=True, vide=cr.VIDE)
    ecran.lignes([f"Note : {note}" for note in cr.notes(couvertures, _libelles_regions(systeme))])
    if sortie is not None:
        excel = sortie.suffix.lower() == ".xlsx"
        ecrits = ecrire({nom: pour_fichier(nom, tableau, systeme, libelles, excel) for nom, tableau in tableaux.items()},
                        sortie)
        ecran.lignes(["", *(f"Écrit : {chemin}" for chemin in ecrits)])
    return 0


def lister(arguments, systeme) -> int:
    """`--lister QUOI [MOTIF]` : le tableau complet à l'écran (ou dans --sortie)."""
    quoi, motif = arguments.lister[0], " ".join(arguments.lister[1:]) or None
    if quoi not in listes.QUOI:
        raise ErreurUtilisateur(f"--lister {quoi} : attendu un de {', '.join(listes.QUOI)}")
    tableau = listes.lister(quoi, systeme, arguments.year or date.today().year, motif)
    ecran.tableau(tableau, f"{quoi.capitalize()} : {len(tableau)}", tout=True)
    if arguments.output:
        ecrire({quoi: tableau}, verifier_sortie(arguments.output))
        ecran.lignes(["", f"Écrit : {arguments.output}"])
    return 0


def resume(simulation, annee_evaluee: int, tableaux: dict[str, pd.DataFrame], libelles) -> None:
    """Le résumé : par région (enveloppe, gagné, versé, coefficient, reliquat, solde), totaux, année de caisse."""
    systeme = simulation.tax_benefit_system
    periode = str(annee_evaluee)
    delai = int(systeme.parameters(periode).calendrier.delai_paiement)
    montants = {nom: simulation.calculate(nom, periode).astype(np.int64) for nom in MONTANTS_SIGNATAIRE}
    ecran.resume(
        f"Année évaluée {annee_evaluee} (versée en {annee_evaluee + delai}, année de caisse) — "
        f"{ecran.nombre(len(simulation.populations['etablissement'].ids))} établissements",
        [(systeme.variables[nom].label.split(" (")[0].split(" :")[0], ecran.euros(int(valeurs.sum())))
         for nom, valeurs in montants.items()],
    )
    regions = lisible(tableaux["regions"], systeme, libelles).rename(columns={"Identifiant": "Région"})
    regions = regions[[nom for nom in regions.columns if nom != cr.COLONNE_STATUT]
                      + [nom for nom in regions.columns if nom == cr.COLONNE_STATUT]]  # le statut en dernier
    ecran.tableau(regions, f"Année évaluée {annee_evaluee} — par région", tout=True,
                  total=len(regions) > 1, vide=cr.VIDE)


def libelles_enum(systeme) -> dict[str, dict[str, str]]:
    """Code → libellé des catégories et des régions (énumérations de la loi)."""
    resultat = {}
    for nom in ("categorie_etablissement", "code_region"):
        if nom in systeme.variables:
            resultat[nom] = {membre.name: membre.value for membre in systeme.variables[nom].possible_values}
    return resultat


def lisible(tableau: pd.DataFrame, systeme, libelles) -> pd.DataFrame:
    """Pour l'écran : en-têtes courts, catégories et régions en libellés (pas en codes)."""
    tableau = tableau.copy()
    categorie = systeme.variables["categorie_etablissement"].label if "categorie_etablissement" in systeme.variables else None
    if categorie in tableau:
        tableau[categorie] = tableau[categorie].map(lambda code: libelles["categorie_etablissement"].get(code, code))
    for colonne in ("Région", "Identifiant") if "Entité juridique" not in tableau and "Région" not in tableau else ("Région",):
        if colonne in tableau and tableau[colonne].isin(list(libelles.get("code_region", {}))).all():
            tableau[colonne] = tableau[colonne].map(libelles["code_region"])
    return raccourcir(tableau, systeme)


IDENTIFIANTS = {"etablissements": "etablissement", "entites_juridiques": "entite_juridique", "regions": "region"}
NOMS_IDENTITE = {"Entité juridique": "entite_juridique", "Région": "region", cr.COLONNE_STATUT: "statut_indicateurs_regionaux"}


def pour_fichier(cle: str, tableau: pd.DataFrame, systeme, libelles, excel: bool) -> pd.DataFrame:
    """Un tableau à écrire : noms de variables en en-têtes (CSV, stables pour les scripts) ou libellés puis
    une deuxième ligne d'en-tête avec les noms (xlsx) ; les libellés des catégories et des régions à côté des codes."""
    par_libelle = {systeme.variables[nom].label: nom for nom in systeme.variables if systeme.variables[nom].label in tableau}
    noms = {colonne: ("identifiant" if colonne == "Identifiant" and cle not in IDENTIFIANTS else IDENTIFIANTS[cle])
            if colonne == "Identifiant" else NOMS_IDENTITE.get(colonne, par_libelle.get(colonne, colonne))
            for colonne in tableau.columns}
    tableau = tableau.copy()
    codes = {"region": libelles.get("code_region", {}), "categorie_etablissement": libelles.get("categorie_etablissement", {})}
    for colonne, nom in list(noms.items()):
        if nom in codes and codes[nom] and tableau[colonne].isin(list(codes[nom])).all():
            texte = "Libellé de la région" if nom == "region" else "Libellé de la catégorie"
            tableau.insert(list(tableau.columns).index(colonne) + 1, texte, tableau[colonne].map(codes[nom]))
            noms[texte] = f"{nom}_libelle"
    if not excel:
        return tableau.rename(columns=noms)
    if all(noms[colonne] == colonne for colonne in tableau.columns):  # aucun nom de variable : un seul en-tête
        return tableau
    ligne_noms = pd.DataFrame([[noms[colonne] for colonne in tableau.columns]], columns=tableau.columns)
    return pd.concat([ligne_noms, tableau.astype(object)], ignore_index=True)


def _libelles_regions(systeme) -> dict[str, str]:
    variable = systeme.variables.get("code_region")
    return {membre.name: membre.value for membre in variable.possible_values} if variable is not None else {}


def couverture_population(simulation, annee: int) -> dict[str, cr.Couverture]:
    """La couverture des indicateurs régionaux pour chaque région de la population (vide hors 2022-2026)."""
    return cr.couverture(simulation.tax_benefit_system, annee, simulation.populations["region"].ids)


def _appartenance(simulation, cle: str) -> np.ndarray:
    groupe = simulation.populations[cle]
    return groupe.ids[groupe.members_entity_id]


def tableaux_resultats(simulation, noms: list[str], periode: str, couvertures=None, statut: bool = True) -> dict[str, pd.DataFrame]:
    """Un tableau par entité : les valeurs des variables, avec leurs libellés en français.

    Avec `couvertures` (voir `openfisca_caqes.couverture_regionale`), une valeur régionale d'une
    région où l'indicateur n'est pas encodé est laissée vide, et une colonne de statut le dit.
    """
    systeme = simulation.tax_benefit_system
    couvertures = couvertures or {}
    regions = {"etablissement": _appartenance(simulation, "region"), "region": simulation.populations["region"].ids}
    par_entite: dict[str, dict[str, np.ndarray]] = {}
    for nom in noms:
        variable = systeme.variables[nom]
        valeurs = simulation.calculate(nom, periode)  # une variable permanente se lit aussi à l'année
        if variable.value_type.__name__ == "Enum":
            valeurs = valeurs.decode_to_str()
        cle = variable.entity.key
        if cle in regions:
            valeurs = cr.vider(valeurs, cr.masque_non_modelise(nom, regions[cle], couvertures, systeme))
        par_entite.setdefault(cle, {})[variable.label or nom] = valeurs
    tableaux: dict[str, pd.DataFrame] = {}
    for cle in ("etablissement", "entite_juridique", "region"):
        if cle not in par_entite:
            continue
        population = simulation.populations[cle]
        identite = {"Identifiant": population.ids}
        if cle == "etablissement":
            identite["Entité juridique"] = _appartenance(simulation, "entite_juridique")
            identite["Région"] = regions["etablissement"]
        if couvertures and statut and cle in regions:
            identite[cr.COLONNE_STATUT] = cr.statuts(regions[cle], couvertures)
        tableaux[population.entity.plural] = pd.DataFrame({**identite, **par_entite[cle]})
    return tableaux


def detail_indicateurs(simulation, periode: str, couvertures=None) -> pd.DataFrame:
    """Une ligne par établissement et indicateur ciblé : l'intéressement gagné (avant enveloppe pour le régional).

    Un indicateur régional n'a de ligne que là où il est encodé (un ciblage non modélisé n'est pas un ciblage).
    """
    systeme = simulation.tax_benefit_system
    ids = simulation.populations["etablissement"].ids
    regions = _appartenance(simulation, "region")
    morceaux = []
    for indicateur, portee, variable in indicateurs(systeme):  # une vingtaine d'indicateurs
        cible = simulation.calculate(f"ciblage_{indicateur}", periode)
        masque = cr.masque_non_modelise(variable, regions, couvertures or {}, systeme)
        if masque is not None:
            cible = cible & ~masque
        morceaux.append(pd.DataFrame({
            "Établissement": ids[cible], "Indicateur": indicateur, "Portée": portee,
            "Intéressement gagné €": simulation.calculate(variable, periode)[cible].astype(np.int64),
        }))
    return pd.concat(morceaux, ignore_index=True).sort_values(["Établissement", "Portée", "Indicateur"], kind="stable")


def totaux_signataires(simulation, periode: str, couvertures=None) -> pd.DataFrame:
    """Totaux par signataire : l'entité juridique pour un public ou un ESPIC, le site pour un privé.

    Avec une région aux indicateurs régionaux non (ou partiellement) encodés, une colonne de statut
    dit quels totaux n'incluent pas (tout) l'intéressement régional.
    """
    systeme = simulation.tax_benefit_system
    par_ej = simulation.calculate("contrat_signe_par_entite_juridique", periode)
    sites = simulation.populations["etablissement"].ids
    tableau = pd.DataFrame({
        "Signataire": np.where(par_ej, _appartenance(simulation, "entite_juridique"), sites),
        "Signe pour": np.where(par_ej, "entité juridique", "site"),
        "Sites": 1,
        **{systeme.variables[nom].label: simulation.calculate(nom, periode).astype(np.int64) for nom in MONTANTS_SIGNATAIRE},
    })
    cles = ["Signataire", "Signe pour"]
    totaux = tableau.groupby(cles, sort=True, as_index=False).sum()
    if couvertures:
        textes = cr.statuts(_appartenance(simulation, "region"), couvertures)
        rang = pd.Series(textes).map(lambda texte: cr.RANG_STATUT.get(texte.split(" (")[0], 0))
        pire = tableau[cles].assign(rang=rang.to_numpy(), texte=textes).sort_values("rang", kind="stable")
        pire = pire.groupby(cles, sort=True, as_index=False).last()[[*cles, "texte"]]
        totaux = totaux.merge(pire.rename(columns={"texte": cr.COLONNE_STATUT}), on=cles, how="left")
    solde = systeme.variables["solde_financier"].label
    return totaux.sort_values(solde, ascending=False, kind="stable").reset_index(drop=True)
