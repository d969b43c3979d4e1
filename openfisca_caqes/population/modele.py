"""Écrire une population en classeur par thème, ou le modèle vide d'une question (`caqes population modele`).

Le classeur a une feuille « Lisez-moi » (comment remplir, une ligne par colonne : libellé, unité,
valeurs admises), une feuille « etablissements » (identité et données permanentes), puis une feuille
large par thème (le fichier de variables de la loi : `financement`, `transport_ambulance`…), dont les
colonnes sont `etablissement` et `variable_AAAA`. Chaque colonne a une validation de données Excel
(liste pour un code ou un booléen, bornes décimales pour un taux, un montant, un effectif), et
l'en-tête porte le libellé et l'unité en commentaire. `classeur.lire_classeur` relit ce classeur.
"""

from __future__ import annotations

import re
from pathlib import Path

import pandas as pd
from openpyxl import Workbook
from openpyxl.comments import Comment
from openpyxl.styles import Font
from openpyxl.worksheet.datavalidation import DataValidation

from openfisca_caqes.population.schema import COLONNES_IDENTITE, MOTIF_ANNUEL, schema

FEUILLE_IDENTITE = "etablissements"
FEUILLE_LISTES = "listes"
LIGNES_VALIDEES = 5000  # les lignes d'établissements couvertes par la validation de données
UNITES = {"currency-EUR": "euros", "/1": "taux : fraction de 0 à 1 (25 % s'écrit 0,25)", "nombre": "effectif",
          "lits": "lits (entier)", "jours": "jours"}


def theme(systeme, variable: str) -> str:
    """Le thème d'une variable : le nom de son fichier dans `variables/` (31 caractères au plus, limite d'Excel)."""
    module = systeme.variables[variable].__module__.rsplit(".", 1)[-1]
    return re.sub(r"^\d+_-?\d+_", "", module)[:31]


def _variable(colonne: str, colonnes: dict) -> tuple[str, int | None]:
    motif = MOTIF_ANNUEL.match(colonne)
    if colonne in colonnes and not colonnes[colonne].annuelle:
        return colonne, None
    if motif and motif["variable"] in colonnes:
        return motif["variable"], int(motif["annee"])
    return colonne, None


def repartir(systeme, noms: list[str]) -> dict[str, list[str]]:
    """Les colonnes par feuille : identité et données permanentes, puis un thème par fichier de variables."""
    colonnes = schema(systeme)
    feuilles: dict[str, list[str]] = {FEUILLE_IDENTITE: [*COLONNES_IDENTITE, "categorie_etablissement"]}
    for nom in sorted(set(noms) - set(feuilles[FEUILLE_IDENTITE])):
        variable, annee = _variable(nom, colonnes)
        if variable not in colonnes:
            continue
        feuille = FEUILLE_IDENTITE if annee is None else theme(systeme, variable)
        if feuille == FEUILLE_IDENTITE:
            feuilles[feuille].append(nom)
        else:
            feuilles.setdefault(feuille, ["etablissement"]).append(nom)
    return feuilles


def _validation(feuille, lettre: str, description, listes: dict[str, str]) -> None:
    """La validation de données Excel d'une colonne, d'après le type et l'unité de sa variable."""
    plage = f"{lettre}2:{lettre}{LIGNES_VALIDEES + 1}"
    if description.type == "Enum":
        regle = DataValidation(type="list", formula1=listes[description.variable], allow_blank=False)
        regle.error = "Valeur admise : " + ", ".join(description.valeurs_possibles)
    elif description.type == "bool":
        regle = DataValidation(type="list", formula1='"0,1"', allow_blank=True)
        regle.error = "1 (vrai) ou 0 (faux) ; vide = faux"
    elif description.minimum is not None:
        genre = "whole" if description.type == "int" else "decimal"
        regle = DataValidation(type=genre, operator="between", formula1=repr(float(description.minimum)),
                               formula2=repr(float(description.maximum)), allow_blank=True)
        regle.error = f"Nombre de {description.minimum:g} à {description.maximum:g} ({UNITES.get(description.unite, '')})"
    else:
        return
    regle.errorTitle = description.variable
    regle.showErrorMessage = True
    feuille.add_data_validation(regle)
    regle.add(plage)


def _listes(classeur: Workbook, systeme) -> dict[str, str]:
    """Une feuille cachée des valeurs admises (codes de région, catégories…) : une colonne par liste."""
    feuille = classeur.create_sheet(FEUILLE_LISTES)
    feuille.sheet_state = "hidden"
    listes = {"region": tuple(systeme.variables["code_region"].possible_values._member_names_)}
    listes.update({d.variable: d.valeurs_possibles for d in schema(systeme).values() if d.type == "Enum"})
    references = {}
    for j, (nom, valeurs) in enumerate(listes.items(), start=1):
        lettre = feuille.cell(row=1, column=j).column_letter
        feuille.cell(row=1, column=j, value=f"valeurs de {nom}")
        for i, valeur in enumerate(valeurs, start=2):
            feuille.cell(row=i, column=j, value=valeur)
        references[nom] = f"{FEUILLE_LISTES}!${lettre}$2:${lettre}${len(valeurs) + 1}"
    return references


def _cellule(valeur):
    """Une valeur du tableau telle qu'Excel la stocke : nombre, texte, ou vide."""
    if valeur is None or (isinstance(valeur, float) and pd.isna(valeur)):
        return None
    if hasattr(valeur, "item"):
        valeur = valeur.item()
    if isinstance(valeur, str):
        try:
            nombre = float(valeur)
        except ValueError:
            return valeur
        return int(nombre) if nombre.is_integer() and "." not in valeur and "e" not in valeur.lower() else nombre
    return valeur


def ecrire_classeur(systeme, tableau: pd.DataFrame, noms: list[str], chemin: Path, lisez_moi: list[str]) -> dict[str, list[str]]:
    """Le classeur par thème des colonnes `noms` (et de l'identité) du tableau ; rend les colonnes de chaque feuille."""
    colonnes = schema(systeme)
    classeur = Workbook()
    notice = classeur.active
    notice.title = "Lisez-moi"
    references = _listes(classeur, systeme)
    feuilles = repartir(systeme, noms)
    for titre, noms_feuille in feuilles.items():
        feuille = classeur.create_sheet(titre)
        for j, nom in enumerate(noms_feuille, start=1):
            entete = feuille.cell(row=1, column=j, value=nom)
            entete.font = Font(bold=True)
            variable, annee = _variable(nom, colonnes)
            description = colonnes.get(variable)
            if description is not None:
                texte = f"{description.label}" + (f" ({UNITES.get(description.unite, description.unite)})" if description.unite else "")
                entete.comment = Comment(texte + (f" — année {annee}" if annee else ""), "caqes")
                _validation(feuille, entete.column_letter, description, references)
            elif nom == "region":
                regle = DataValidation(type="list", formula1=references["region"], allow_blank=False)
                feuille.add_data_validation(regle)
                regle.add(f"{entete.column_letter}2:{entete.column_letter}{LIGNES_VALIDEES + 1}")
            feuille.column_dimensions[entete.column_letter].width = max(14, min(40, len(nom) + 2))
        texte = [n in COLONNES_IDENTITE for n in noms_feuille]  # un identifiant reste du texte (FINESS 010000123)
        for ligne in tableau.reindex(columns=noms_feuille).itertuples(index=False, name=None):  # l'écriture d'Excel est cellule à cellule
            feuille.append([(None if pd.isna(v) else str(v)) if t else _cellule(v) for v, t in zip(ligne, texte)])
        feuille.freeze_panes = "B2"
    _notice(notice, systeme, feuilles, lisez_moi)
    classeur.move_sheet(FEUILLE_LISTES, offset=len(classeur.sheetnames))
    classeur.save(chemin)
    return feuilles


def _notice(feuille, systeme, feuilles: dict[str, list[str]], lignes: list[str]) -> None:
    """La feuille « Lisez-moi » : les consignes, puis une ligne par colonne (feuille, libellé, unité, valeurs admises)."""
    colonnes = schema(systeme)
    for ligne in lignes:
        feuille.append([ligne])
    feuille.append([])
    feuille.append(["feuille", "colonne", "libellé", "unité", "valeurs admises", "documentation"])
    for cellule in feuille[feuille.max_row]:
        cellule.font = Font(bold=True)
    for titre, noms in feuilles.items():
        for nom in noms:
            description = colonnes.get(_variable(nom, colonnes)[0])
            if description is None:
                feuille.append([titre, nom, {"etablissement": "identifiant de l'établissement (FINESS)",
                                             "entite_juridique": "identifiant de l'entité juridique",
                                             "region": "code de la région"}.get(nom, nom), "", "", ""])
                continue
            if description.type == "Enum":
                admises = ", ".join(description.valeurs_possibles)
            elif description.type == "bool":
                admises = "1 ou 0 (vrai/faux, oui/non) ; vide = faux"
            elif description.minimum is not None:
                admises = f"de {description.minimum:g} à {description.maximum:g}"
            else:
                admises = ""
            feuille.append([titre, nom, description.label, UNITES.get(description.unite, description.unite or ""),
                            admises, description.documentation[:500]])
    feuille.column_dimensions["A"].width = 24
    feuille.column_dimensions["B"].width = 48
    feuille.column_dimensions["C"].width = 60
