"""`caqes compare` : évaluer chaque régime (et des scénarios) sur les mêmes établissements."""

from __future__ import annotations

import argparse

from openfisca_caqes import ecran
from openfisca_caqes.caisse import vue_caisse
from openfisca_caqes.commandes.communs import ajouter_options_comparaison
from openfisca_caqes.couverture_regionale import VIDE
from openfisca_caqes.options import ajouter_option_tout, annee
from openfisca_caqes.preparation_comparaison import (  # noqa: F401 - noms repris par les tests
    calculer,
    preparer_colonnes,
    reference_par_defaut,
)
from openfisca_caqes.rapport import ecrire_classeur
from openfisca_caqes.sorties import verifier_sortie
from openfisca_caqes.systeme import systeme_de_base

DESCRIPTION = """\
Évalue la loi de chaque régime sur la même population et compare, établissement par
établissement, par catégorie et par région : intéressements, pénalités, solde (intéressements −
pénalités) et écart à la référence ; gagnants et perdants par bande (écart du solde rapporté aux
produits de l'assurance maladie N-1) ; établissements qui entrent dans le champ, en sortent, y
restent. Un régime est évalué sur une année : 2018 → 2019, 2022 → 2022, 2025 → 2025,
2027 → 2027 (LIBELLÉ=ANNÉE pour en choisir une autre). Par défaut, les écarts sont comptés par
rapport au CAQES en vigueur (régime 2025) : la question est ce qui change vers l'IFEP.
L'écran montre d'abord le résumé (totaux par régime, transition), puis des tableaux compacts ;
--tout affiche tout, --sortie écrit tout (l'écran ne montre alors que le résumé).
Voir docs/comparaison.md."""


def declarer(sous) -> None:
    parser = sous.add_parser(
        "compare",
        help="comparer le CAQES en vigueur, l'IFEP, les régimes passés et des scénarios sur une même population",
        description=DESCRIPTION,
        formatter_class=argparse.RawDescriptionHelpFormatter,
    )
    ajouter_options_comparaison(parser)
    parser.add_argument(
        "--annee-caisse", type=annee, nargs="+", default=None, metavar="AAAA",
        help="ajouter la vue par année de caisse : ce que la région paie chaque année donnée (ex. 2027 2028)",
    )
    parser.add_argument("--sortie", "--output", dest="output", metavar="FICHIER",
                        help="fichier de sortie .xlsx (toutes les feuilles) ou .csv (établissements) ; l'écran ne montre que le résumé")
    ajouter_option_tout(parser)
    parser.set_defaults(executer=executer)


def executer(arguments) -> int:
    sortie = verifier_sortie(arguments.output)
    comparaison, tableau, nom = calculer(arguments, seulement_lues=True)
    feuilles = comparaison.feuilles()  # chaque feuille construite à sa première lecture
    caisse = None
    if arguments.annee_caisse:
        caisse = vue_caisse(tableau, nom, arguments.annee_caisse, systeme_de_base())
        feuilles["Années de caisse"] = caisse
    del tableau  # la population lue n'est plus utile : les résultats sont dans la comparaison
    resume(comparaison, nom, feuilles)
    if caisse is not None:
        ecran.tableau(caisse, "Par année de caisse : ce que paie la région (résultats de l'année évaluée payée)",
                      tout=True)
    if sortie is None:
        details(comparaison, feuilles, arguments.tout)
    if sortie is not None:
        if sortie.suffix.lower() == ".csv":  # en-têtes stables pour les scripts : noms, pas libellés
            ecrits = ecrire_classeur({"Établissements": comparaison.pour_csv()}, sortie)
        else:
            ecrits = ecrire_classeur(feuilles, sortie)
        ecran.lignes(["", *(f"Écrit : {chemin}" for chemin in ecrits)])
    return 0


def transition(comparaison, colonne) -> str:
    """Une phrase : le solde total de la référence à la colonne, gagnants, perdants, entrées et sorties du champ."""
    detail = comparaison.bloc(colonne.libelle)
    reference = comparaison.bloc(comparaison.reference)
    avant, apres = int(reference["solde"].to_numpy().sum()), int(detail["solde"].to_numpy().sum())
    ecarts = detail["ecart_solde"].to_numpy()
    mouvements = detail["mouvement_champ"].value_counts()
    return (
        f"De {comparaison.reference} à {colonne.libelle} : solde total {ecran.euros(avant)} → {ecran.euros(apres)} "
        f"(écart {ecran.euros(apres - avant)}) ; {ecran.nombre(int((ecarts > 0).sum()))} gagnants, "
        f"{ecran.nombre(int((ecarts < 0).sum()))} perdants, {ecran.nombre(int((ecarts == 0).sum()))} inchangés ; "
        f"{ecran.nombre(int(mouvements.get('entre', 0)))} entrent dans le champ, "
        f"{ecran.nombre(int(mouvements.get('sort', 0)))} en sortent."
    )


def resume(comparaison, nom: str, feuilles) -> None:
    """Le résumé : population, référence, totaux par régime, la transition vers chaque colonne comparée."""
    ecran.lignes([f"Population : {nom} ({ecran.nombre(len(comparaison.identite))} établissements) ; "
                  f"référence des écarts : {comparaison.reference}"])
    # L'année évaluée est dite ligne à ligne au-dessus ; l'effectif, dans la ligne de la population.
    totaux = feuilles["Totaux"].drop(columns=[c for c in feuilles["Totaux"].columns
                                              if c.startswith("Régions sans") or c in ("Année évaluée", "Établissements")])
    totaux = totaux.rename(columns={"Écart du solde à la référence (€)": f"Écart du solde à {comparaison.reference} (€)"})
    ecran.lignes([f"  {colonne.libelle} : {colonne.description}" for colonne in comparaison.colonnes])
    ecran.tableau(totaux, "Totaux par régime (euros, année évaluée)", tout=True)
    ecran.lignes(["", *(transition(comparaison, colonne) for colonne in comparaison.comparees)])
    for note in comparaison.notes_couverture():
        ecran.lignes([f"Note : {note}"])


def details(comparaison, feuilles, tout: bool) -> None:
    """Les tableaux compacts : par catégorie, par région, gagnants et perdants, champ, établissements."""
    ecran.tableau(comparaison.definitions_champ(), "Régimes comparés", tout=True)
    ecran.tableau(comparaison.totaux_longs("categorie"), "Par catégorie (euros)", tout=tout, lignes_max=30)
    ecran.tableau(comparaison.totaux_longs("region"), "Par région (euros)", tout=tout, lignes_max=30, vide=VIDE)
    if comparaison.comparees:
        bandes = feuilles["Gagnants et perdants"]
        ecran.tableau(bandes[bandes["Établissements"] > 0], "Gagnants et perdants", tout=True)
        ecran.tableau(feuilles["Entrées et sorties"], "Champ : entrées et sorties", tout=True)
    etablissements = _compact(feuilles["Établissements"])
    ecarts = [nom for nom in etablissements.columns if nom.startswith("Écart du solde")]
    if ecarts:  # les plus grands écarts d'abord (la dernière colonne comparée)
        ordre = etablissements[ecarts[-1]].abs().sort_values(ascending=False, kind="stable").index
        etablissements = etablissements.loc[ordre]
    ecran.tableau(
        etablissements, "Par établissement : solde et écart (euros ; plus grands écarts d'abord)",
        tout=tout, total=True, vide=VIDE,
    )


def _compact(tableau):
    """Pour l'écran : l'identité, les soldes et les écarts."""
    garder = [
        nom for nom in tableau.columns
        if not any(nom.startswith(prefixe) for prefixe in ("Intéressements", "Pénalités", "Dans le champ", "Écart /", "Champ ",
                                                             "Entité juridique"))
    ]
    return tableau[garder]
