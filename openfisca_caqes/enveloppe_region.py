"""L'enveloppe régionale d'une région : la simulation de ses établissements, leur intéressement régional gagné
(centre des tirages), le contexte de la loi et le tableau des hypothèses ; partagé par `caqes envelope` et `caqes report`."""

from __future__ import annotations

import math

import numpy as np
import pandas as pd

from openfisca_caqes import couverture_regionale as cr
from openfisca_caqes.comparaison import erreur_utilisateur, identite, libelles
from openfisca_caqes.population import construire_simulation
from openfisca_caqes.population.besoins import Question, exiger
from openfisca_caqes.simulation_enveloppe import ResultatEnveloppe, annees, regles_enveloppe

ANNEE_PAR_DEFAUT = 2025  # dernière évaluation décrite par les seeds (seed 002 : évaluation 2025, payée en 2026)
VARIABLE_GAGNE = "interessement_regional"


def lire_montant(texte: str) -> int:
    """Le montant en euros d'un texte (espaces, €, virgule admis), arrondi à l'euro inférieur ; refusé s'il n'en est pas un."""
    nettoye = str(texte).replace(" ", "").replace("\u202f", "").replace("_", "").replace("€", "").replace(",", ".")
    try:
        valeur = float(nettoye)
    except ValueError:
        raise erreur_utilisateur(f"--montant {texte} : montant en euros attendu (ex. 3500000)") from None
    if not math.isfinite(valeur) or valeur < 0:
        raise erreur_utilisateur(f"--montant {texte} : le montant doit être un nombre positif d'euros")
    return int(math.floor(valeur))


def preparer(arguments, tableau: pd.DataFrame, nom: str, systeme, montant: int | None = None):
    """La simulation de la région, ses établissements et leur intéressement régional gagné (le centre).

    Avec `montant`, l'enveloppe de la région est ce montant pour tout le calcul de la loi (valeur du
    point comprise), comme une enveloppe donnée dans le fichier ; sinon, celle du fichier.
    """
    if arguments.year is None and arguments.annee_caisse is None:
        arguments.year = ANNEE_PAR_DEFAUT
    try:
        annee_performance, annee_caisse = annees(systeme, arguments.year, arguments.annee_caisse)
    except Exception as erreur:  # année hors du calendrier de la loi
        raise erreur_utilisateur(f"année hors du calendrier de paiement de la loi : {erreur}") from None
    regions = tableau["region"].astype(str).str.strip()
    dans_region = (regions == arguments.region).to_numpy()
    if not dans_region.any():
        presentes = ", ".join(sorted(regions.unique()))
        raise erreur_utilisateur(f"aucun établissement de la région « {arguments.region} » dans {nom} (régions : {presentes})")
    couverture = cr.couverture(systeme, annee_performance, [arguments.region]).get(arguments.region)
    if couverture is not None and couverture.statut == cr.STATUT_ABSENT:
        raise erreur_utilisateur(
            f"indicateurs régionaux non modélisés pour {_nom_region(systeme, arguments.region)} en {annee_performance} : "
            "son intéressement régional n'est pas calculé (aucune règle régionale encodée), l'enveloppe ne peut pas "
            "être simulée ; régions encodées : " + ", ".join(_regions_encodees(systeme, annee_performance))
        )
    sous_tableau = tableau[dans_region].reset_index(drop=True)
    simulation = construire_simulation(systeme, sous_tableau, nom)
    exiger(simulation, [Question.de([VARIABLE_GAGNE], annee_performance)], getattr(arguments, "completer_par_defaut", False))
    if VARIABLE_GAGNE not in systeme.variables:
        raise erreur_utilisateur(f"la loi ne définit pas encore « {VARIABLE_GAGNE} » (intéressement régional gagné)")
    enveloppe_fichier = _enveloppe_population(simulation, annee_performance)
    if montant is not None:
        simulation.set_input("enveloppe_regionale", str(annee_performance), np.array([montant], dtype=np.int64))
    try:
        centre = simulation.calculate(VARIABLE_GAGNE, str(annee_performance)).astype(np.float64)
        plafond, integrale = regles_enveloppe(systeme, annee_performance)
    except Exception as erreur:  # la loi de l'année n'a pas d'enveloppe régionale (avant 2022, après 2026)
        raise erreur_utilisateur(
            f"année de performance {annee_performance} : pas d'enveloppe régionale dans la loi ({erreur})"
        ) from None
    if not centre.any():
        conseil = ""
        if annee_performance >= 2027:
            conseil = (
                " ; le CAQES est abrogé au 1er janvier 2027 et 2026 est sa dernière année évaluée : "
                "l'enveloppe payée en 2027 (--annee-caisse 2027) porte sur les résultats 2026"
            )
        partiel = avertissement_couverture({"couverture": couverture}, systeme)
        conseil += f" ; {partiel}" if partiel else ""
        raise erreur_utilisateur(
            f"aucun intéressement régional gagné en {annee_performance} dans la région {arguments.region}{conseil}"
        )
    contexte = {
        "annee_performance": annee_performance,
        "annee_caisse": annee_caisse,
        "plafond_part_enveloppe": plafond,
        "repartition_integrale": integrale,
        "enveloppe_population": enveloppe_fichier,
        "couverture": couverture,
        **_lecture_nationaux(simulation, systeme, annee_performance),
    }
    return identite(sous_tableau), centre, contexte


def _nom_region(systeme, code: str) -> str:
    return libelles(systeme).get("region", {}).get(code, code)


def _regions_encodees(systeme, annee: int) -> list[str]:
    couvertures = cr.couverture(systeme, annee, cr.codes_regions(systeme))
    return [_nom_region(systeme, r) for r, c in couvertures.items() if c.statut != cr.STATUT_ABSENT]


def avertissement_couverture(contexte: dict, systeme) -> str | None:
    """Une phrase si la région n'a qu'une partie de ses indicateurs régionaux encodés (tirages partiels)."""
    couverture = contexte.get("couverture")
    if couverture is None or couverture.statut != cr.STATUT_PARTIEL:
        return None
    manquants = sorted(set(couverture.connus) - set(couverture.modelises))
    return (
        f"indicateurs régionaux partiellement modélisés pour {_nom_region(systeme, couverture.region)} en "
        f"{couverture.annee} : les tirages ne portent que sur {', '.join(couverture.modelises)} ; non modélisés "
        f"(comptés 0, pas calculés) : {', '.join(manquants)}"
    )


def _enveloppe_population(simulation, annee: int) -> int | None:
    try:
        return int(simulation.calculate("enveloppe_regionale", str(annee))[0])
    except Exception:  # la population ne porte pas d'enveloppe
        return None


def _lecture_nationaux(simulation, systeme, annee: int) -> dict:
    """Intéressements nationaux de la région et lecture en vigueur de leur financement (dans l'enveloppe ou à part)."""
    regles = systeme.parameters(f"{annee}-01-01").caqes.enveloppe_regionale
    dans = bool(regles.interessement_national_dans_enveloppe) if "interessement_national_dans_enveloppe" in regles else False
    return {"nationaux": int(simulation.calculate("interessement_national_region", str(annee)).sum()), "nationaux_dans_enveloppe": dans}


def lecture_nationaux(contexte: dict, montant: int) -> tuple[int, str]:
    """Le montant ouvert aux régionaux selon la lecture en vigueur, et la ligne qui nomme les deux lectures."""
    dans, hors = max(montant - contexte["nationaux"], 0), montant
    retenu, autre = (dans, hors) if contexte["nationaux_dans_enveloppe"] else (hors, dans)
    lecture = "payés dans l'enveloppe" if contexte["nationaux_dans_enveloppe"] else "financés hors de l'enveloppe"
    euros = lambda valeur: f"{valeur:,} €".replace(",", " ")  # noqa: E731
    ligne = (f"Intéressements nationaux de la région ({euros(contexte['nationaux'])}) {lecture} (lecture en vigueur, "
             f"caqes.enveloppe_regionale.interessement_national_dans_enveloppe) : {euros(retenu)} pour les régionaux ; "
             f"autre lecture : {euros(autre)}.")
    return retenu, ligne


def _texte_couverture(couverture) -> str:
    if couverture is None:
        return "sans objet"
    return f"{couverture.texte} : {', '.join(couverture.modelises) or 'aucun'}"


def modele(resultat: ResultatEnveloppe, contexte: dict, arguments) -> pd.DataFrame:
    """Les hypothèses du calcul, en clair."""
    return pd.DataFrame(
        [
            ("Région", arguments.region),
            ("Année de performance (évaluée)", contexte["annee_performance"]),
            ("Année de caisse (paiement)", contexte["annee_caisse"]),
            ("Enveloppe ouverte aux régionaux (€)", resultat.montant),
            ("Financement des intéressements nationaux", contexte.get("ligne_nationaux", "")),
            ("Tirages", resultat.tirages),
            ("Graine", resultat.graine),
            ("Centre des tirages", "intéressement régional gagné calculé par la loi sur les données de l'année"),
            ("Aléa propre (σ lognormal, espérance 1)", resultat.dispersion),
            ("Choc commun à la région (σ lognormal, espérance 1)", resultat.dispersion_commune),
            ("Plafond par établissement (part de l'enveloppe)", contexte["plafond_part_enveloppe"]),
            ("Répartition intégrale de l'enveloppe", "oui" if contexte["repartition_integrale"] else "non"),
            ("Loi", arguments.scenario or "référence"),
            ("Indicateurs régionaux de la région", _texte_couverture(contexte.get("couverture"))),
        ],
        columns=["Hypothèse", "Valeur"],
    )
