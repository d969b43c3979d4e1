"""Le corpus des autres formats : table longue, CSV d'Excel en français, classeur par thème, Parquet.

Chaque fichier porte la même population que le fichier de base de `cas.py` (mêmes pénalités
attendues : 123 457, 0, 27 000). La table longue a une ligne par (établissement, colonne du
tableau large), dans l'ordre de `ENTETE` : chu_purpan aux lignes 2 à 11, clinique_pasteur de 12 à
21, had_paris de 22 à 31 ; le montant (6e colonne de `ENTETE`, 5e après l'identifiant) de la
clinique est donc à la ligne 12 + 5 = 17, celui du CHU à la ligne 7, sa région à la ligne 3, sa
catégorie à la ligne 4.
"""

from __future__ import annotations

import csv as module_csv
import io
from collections.abc import Callable
from pathlib import Path

import openpyxl
import pandas as pd
from cas import AMOUNT, PENALITES_BASE, Cas, _type, brut, table

from openfisca_caqes.population.schema import MOTIF_ANNUEL

ENTETE_LONGUE = ["etablissement", "annee", "variable", "valeur"]


def lignes_longues(taux: str) -> list[list[str]]:
    """Les lignes (sans en-tête) de la table longue équivalente au fichier de base."""
    entete, *lignes = table(taux)
    longues = []
    for ligne in lignes:
        for colonne, valeur in zip(entete[1:], ligne[1:]):
            motif = MOTIF_ANNUEL.match(colonne)
            variable, annee = (motif["variable"], motif["annee"]) if motif else (colonne, "")
            longues.append([ligne[0], annee, variable, valeur])
    return longues


def _texte(lignes: list[list[str]], separateur: str = ",") -> str:
    tampon = io.StringIO()
    module_csv.writer(tampon, delimiter=separateur, lineterminator="\n").writerows(lignes)
    return tampon.getvalue()


def longue(changer: Callable[[list[list[str]]], list[list[str]]] | None = None, entete=None, separateur: str = ","):
    """Une table longue CSV ; `changer` reçoit les lignes (la ligne i du fichier est lignes[i - 2])."""

    def construire(dossier: Path, taux: str) -> Path:
        lignes = lignes_longues(taux)
        lignes = changer(lignes) if changer else lignes
        chemin = dossier / "population_longue.csv"
        chemin.write_text(_texte([entete or ENTETE_LONGUE, *lignes], separateur), encoding="utf-8")
        return chemin

    return construire


def cellule(numero: int, champ: str, valeur: str):
    """Change un champ (`annee`, `variable`, `valeur`, `etablissement`) de la ligne `numero` du fichier long."""

    def changer(lignes):
        lignes[numero - 2][ENTETE_LONGUE.index(champ)] = valeur
        return lignes

    return changer


def francais(texte: str) -> bytes:
    """Le CSV de base comme l'écrit Excel en français : « ; » et virgule décimale."""
    return texte.replace(",", ";").replace("0.25", "0,25").replace("0.5", "0,5").encode()


def parquet(longue_: bool = False):
    """Le fichier de base en Parquet (large typé, ou long en texte)."""

    def construire(dossier: Path, taux: str) -> Path:
        chemin = dossier / "population.parquet"
        if longue_:
            tableau = pd.DataFrame(lignes_longues(taux), columns=ENTETE_LONGUE)
        else:
            entete, *lignes = table(taux)
            tableau = pd.DataFrame([[_type(v) if j >= 4 else v for j, v in enumerate(ligne)] for ligne in lignes], columns=entete)
        tableau.to_parquet(chemin)
        return chemin

    return construire


def classeur_themes(premiere_vide: bool = False, sans_donnees: bool = False):
    """Un classeur par thème : Lisez-moi, identité (large), finances (par année), activité (large), refus (long)."""

    def construire(dossier: Path, taux: str) -> Path:
        entete, *lignes = table(taux)
        par_nom = [dict(zip(entete, ligne)) for ligne in lignes]
        classeur = openpyxl.Workbook()
        lisez_moi = classeur.active
        lisez_moi.title = "Lisez-moi"
        lisez_moi.append(["Population de test, une feuille par thème"])
        if not sans_donnees:
            feuilles = {
                "identite": ["etablissement", "entite_juridique", "region", "categorie_etablissement", "est_chu"],
                "activite": ["etablissement", "lits_mco_2025", "journees_had_2025", "enveloppe_regionale_2022"],
            }
            for titre, colonnes in feuilles.items():
                feuille = classeur.create_sheet(titre)
                feuille.append(colonnes)
                for ligne in par_nom:
                    feuille.append([_type(ligne[c]) if c not in ("etablissement", "entite_juridique", "region") else ligne[c]
                                    for c in colonnes])
            if premiere_vide:
                del classeur["activite"]
                return _sauver(classeur, dossier)
            variable_taux = taux[: -len("_2024")]
            finances = classeur.create_sheet("finances")
            finances.append(["etablissement", "annee", "produits_assurance_maladie", variable_taux])
            for ligne in par_nom:
                finances.append([ligne["etablissement"], 2024, _type(ligne[AMOUNT]), _type(ligne[taux])])
            refus = classeur.create_sheet("refus")
            refus.append(ENTETE_LONGUE)
            for ligne in par_nom:
                refus.append([ligne["etablissement"], 2025, "refus_signature", _type(ligne["refus_signature_2025"])])
        return _sauver(classeur, dossier)

    return construire


def _sauver(classeur, dossier: Path) -> Path:
    chemin = dossier / "population_themes.xlsx"
    classeur.save(chemin)
    return chemin


def corpus_formats() -> list[Cas]:
    """Les cas des formats long, français, par thème et Parquet."""
    return [
        # --- valides : mêmes pénalités que le fichier de base ---
        Cas("longue", "table longue (etablissement, annee, variable, valeur)", longue(), penalites=PENALITES_BASE),
        Cas("longue_melangee", "table longue triée par variable (établissements entremêlés)", longue(lambda lignes: sorted(lignes, key=lambda ligne: ligne[2])), penalites=PENALITES_BASE),
        Cas("longue_point_virgule", "table longue en CSV français", longue(separateur=";"), penalites=PENALITES_BASE),
        Cas("csv_francais", "CSV d'Excel en français : « ; » et virgule décimale", brut(francais), penalites=PENALITES_BASE),
        Cas("parquet", "Parquet large typé", parquet(), penalites=PENALITES_BASE),
        Cas("parquet_long", "Parquet long", parquet(longue_=True), penalites=PENALITES_BASE),
        Cas("classeur_themes", "classeur par thème (Lisez-moi, large, par année, long)", classeur_themes(),
            penalites=PENALITES_BASE),
        # --- fautifs : la ligne est celle du fichier long ---
        Cas("longue_texte", "« abc » dans un montant d'une table longue", longue(cellule(17, "valeur", "abc")),
            "nombre attendu", 17, "valeur"),
        Cas("longue_jeton", "« NA » dans une table longue", longue(cellule(17, "valeur", "NA")),
            "valeur manquante « NA »", 17, "valeur"),
        Cas("longue_negatif", "montant négatif dans une table longue", longue(cellule(7, "valeur", "-5")),
            "montant négatif", 7, "valeur"),
        Cas("longue_doublon", "une ligne de la table longue répétée", longue(lambda lignes: [*lignes, lignes[5]]),
            "valeur donnée deux fois", 32, "valeur"),
        Cas("longue_trou", "une valeur que les autres établissements ont, oubliée",
            longue(lambda lignes: lignes[:15] + lignes[16:]), "n'a pas de valeur pour", None, AMOUNT),
        Cas("longue_variable_inconnue", "variable inconnue", longue(cellule(7, "variable", "produits_inconnus")),
            "variable « produits_inconnus » inconnue", 7, "variable"),
        Cas("longue_sans_annee", "donnée annuelle sans année", longue(cellule(7, "annee", "")),
            "donnée annuelle sans année", 7, "annee"),
        Cas("longue_annee_en_trop", "donnée permanente avec une année", longue(cellule(4, "annee", "2024")),
            "donnée permanente", 4, "annee"),
        Cas("longue_annee_illisible", "année 2024.5", longue(cellule(7, "annee", "2024.5")), "année illisible", 7, "annee"),
        Cas("longue_sans_identifiant", "ligne sans établissement", longue(cellule(9, "etablissement", "")),
            "sans identifiant", 9, "etablissement"),
        Cas("longue_region_inconnue", "code de région inconnu", longue(cellule(3, "valeur", "bretagne_nord")),
            "région « bretagne_nord » inconnue", 3, "valeur"),
        Cas("longue_categorie_inconnue", "catégorie inconnue", longue(cellule(4, "valeur", "clinique")),
            "valeur « clinique » inconnue", 4, "valeur"),
        Cas("longue_colonne_en_trop", "colonne en trop dans une table longue",
            longue(lambda lignes: [[*ligne, "x"] for ligne in lignes], entete=[*ENTETE_LONGUE, "commentaire"]),
            "colonne inconnue dans une table longue", 1, "commentaire"),
        Cas("csv_decimales_melangees", "« 0,5 » et « 0.25 » dans un même fichier « ; »",
            brut(lambda t: t.replace(",", ";").replace("0.5", "0,5").encode()), "virgule décimale (1234,5) et à point décimal"),
        Cas("csv_en_tete_ambigu", "en-tête séparé par « ; » avec une virgule",
            brut(lambda t: t.replace(",", ";").replace("etablissement;", "etablissement,", 1).encode()),
            "des virgules et des points-virgules", 1),
        Cas("classeur_premiere_feuille", "classeur dont la seule feuille de données n'est pas la première",
            classeur_themes(premiere_vide=True), "--sheet « identite »"),
        Cas("classeur_sans_donnees", "classeur sans feuille de données", classeur_themes(sans_donnees=True),
            "aucune feuille n'a de colonne « etablissement »", None, "etablissement"),
        Cas("parquet_abime", "fichier Parquet tronqué",
            lambda dossier, taux: _tronquer(parquet()(dossier, taux)), "fichier Parquet illisible"),
    ]


def _tronquer(chemin: Path) -> Path:
    contenu = chemin.read_bytes()
    chemin.write_bytes(contenu[: len(contenu) // 2])
    return chemin
