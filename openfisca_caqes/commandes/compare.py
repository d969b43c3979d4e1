"""`caqes compare` : évaluer chaque régime (et des scénarios) sur les mêmes établissements."""

from __future__ import annotations

import argparse

from openfisca_caqes.comparaison import (
    REGIMES_PAR_DEFAUT,
    SEUIL_BANDE,
    Colonne,
    comparer,
    erreur_utilisateur,
    lire_regimes,
    lire_scenario,
    nom_scenario,
    systeme_du_scenario,
)
from openfisca_caqes.couverture_regionale import VIDE
from openfisca_caqes.options import annee, reel_fini
from openfisca_caqes.population import lire_tableau
from openfisca_caqes.population.besoins import ajouter_option_completer, exiger_tableau, questions_comparaison
from openfisca_caqes.population.defaut import resoudre
from openfisca_caqes.sorties import afficher, verifier_sortie
from openfisca_caqes.systeme import systeme_de_base

DESCRIPTION = """\
Évalue la loi de chaque régime sur la même population et compare, établissement par
établissement, par catégorie et par région : intéressements, pénalités, solde (intéressements −
pénalités) et écart à la référence ; gagnants et perdants par bande (écart du solde rapporté aux
produits de l'assurance maladie N-1) ; établissements qui entrent dans le champ, en sortent, y
restent. Un régime est évalué sur une année : 2018 → 2019, 2022 → 2022, 2025 → 2025,
2027 → 2027 (LIBELLÉ=ANNÉE pour en choisir une autre). Voir docs/comparaison.md."""


def declarer(sous) -> None:
    parser = sous.add_parser(
        "compare",
        help="comparer les régimes 2018, 2022, 2025, 2027 et des scénarios sur une même population",
        description=DESCRIPTION,
        formatter_class=argparse.RawDescriptionHelpFormatter,
    )
    ajouter_options_comparaison(parser)
    parser.add_argument("--output", help="fichier de sortie .xlsx (toutes les feuilles) ou .csv (établissements)")
    parser.set_defaults(executer=executer)


def ajouter_options_comparaison(parser) -> None:
    """Options partagées avec `caqes report`."""
    parser.add_argument("--population", default="default", help="fichier CSV/XLSX, ou `default` (Occitanie synthétique)")
    parser.add_argument("--sheet", default=None, help="feuille du classeur Excel (la première par défaut)")
    parser.add_argument(
        "--regimes", default=REGIMES_PAR_DEFAUT,
        help=f"régimes séparés par des virgules (défaut : {REGIMES_PAR_DEFAUT}) ; LIBELLÉ=ANNÉE choisit l'année évaluée",
    )
    parser.add_argument(
        "--scenario", nargs="+", default=[], metavar="NOM[@ANNÉE]",
        help="scénarios (nom de reforms/scenarios/ ou fichier YAML), chacun une colonne évaluée "
        "l'année donnée après @ (défaut : la dernière année des régimes)",
    )
    parser.add_argument("--baseline", default=None, help="régime ou scénario de référence des écarts (défaut : le premier régime)")
    parser.add_argument(
        "--annee-donnees", type=annee, default=None, metavar="AAAA",
        help="évaluer chaque régime sur les données de cette année (colonnes décalées de L − AAAA)",
    )
    parser.add_argument(
        "--seuil-bande", type=reel_fini, default=SEUIL_BANDE, metavar="TAUX",
        help=f"seuil entre petits et grands gains/pertes, en part des produits AM N-1 (défaut : {SEUIL_BANDE})",
    )
    ajouter_option_completer(parser)


def preparer_colonnes(arguments) -> tuple[list[tuple[Colonne, object]], str]:
    """Les colonnes (régimes puis scénarios) avec leur loi, et la référence ; erreurs avant tout calcul."""
    if not 0 < arguments.seuil_bande < 1:
        raise erreur_utilisateur(f"--seuil-bande {arguments.seuil_bande} : attendu un taux entre 0 et 1 (0,001 = 0,1 %)")
    regimes = lire_regimes(arguments.regimes)
    base = systeme_de_base()
    donnees = arguments.annee_donnees

    def decalage(annee: int) -> int:
        return 0 if donnees is None else annee - donnees

    colonnes = [(Colonne(libelle, annee, None, decalage(annee)), base) for libelle, annee in regimes]
    annee_defaut = max(annee for _, annee in regimes)
    for texte in arguments.scenario:
        nom, annee = lire_scenario(texte, annee_defaut)
        libelle = nom_scenario(nom)
        if libelle in {colonne.libelle for colonne, _ in colonnes}:
            raise erreur_utilisateur(f"colonne « {libelle} » demandée deux fois")
        colonnes.append((Colonne(libelle, annee, nom, decalage(annee)), systeme_du_scenario(nom)))
    reference = arguments.baseline or colonnes[0][0].libelle
    libelles = [colonne.libelle for colonne, _ in colonnes]
    if reference not in libelles:
        raise erreur_utilisateur(f"--baseline {reference} : inconnu ; colonnes : {', '.join(libelles)}")
    return colonnes, reference


def calculer(arguments):
    colonnes, reference = preparer_colonnes(arguments)
    tableau, nom = lire_tableau(resoudre(arguments.population), arguments.sheet)
    tableau = exiger_tableau(tableau, nom, questions_comparaison(colonnes), arguments.completer_par_defaut)
    return comparer(tableau, colonnes, reference, nom, arguments.seuil_bande), tableau, nom


def executer(arguments) -> int:
    from openfisca_caqes.rapport import ecrire_classeur

    sortie = verifier_sortie(arguments.output)
    comparaison, _, nom = calculer(arguments)
    print(f"Population : {nom} ({len(comparaison.identite)} établissements) ; référence : {comparaison.reference}")
    afficher(comparaison.definitions_champ(), "Régimes comparés")
    feuilles = comparaison.feuilles()
    afficher(feuilles["Totaux"], "Totaux (euros)")
    afficher(comparaison.totaux_longs("categorie"), "Par catégorie (euros)")
    afficher(comparaison.totaux_longs("region"), "Par région (euros)")
    for note in comparaison.notes_couverture():
        print(f"\nNote : {note}")
    if comparaison.comparees:
        bandes = feuilles["Gagnants et perdants"]
        afficher(bandes[bandes["Établissements"] > 0], "Gagnants et perdants")
        afficher(feuilles["Entrées et sorties"], "Champ : entrées et sorties")
    afficher(
        _compact(feuilles["Établissements"]),
        "Par établissement : solde et écart (euros ; intéressements et pénalités de chaque établissement : --output)",
        vide=VIDE,
    )
    if sortie is not None:
        if sortie.suffix.lower() == ".csv":
            ecrire_classeur({"Établissements": feuilles["Établissements"]}, sortie)
        else:
            ecrire_classeur(feuilles, sortie)
        print(f"\nÉcrit : {sortie}")
    return 0


def _compact(tableau):
    """Pour l'écran : l'identité, les soldes et les écarts."""
    garder = [
        nom for nom in tableau.columns
        if not any(nom.startswith(prefixe) for prefixe in ("Intéressements", "Pénalités", "Dans le champ", "Écart /", "Champ "))
    ]
    return tableau[garder]
