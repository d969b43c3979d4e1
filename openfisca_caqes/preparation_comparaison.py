"""La question de `caqes compare` et de `caqes report` : les colonnes comparées, la référence, puis lire, vérifier les
besoins et comparer."""

from __future__ import annotations

from openfisca_caqes import systeme
from openfisca_caqes.caisse import colonnes_caisse
from openfisca_caqes.comparaison import (
    REGIME_EN_VIGUEUR,
    Colonne,
    comparer,
    erreur_utilisateur,
    lire_regimes,
    lire_scenario,
    nom_scenario,
    systeme_du_scenario,
)
from openfisca_caqes.population import lire_tableau
from openfisca_caqes.population.besoins import colonnes_lues, exiger_tableau, questions_comparaison
from openfisca_caqes.population.defaut import resoudre
from openfisca_caqes.population.options_lecture import options_lecture


def reference_par_defaut(colonnes) -> str:
    """Le CAQES en vigueur (régime 2025) s'il est comparé, le premier régime sinon."""
    libelles = [colonne.libelle for colonne, _ in colonnes if colonne.scenario is None]
    return REGIME_EN_VIGUEUR if REGIME_EN_VIGUEUR in libelles else colonnes[0][0].libelle


def preparer_colonnes(arguments) -> tuple[list[tuple[Colonne, object]], str]:
    """Les colonnes (régimes puis scénarios) avec leur loi, et la référence ; erreurs avant tout calcul."""
    if not 0 < arguments.seuil_bande < 1:
        raise erreur_utilisateur(f"--seuil-bande {arguments.seuil_bande} : attendu un taux entre 0 et 1 (0,001 = 0,1 %)")
    regimes = lire_regimes(arguments.regimes)
    base = systeme.systeme_de_base()  # lu à l'appel : une loi d'essai peut le remplacer
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


def questions(arguments, colonnes) -> list:
    """Ce que la commande calcule : chaque colonne comparée, et chaque année de caisse demandée (`--annee-caisse`)."""
    demandees = questions_comparaison(colonnes)
    if getattr(arguments, "annee_caisse", None):
        demandees += questions_comparaison(colonnes_caisse(arguments.annee_caisse, systeme.systeme_de_base()), ())
    return demandees


def calculer(arguments, seulement_lues: bool = False):
    """La comparaison demandée, le tableau lu (besoins vérifiés) et son nom ; erreurs de question avant toute lecture.

    `seulement_lues` : ne lire du fichier que les colonnes que la question lit (`besoins.colonnes_lues`) :
    moins de mémoire et de conversions pour un gros fichier ; le tableau rendu n'a alors que ces colonnes.
    """
    colonnes, reference = preparer_colonnes(arguments)
    demandees = questions(arguments, colonnes)
    source, options = resoudre(arguments.population), options_lecture(arguments)
    lues = colonnes_lues(demandees) if seulement_lues else None
    tableau, nom = lire_tableau(source, arguments.sheet, colonnes=lues, **options)
    relire = None if lues is None else (lambda: lire_tableau(source, arguments.sheet, **options)[0])
    tableau = exiger_tableau(tableau, nom, demandees, arguments.completer_par_defaut, relire)
    return comparer(tableau, colonnes, reference, nom, arguments.seuil_bande), tableau, nom
