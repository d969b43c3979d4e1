"""`caqes report` : une page HTML (graphiques), un classeur Excel et l'enregistrement de l'exécution."""

from __future__ import annotations

import argparse
from pathlib import Path
from types import SimpleNamespace

import openfisca_caqes.systeme as systemes  # `systemes.systeme_de_base` lu à l'appel : les tests y substituent une loi d'essai
from openfisca_caqes.balayage.section import section_balayage
from openfisca_caqes.caisse import vue_caisse
from openfisca_caqes.commandes.communs import ajouter_options_comparaison
from openfisca_caqes.comparaison import erreur_utilisateur, libelles
from openfisca_caqes.enveloppe_region import ANNEE_PAR_DEFAUT, lecture_nationaux, lire_montant, modele, preparer
from openfisca_caqes.options import annee, graine
from openfisca_caqes.preparation_comparaison import calculer
from openfisca_caqes.rapport import Enveloppe, construire, ecrire_rapport, enregistrement, options_commande
from openfisca_caqes.rapport.execution import fichier_entree
from openfisca_caqes.simulation_enveloppe import DISPERSION_COMMUNE, DISPERSION_ETABLISSEMENT, simuler
from openfisca_caqes.sorties import verifier_dossier

DOSSIER_PAR_DEFAUT = "sorties"
TIRAGES_RAPPORT = 500

DESCRIPTION = """\
Compare les régimes (comme `caqes compare`) et simule l'enveloppe régionale (comme `caqes
envelope`), puis écrit dans le dossier de sortie : rapport_caqes.html (page autonome, graphiques
intégrés : distribution des soldes par régime, gagnants et perdants, usage de l'enveloppe,
pénalité IFEP face à son plafond, et avec --balayage la section du balayage des modalités IFEP),
rapport_caqes.xlsx (une feuille par régime, une synthèse, filtres et en-têtes figés,
l'enregistrement de l'exécution ; une feuille de plus de 50 000 lignes part en CSV à côté) et
rapport_caqes_execution.json (JSON canonique : version, git describe, noms relatifs et sha256
de la population, des scénarios, de la loi, des réformes et du moteur)."""


def declarer(sous) -> None:
    parser = sous.add_parser(
        "report",
        help="écrire le rapport : page HTML avec graphiques, classeur Excel, enregistrement JSON",
        description=DESCRIPTION,
        formatter_class=argparse.RawDescriptionHelpFormatter,
    )
    ajouter_options_comparaison(parser)
    parser.add_argument(
        "--dossier-sortie", "--output-dir", dest="dossier_sortie", default=DOSSIER_PAR_DEFAUT, metavar="DOSSIER",
        help=f"dossier des fichiers du rapport (défaut : {DOSSIER_PAR_DEFAUT}, créé s'il manque)",
    )
    parser.add_argument("--region", default=None, help="région de l'enveloppe simulée (défaut : celle qui a le plus d'établissements)")
    parser.add_argument("--montant", "--amount", dest="montant", default=None, metavar="EUROS",
                        help="enveloppe en euros (défaut : celle que porte la population)")
    parser.add_argument(
        "--annee-enveloppe", type=annee, default=None, metavar="AAAA",
        help="année de performance de l'enveloppe (défaut : la dernière année CAQES des régimes comparés)",
    )
    parser.add_argument("--tirages", "--draws", dest="tirages", type=int, default=TIRAGES_RAPPORT, metavar="N",
                        help=f"tirages de l'enveloppe (défaut : {TIRAGES_RAPPORT})")
    parser.add_argument("--graine", "--seed", dest="graine", type=graine, default=0, metavar="N", help="graine des tirages (défaut : 0)")
    parser.add_argument(
        "--annee-caisse", type=annee, nargs="+", default=None, metavar="AAAA",
        help="ajouter la vue par année de caisse : ce que paie la région ces années (ex. 2027 2028)",
    )
    parser.add_argument(
        "--balayage", default=None, metavar="FICHIER",
        help="résultat de `caqes balayage` (parquet ou CSV) : ajoute la section « Balayage des modalités non publiées »",
    )
    parser.set_defaults(executer=executer)


def _dossier(chemin: str) -> Path:
    """Le dossier de sortie, vérifié avant tout calcul (créable, inscriptible) ; créé, parents compris, à l'écriture."""
    return verifier_dossier(Path(chemin), "--dossier-sortie")


def annee_enveloppe(comparaison, demandee: int | None) -> int:
    if demandee is not None:
        return demandee
    annees = [  # l'enveloppe est simulée avec la loi de référence : ses colonnes seulement
        e.colonne.annee for e in comparaison.evaluations
        if e.colonne.scenario is None and e.colonne.decalage == 0
        and "interessement_regional" in e.valeurs and e.valeurs["interessement_regional"].any()
    ]
    return max(annees, default=ANNEE_PAR_DEFAUT)


def enveloppe(arguments, comparaison, tableau, nom, systeme):
    """La partie enveloppe du rapport ; une explication plutôt qu'un échec si elle n'a pas de sens."""

    regions = comparaison.identite["region"]
    region = arguments.region or regions.value_counts().idxmax()
    options = SimpleNamespace(
        region=region, year=annee_enveloppe(comparaison, arguments.annee_enveloppe), annee_caisse=None,
    )
    if region not in set(regions):
        raise erreur_utilisateur(f"--region {region} : aucun établissement de cette région dans la population")
    montant_demande = lire_montant(arguments.montant) if arguments.montant is not None else None
    try:  # --montant fixe l'enveloppe de tout le calcul (valeur du point comprise), comme dans `caqes envelope`
        etablissements, centre, contexte = preparer(options, tableau, nom, systeme, montant=montant_demande)
    except Exception as erreur:  # noqa: BLE001 - le rapport reste utile sans l'enveloppe
        if arguments.region is not None or arguments.montant is not None or arguments.annee_enveloppe is not None:
            raise
        return Enveloppe(region, absence=f"Enveloppe non simulée : {erreur}")
    if montant_demande is not None:
        montant = montant_demande
    elif contexte["enveloppe_population"]:
        montant = contexte["enveloppe_population"]
    else:
        return Enveloppe(
            region, absence=f"Enveloppe non simulée : la population ne porte pas d'enveloppe pour {region} en "
            f"{contexte['annee_performance']} ; donnez-la avec --montant."
        )
    montant, contexte["ligne_nationaux"] = lecture_nationaux(contexte, montant)  # les deux lectures, dans « modele »
    resultat = simuler(
        centre, montant, arguments.tirages, arguments.graine, DISPERSION_ETABLISSEMENT, DISPERSION_COMMUNE,
        contexte["plafond_part_enveloppe"], contexte["repartition_integrale"],
    )
    noms = libelles(systeme)
    lisibles = etablissements.assign(
        categorie=etablissements["categorie"].map(lambda c: noms.get("categorie", {}).get(c, c)),
        region=etablissements["region"].map(lambda c: noms.get("region", {}).get(c, c)),
    ).rename(columns={"etablissement": "Établissement", "entite_juridique": "Entité juridique",
                      "region": "Région", "categorie": "Catégorie"})
    options.scenario = None
    return Enveloppe(
        region, contexte["annee_performance"], contexte["annee_caisse"], resultat,
        resultat.par_etablissement(lisibles), modele(resultat, contexte, options),
    )


def _section_balayage(chemin: str | None) -> str | None:
    """Le fragment HTML d'un résultat de `caqes balayage` ; ErreurUtilisateur si le fichier n'en est pas un."""
    if chemin is None:
        return None

    return section_balayage(chemin)


def executer(arguments) -> int:
    dossier = _dossier(arguments.dossier_sortie)
    if arguments.tirages < 1:
        raise erreur_utilisateur(f"--tirages {arguments.tirages} : au moins un tirage")
    if arguments.montant is not None:
        lire_montant(arguments.montant)  # refusé avant tout calcul
    balayage = _section_balayage(arguments.balayage)  # un fichier qui n'est pas un balayage : refusé avant tout calcul
    comparaison, tableau, nom = calculer(arguments)
    partie_enveloppe = enveloppe(arguments, comparaison, tableau, nom, systemes.systeme_de_base())
    record = enregistrement(
        {"commande": "report", **options_commande(arguments)},
        nom,
        len(comparaison.identite),
        comparaison.colonnes,
        comparaison.reference,
        seuil_bande=comparaison.seuil,
        annee_donnees=arguments.annee_donnees,
        enveloppe={
            "region": partie_enveloppe.region,
            "annee_performance": partie_enveloppe.annee_performance,
            "annee_caisse": partie_enveloppe.annee_caisse,
            "montant": getattr(partie_enveloppe.resultat, "montant", None),
            "tirages": arguments.tirages,
            "graine": arguments.graine,
            "absence": partie_enveloppe.absence,
        },
        balayage=fichier_entree(arguments.balayage) if arguments.balayage else None,
    )
    caisse = vue_caisse(tableau, nom, arguments.annee_caisse, systemes.systeme_de_base()) if arguments.annee_caisse else None
    page, feuilles = construire(comparaison, partie_enveloppe, record, balayage, caisse)
    try:
        dossier.mkdir(parents=True, exist_ok=True)
    except OSError as erreur:
        raise erreur_utilisateur(f"--dossier-sortie {dossier} : création impossible ({erreur.strerror or erreur})") from None
    for chemin in ecrire_rapport(dossier, page, feuilles, record):
        print(f"Écrit : {chemin}")
    return 0
