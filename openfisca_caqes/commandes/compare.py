"""`caqes compare` : évaluer chaque régime (et des scénarios) sur les mêmes établissements."""

from __future__ import annotations

import argparse

from openfisca_caqes import ecran
from openfisca_caqes.comparaison import (
    REGIME_EN_VIGUEUR,
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
from openfisca_caqes.options import ajouter_option_tout, annee, reel_fini
from openfisca_caqes.population import lire_tableau
from openfisca_caqes.population.besoins import ajouter_option_completer, exiger_tableau, questions_comparaison
from openfisca_caqes.population.defaut import resoudre
from openfisca_caqes.population.options_lecture import ajouter_options_lecture, options_lecture
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


def ajouter_options_comparaison(parser) -> None:
    """Options partagées avec `caqes report` (noms français, alias anglais ; `dest` inchangés)."""
    ajouter_options_lecture(parser)
    parser.add_argument(
        "--regimes", default=REGIMES_PAR_DEFAUT,
        help=f"régimes séparés par des virgules (défaut : {REGIMES_PAR_DEFAUT}) ; LIBELLÉ=ANNÉE choisit l'année évaluée",
    )
    parser.add_argument(
        "--scenario", nargs="+", default=[], metavar="NOM[@ANNÉE]",
        help="scénarios (nom de reforms/scenarios/ ou fichier YAML), chacun une colonne évaluée "
        "l'année donnée après @ (défaut : la dernière année des régimes)",
    )
    parser.add_argument(
        "--reference", "--baseline", dest="baseline", default=None, metavar="RÉGIME",
        help=f"régime ou scénario de référence des écarts (défaut : le CAQES en vigueur, régime {REGIME_EN_VIGUEUR}, "
        "s'il est comparé ; sinon le premier régime)",
    )
    parser.add_argument(
        "--annee-donnees", type=annee, default=None, metavar="AAAA",
        help="évaluer chaque régime sur les données de cette année (colonnes décalées de L − AAAA)",
    )
    parser.add_argument(
        "--seuil-bande", type=reel_fini, default=SEUIL_BANDE, metavar="TAUX",
        help=f"seuil entre petits et grands gains/pertes, en part des produits AM N-1 (défaut : {SEUIL_BANDE})",
    )
    ajouter_option_completer(parser)


def reference_par_defaut(colonnes) -> str:
    """Le CAQES en vigueur (régime 2025) s'il est comparé, le premier régime sinon."""
    libelles = [colonne.libelle for colonne, _ in colonnes if colonne.scenario is None]
    return REGIME_EN_VIGUEUR if REGIME_EN_VIGUEUR in libelles else colonnes[0][0].libelle


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
    reference = arguments.baseline or reference_par_defaut(colonnes)
    libelles = [colonne.libelle for colonne, _ in colonnes]
    if reference not in libelles:
        raise erreur_utilisateur(f"--reference {reference} : inconnu ; colonnes : {', '.join(libelles)}")
    return colonnes, reference


def calculer(arguments):
    colonnes, reference = preparer_colonnes(arguments)
    tableau, nom = lire_tableau(resoudre(arguments.population), arguments.sheet, **options_lecture(arguments))
    tableau = exiger_tableau(tableau, nom, questions_comparaison(colonnes), arguments.completer_par_defaut)
    return comparer(tableau, colonnes, reference, nom, arguments.seuil_bande), tableau, nom


def executer(arguments) -> int:
    from openfisca_caqes.caisse import vue_caisse
    from openfisca_caqes.rapport import ecrire_classeur

    sortie = verifier_sortie(arguments.output)
    comparaison, tableau, nom = calculer(arguments)
    feuilles = comparaison.feuilles()
    caisse = None
    if arguments.annee_caisse:
        caisse = vue_caisse(tableau, nom, arguments.annee_caisse, systeme_de_base())
        feuilles["Années de caisse"] = caisse
    resume(comparaison, nom, feuilles)
    if caisse is not None:
        ecran.tableau(caisse, "Par année de caisse : ce que paie la région (résultats de l'année évaluée payée)",
                      tout=True)
    if sortie is None:
        details(comparaison, feuilles, arguments.tout)
    if sortie is not None:
        if sortie.suffix.lower() == ".csv":  # en-têtes stables pour les scripts : noms, pas libellés
            ecrire_classeur({"Établissements": comparaison.pour_csv()}, sortie)
        else:
            ecrire_classeur(feuilles, sortie)
        ecran.lignes(["", f"Écrit : {sortie}"])
    return 0


def transition(comparaison, colonne) -> str:
    """Une phrase : le solde total de la référence à la colonne, gagnants, perdants, entrées et sorties du champ."""
    detail = comparaison.detail[comparaison.detail["colonne"] == colonne.libelle]
    reference = comparaison.detail[comparaison.detail["colonne"] == comparaison.reference]
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
