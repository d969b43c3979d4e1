"""Le rapport complet : sections de la page, feuilles du classeur, et leur écriture ensemble
(fichiers temporaires du dossier de sortie renommés d'un coup à la fin : aucun fichier partiel)."""

from __future__ import annotations

from dataclasses import dataclass
from pathlib import Path

import numpy as np
import pandas as pd
from markupsafe import Markup

from openfisca_caqes.rapport.execution import feuille_enregistrement, json_canonique
from openfisca_caqes.rapport.formats import euros_court, part
from openfisca_caqes.rapport.graphiques import (
    SEUIL_LINEAIRE,
    graphique_enveloppe,
    graphique_gagnants,
    graphique_ifep,
    graphique_soldes,
    png,
)
from openfisca_caqes.rapport.page import Section, image_html, note, page_html, table_html, texte_cellule
from openfisca_caqes.sorties import ecrire_csv, fichiers_atomiques, remplir_xlsx, separer_longues

NOM_HTML = "rapport_caqes.html"
NOM_CLASSEUR = "rapport_caqes.xlsx"
NOM_ENREGISTREMENT = "rapport_caqes_execution.json"
PREFIXE_CSV = "rapport_caqes"  # rapport_caqes_<feuille>.csv : les feuilles trop longues pour le classeur
TITRE = "CAQES et IFEP : ce que chaque régime verse ou reprend"


@dataclass
class Enveloppe:
    """La partie « enveloppe régionale » du rapport : un résultat de tirages, ou la raison de son absence."""

    region: str
    annee_performance: int | None = None
    annee_caisse: int | None = None
    resultat: object | None = None
    par_etablissement: pd.DataFrame | None = None
    modele: pd.DataFrame | None = None
    absence: str | None = None


def _titre_regime(colonne) -> str:
    return f"Scénario {colonne.libelle}" if colonne.scenario else f"Régime {colonne.libelle}"


def lisez_moi(comparaison, enveloppe: Enveloppe) -> pd.DataFrame:
    """La feuille qui explique le classeur, rubrique par rubrique."""
    lignes = [
        ("À quoi sert ce classeur", "Ce que chaque régime du CAQES (2018, 2022, 2025) et l'IFEP (2027) versent ou reprennent "
         "aux mêmes établissements, calculé par openfisca-caqes. Chaque montant est en euros entiers."),
        ("Année évaluée", "Chaque régime est calculé pour une année de performance ; il est payé l'année suivante "
         "(année de caisse). En 2027 l'ARS paie les résultats CAQES 2026 alors que l'IFEP démarre."),
        ("Solde", "Intéressements (ou dotation IFEP) moins pénalités de l'année évaluée."),
        ("Référence", f"Les écarts sont comptés par rapport au régime « {comparaison.reference} »."),
        ("Bandes", "Gagnants et perdants : écart du solde rapporté aux produits de l'assurance maladie du dernier "
         f"exercice clos (N-1). Seuil entre petit et grand écart : {part(comparaison.seuil)} des produits. "
         "« Aucun changement » : écart nul, à l'euro près."),
        ("Champ", "Un établissement est dans le champ d'un régime s'il y est soumis : tous en 2018 (volet "
         "obligatoire) ; ciblé par au moins un indicateur en 2022-2026 ; dans le champ de l'IFEP en 2027."),
        ("Filtres", "Chaque feuille a un filtre automatique sur sa ligne d'en-tête, figée en haut."),
        ("Synthèse", "Les totaux de chaque régime et les entrées/sorties du champ."),
    ]
    lignes += [(_titre_regime(c), f"Une ligne par établissement : {c.description}.") for c in comparaison.colonnes]
    lignes += [
        ("Gagnants et perdants", "Effectifs et montants par bande, pour chaque régime comparé à la référence."),
        ("Par catégorie / Par région", "Les totaux par catégorie d'établissement et par région."),
        ("Enveloppe", enveloppe.absence or (
            f"Tirages des intéressements régionaux de {enveloppe.region} (performance {enveloppe.annee_performance}, "
            f"payés en {enveloppe.annee_caisse}) et usage de l'enveloppe fermée.")),
        ("Données lues", "Pour chaque régime, les données du fichier lues et leurs années (loi et fichier)."),
        *(("Couverture régionale", texte) for texte in getattr(comparaison, "notes_couverture", list)()),
        ("Enregistrement", "Version du logiciel, git describe, empreintes sha256 de la population, de la loi, des "
         "réformes, du moteur et des scénarios, options : de quoi refaire le calcul."),
    ]
    return pd.DataFrame(lignes, columns=["Rubrique", "Explication"])


def synthese_enveloppe(resultat) -> pd.DataFrame:
    """La synthèse des tirages, chaque valeur écrite par la règle d'arrondi commune (celle des graphiques)."""
    tableau = resultat.synthese()
    tableau["Valeur"] = [
        texte_cellule(valeur, indicateur)[0] if indicateur != "Tirages" else str(int(valeur))
        for indicateur, valeur in zip(tableau["Indicateur"], tableau["Valeur"])
    ]
    return tableau


def modele_lisible(modele: pd.DataFrame) -> pd.DataFrame:
    """Les hypothèses du modèle d'enveloppe, nombres écrits par la règle commune d'après leur libellé."""
    libelles, valeurs = modele.columns[:2]
    return pd.DataFrame({
        libelles: modele[libelles].astype(str),
        valeurs: [
            str(valeur) if isinstance(valeur, (bool, np.bool_, str)) or not isinstance(valeur, (int, float, np.number)) or str(libelle).startswith(("Année", "Graine", "Tirages"))
            else texte_cellule(valeur, str(libelle))[0]
            for libelle, valeur in zip(modele[libelles], modele[valeurs])
        ],
    })


def _sections_enveloppe(comparaison, enveloppe: Enveloppe) -> Section:
    if enveloppe.resultat is None:
        return Section("Enveloppe régionale fermée", note(enveloppe.absence or ""))
    resultat = enveloppe.resultat
    region = comparaison.libelles.get("region", {}).get(enveloppe.region, enveloppe.region)
    figure = graphique_enveloppe(resultat, region, enveloppe.annee_performance, enveloppe.annee_caisse)
    return Section(
        f"Enveloppe régionale fermée — {region}",
        image_html(png(figure), "Usage de l'enveloppe")
        + note("Trois axes, une quantité chacun : les intéressements gagnés (euros) face à l'enveloppe ; la part de "
               "l'enveloppe versée ; la part du gagné versée (coefficient de réduction au prorata).")
        + table_html(synthese_enveloppe(resultat)) + table_html(modele_lisible(enveloppe.modele)),
    )


def sections(comparaison, enveloppe: Enveloppe, balayage: str | None = None,
             caisse: pd.DataFrame | None = None) -> list[Section]:
    """Les sections de la page, dans l'ordre de lecture."""
    bandes = comparaison.gagnants_perdants() if comparaison.comparees else pd.DataFrame()
    notes = getattr(comparaison, "notes_couverture", list)()
    resultat = [
        Section("Les régimes comparés", table_html(comparaison.definitions_champ())
                + Markup("").join(note(f"Couverture régionale. {texte}") for texte in notes)),
        Section("Totaux par régime", table_html(comparaison.agregats_lisibles())),
        Section(
            "Distribution des soldes par régime",
            image_html(png(graphique_soldes(comparaison)), "Distribution des soldes")
            + note("Chaque point est un établissement dans le champ du régime ; la boîte va du premier au troisième "
                   "quartile, le trait rouge est la médiane. Échelle logarithmique symétrique (linéaire entre "
                   f"{euros_court(-SEUIL_LINEAIRE)} et {euros_court(SEUIL_LINEAIRE)})."),
        ),
    ]
    if comparaison.comparees:
        resultat.append(Section(
            "Gagnants et perdants",
            image_html(png(graphique_gagnants(comparaison)), "Gagnants et perdants")
            + table_html(bandes[bandes["Établissements"] > 0])
            + Markup("<h3>Entrées et sorties du champ</h3>") + table_html(comparaison.mouvements_champ()),
        ))
    resultat.append(Section("Par catégorie d'établissement", table_html(comparaison.agregats_lisibles("categorie"))))
    if caisse is not None:
        resultat.append(Section(
            "Par année de caisse : ce que paie la région",
            note("L'année de caisse C paie les résultats de l'année évaluée C − délai de paiement (paramètres "
                 "calendrier.delai_paiement et ifep.calendrier.delai_paiement) : en 2027, les résultats du CAQES 2026 ; "
                 "en 2028, la première année de l'IFEP.") + table_html(caisse),
        ))
    resultat.append(_sections_enveloppe(comparaison, enveloppe))
    figure_ifep = graphique_ifep(comparaison)
    if figure_ifep is not None:
        resultat.append(Section(
            "IFEP : la pénalité face à son plafond",
            image_html(png(figure_ifep), "Pénalité IFEP et plafond")
            + note("Axes logarithmiques : chaque point est un établissement pénalisé ; la diagonale est le plafond (2 % de "
                   "son financement total par l'assurance maladie, art. L.162-23-14 CSS). Un point sur la diagonale est "
                   "pénalisé au plafond ; aucun ne peut être au-dessus. Les établissements sans pénalité (0 €) n'ont pas "
                   "de place sur une échelle logarithmique : la légende les compte."),
        ))
    lues = comparaison.donnees_lues()
    resultat.append(Section(
        "Les données lues par chaque régime",
        note("Quelles colonnes du fichier de population chaque régime lit, et pour quelles années (celle de la loi, "
             "celle du fichier quand les données sont décalées par --annee-donnees).")
        + Markup("<details><summary>{} lignes</summary>{}</details>").format(len(lues), table_html(lues, lignes_max=400)),
    ))
    if balayage is not None:
        resultat.append(Section("", Markup(balayage)))  # fragment HTML autonome de openfisca_caqes.balayage.section
    return resultat


def feuilles(comparaison, enveloppe: Enveloppe, record: dict, caisse: pd.DataFrame | None = None) -> dict[str, pd.DataFrame]:
    """Les feuilles du classeur, dans l'ordre : Lisez-moi, Synthèse, une par régime, …, Enregistrement."""
    totaux = comparaison.agregats_lisibles()
    synthese = totaux
    if comparaison.comparees:
        mouvements = comparaison.mouvements_champ()
        synthese = totaux.merge(mouvements.rename(columns={mouvements.columns[0]: "Régime"}), on="Régime", how="left")
    resultat = {"Lisez-moi": lisez_moi(comparaison, enveloppe), "Synthèse": synthese}
    for colonne in comparaison.colonnes:
        resultat[_titre_regime(colonne)] = comparaison.feuille_colonne(colonne)
    if comparaison.comparees:
        resultat["Gagnants et perdants"] = comparaison.gagnants_perdants()
    resultat["Par catégorie"] = comparaison.agregats_lisibles("categorie")
    resultat["Par région"] = comparaison.agregats_lisibles("region")
    if caisse is not None:
        resultat["Années de caisse"] = caisse
    if enveloppe.resultat is not None:
        resultat["Enveloppe"] = pd.concat([enveloppe.modele.set_axis(["Indicateur", "Valeur"], axis=1), enveloppe.resultat.synthese()], ignore_index=True)
        resultat["Enveloppe par établissement"] = enveloppe.par_etablissement
    resultat["Données lues"] = comparaison.donnees_lues()
    resultat["Enregistrement"] = feuille_enregistrement(record)
    return resultat


def construire(comparaison, enveloppe: Enveloppe, record: dict, balayage: str | None = None,
               caisse: pd.DataFrame | None = None) -> tuple[str, dict[str, pd.DataFrame]]:
    """La page HTML et les feuilles du classeur (avec la vue par année de caisse quand elle est demandée)."""
    return (page_html(TITRE, sections(comparaison, enveloppe, balayage, caisse), record),
            feuilles(comparaison, enveloppe, record, caisse))


def ecrire_rapport(dossier: Path, page: str, feuilles_: dict[str, pd.DataFrame], record: dict) -> list[Path]:
    """Écrit la page, le classeur, les CSV des feuilles trop longues et l'enregistrement ensemble : aucun fichier partiel."""
    gardees, longues = separer_longues(feuilles_, PREFIXE_CSV)
    sorties = [dossier / NOM_HTML, dossier / NOM_CLASSEUR, *(dossier / nom for nom in longues), dossier / NOM_ENREGISTREMENT]
    with fichiers_atomiques(sorties) as temporaires:
        temporaires[0].write_text(page, encoding="utf-8")
        remplir_xlsx(gardees, temporaires[1])
        for temporaire, tableau in zip(temporaires[2:-1], longues.values()):
            ecrire_csv(tableau, temporaire)
        temporaires[-1].write_text(json_canonique(record), encoding="utf-8")
    return sorties
