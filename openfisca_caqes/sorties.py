"""Écrire un tableau en CSV ou Excel sans jamais laisser de fichier partiel ni de cellule active, et l'afficher.

Sûreté des fichiers écrits :
- chaque texte d'un classeur Excel est écrit comme texte (jamais comme formule) ;
- chaque cellule texte d'un CSV qui commence par = + - @ (ou une tabulation, un retour chariot)
  est neutralisée par une apostrophe, comme le recommande l'OWASP (« CSV injection ») ; les
  nombres, même négatifs, restent des nombres ;
- la destination est vérifiée avant tout calcul ; l'écriture passe par des fichiers temporaires
  effacés en cas d'erreur ou d'interruption (SIGINT, SIGTERM : voir `openfisca_caqes.cli`).
"""

from __future__ import annotations

import errno
import os
import re
import tempfile
from contextlib import contextmanager
from pathlib import Path

import pandas as pd

from openfisca_caqes.erreurs import ErreurUtilisateur

FORMATS = (".csv", ".xlsx")
PREFIXE_TEMPORAIRE = ".caqes-"
# OWASP, « CSV Injection » : premiers caractères qui font d'une cellule une formule.
DEBUTS_ACTIFS = ("=", "+", "-", "@", "\t", "\r")
# Caractères de contrôle refusés par le format xlsx (Excel refuse d'ouvrir le fichier).
CONTROLES_INTERDITS = re.compile(r"[\x00-\x08\x0b\x0c\x0e-\x1f]")


def _ancetre_existant(chemin: Path) -> Path:
    """Le plus proche dossier (ou fichier) existant sur le chemin de `chemin`."""
    courant = chemin.absolute()
    while not courant.exists() and courant != courant.parent:
        courant = courant.parent
    return courant


def verifier_dossier(chemin: Path, option: str) -> Path:
    """Refuse tôt un dossier qu'on ne pourra ni créer ni remplir ; ne crée rien (c'est `creer_dossier`)."""
    if chemin.exists() and not chemin.is_dir():
        raise ErreurUtilisateur(f"{option} {chemin} : ce n'est pas un dossier")
    ancetre = _ancetre_existant(chemin)
    if not ancetre.is_dir():
        raise ErreurUtilisateur(f"{option} {chemin} : {ancetre} n'est pas un dossier")
    if not _inscriptible(ancetre):
        raise ErreurUtilisateur(f"{option} {chemin} : écriture impossible dans le dossier {ancetre} (droits)")
    return chemin


def _inscriptible(dossier: Path) -> bool:
    """Vrai si l'on peut créer un fichier dans `dossier` (essai réel : `os.access` ment pour root et certains montages)."""
    try:
        descripteur, essai = tempfile.mkstemp(prefix=PREFIXE_TEMPORAIRE, dir=dossier)
    except OSError:
        return False
    os.close(descripteur)
    os.unlink(essai)
    return True


def verifier_sortie(chemin: str | None, formats: tuple[str, ...] = FORMATS, option: str = "--output") -> Path | None:
    """Refuse tôt (avant tout calcul) un format, un dossier ou des droits de sortie impossibles."""
    if chemin is None:
        return None
    sortie = Path(chemin)
    if sortie.is_dir() or str(chemin).endswith(("/", os.sep)):
        raise ErreurUtilisateur(f"{option} {chemin} : c'est un dossier ; donnez un nom de fichier ({', '.join(formats)})")
    if sortie.suffix.lower() not in formats:
        raise ErreurUtilisateur(f"{chemin} : format de sortie non reconnu (attendu : {', '.join(formats)})")
    if not sortie.parent.exists():
        raise ErreurUtilisateur(f"{chemin} : le dossier {sortie.parent} n'existe pas")
    if not sortie.parent.is_dir():
        raise ErreurUtilisateur(f"{chemin} : {sortie.parent} n'est pas un dossier")
    if not _inscriptible(sortie.parent):
        raise ErreurUtilisateur(f"{option} {chemin} : écriture impossible dans le dossier {sortie.parent} (droits)")
    if sortie.exists() and not os.access(sortie, os.W_OK):
        raise ErreurUtilisateur(f"{option} {chemin} : le fichier existe et est en lecture seule")
    return sortie


@contextmanager
def fichiers_atomiques(sorties: list[Path]):
    """Un chemin temporaire par sortie, renommés une fois tout écrit ; sinon tout est effacé.

    Une erreur d'écriture (disque plein, droits) devient une `ErreurUtilisateur` ; les
    temporaires sont effacés aussi sur interruption (KeyboardInterrupt, SIGTERM via la CLI).
    """
    temporaires = []
    masque = os.umask(0)
    os.umask(masque)
    try:
        for sortie in sorties:
            descripteur, temporaire = tempfile.mkstemp(prefix=PREFIXE_TEMPORAIRE, suffix=sortie.suffix, dir=sortie.parent)
            temporaires.append(Path(temporaire))
            os.close(descripteur)
            os.chmod(temporaire, 0o666 & ~masque)  # les droits d'un fichier ordinaire, pas 0600
        yield temporaires
        for temporaire, sortie in zip(temporaires, sorties):
            os.replace(temporaire, sortie)
    except OSError as erreur:
        cible = erreur.filename or (sorties[0] if sorties else "")
        raise ErreurUtilisateur(f"écriture impossible : {cible} : {erreur.strerror or erreur}") from None
    finally:
        for temporaire in temporaires:
            temporaire.unlink(missing_ok=True)


def _colonnes_texte(tableau: pd.DataFrame) -> list:
    return [nom for nom in tableau.columns if not pd.api.types.is_numeric_dtype(tableau[nom])
            and not pd.api.types.is_bool_dtype(tableau[nom])]


def neutraliser_csv(tableau: pd.DataFrame) -> pd.DataFrame:
    """Une copie où chaque texte qui commencerait une formule est précédé d'une apostrophe (OWASP).

    Seules les cellules texte sont touchées : un nombre, même négatif, reste un nombre.
    """
    def neutre(valeur):
        return f"'{valeur}" if isinstance(valeur, str) and valeur.startswith(DEBUTS_ACTIFS) else valeur

    copie = tableau.copy()
    for nom in _colonnes_texte(copie):
        copie[nom] = copie[nom].map(neutre)
    return copie.rename(columns=lambda nom: neutre(nom) if isinstance(nom, str) else nom)


def ecrire_csv(tableau: pd.DataFrame, chemin: Path) -> None:
    """Le tableau en CSV UTF-8, cellules texte neutralisées."""
    neutraliser_csv(tableau).to_csv(chemin, index=False, encoding="utf-8")


def preparer_excel(tableau: pd.DataFrame) -> pd.DataFrame:
    """Une copie sans caractère de contrôle interdit par le format xlsx dans les cellules texte."""
    def propre(valeur):
        return CONTROLES_INTERDITS.sub("\ufffd", valeur) if isinstance(valeur, str) else valeur

    copie = tableau.copy()
    for nom in _colonnes_texte(copie):
        copie[nom] = copie[nom].map(propre)
    return copie.rename(columns=lambda nom: propre(nom) if isinstance(nom, str) else nom)


# Options xlsxwriter : un texte reste un texte (jamais une formule ni un lien), NaN/inf en erreur visible.
OPTIONS_XLSX = {"strings_to_formulas": False, "strings_to_urls": False, "strings_to_numbers": False, "nan_inf_to_errors": True}
FORMAT_EUROS = '#,##0" €"'
FORMAT_TAUX = "0.000%"
FORMAT_PART = "0.0%"
LARGEUR_MAX_COLONNE = 48


def format_colonne(nom: str) -> str | None:
    """Le format Excel d'une colonne numérique, d'après son nom (€, taux, part)."""
    if "(€)" in nom or nom.endswith("€"):
        return FORMAT_EUROS
    if nom.startswith("Écart /") or "taux" in nom.lower() or "coefficient" in nom.lower():
        return FORMAT_TAUX
    if nom.startswith(("Part", "Probabilité")):
        return FORMAT_PART
    return None


def titre_feuille(nom: str) -> str:
    """Un nom de feuille Excel valide (31 caractères, sans []:*?/\\)."""
    return nom.translate(str.maketrans({c: " " for c in "[]:*?/\\"}))[:31]


def _valeurs(serie: pd.Series) -> list:
    """Les valeurs d'une colonne en types Python, vides (NaN, NA) en None."""
    return [None if valeur is None or valeur is pd.NA or (isinstance(valeur, float) and valeur != valeur) else valeur
            for valeur in serie.astype(object).tolist()]


def ecrire_feuille(classeur, nom: str, tableau: pd.DataFrame, formats: dict) -> None:
    """Une feuille xlsxwriter : en-tête figé, filtre automatique, format et largeur posés par colonne."""
    tableau = preparer_excel(tableau)
    feuille = classeur.add_worksheet(titre_feuille(nom))
    lignes, colonnes = tableau.shape
    for rang, colonne in enumerate(tableau.columns):
        serie = tableau[colonne]
        numerique = pd.api.types.is_numeric_dtype(serie) and not pd.api.types.is_bool_dtype(serie)
        format_ = format_colonne(str(colonne)) if numerique else None
        # une cellule vide (<NA> d'une colonne Int64 ou boolean) compte pour 0 caractère, pas pour un NA
        longueur = int(serie.astype(str).str.len().fillna(0).max()) if lignes else 0
        largeur = min(max(min(len(str(colonne)), 24), longueur) + 2, LARGEUR_MAX_COLONNE)
        style = formats[format_] if format_ else (formats["texte"] if not numerique else None)
        feuille.set_column(rang, rang, largeur, style)
        feuille.write_string(0, rang, str(colonne), formats["entete"])
        feuille.write_column(1, rang, _valeurs(serie))
    if colonnes:
        feuille.freeze_panes(1, 1 if colonnes > 3 else 0)
        feuille.autofilter(0, 0, max(lignes, 1), colonnes - 1)


def remplir_xlsx(feuilles: dict[str, pd.DataFrame], chemin: Path) -> None:
    """Un classeur xlsxwriter, une feuille par tableau ; les textes restent des textes."""
    import xlsxwriter  # import tardif : xlsxwriter n'est chargé que pour écrire un classeur
    from xlsxwriter.exceptions import (
        FileCreateError,  # import tardif : xlsxwriter n'est chargé que pour écrire un classeur
    )

    try:
        _remplir(xlsxwriter.Workbook(str(chemin), OPTIONS_XLSX), feuilles)
    except FileCreateError as erreur:  # xlsxwriter enveloppe l'OSError de l'écriture
        raise OSError(errno.EIO, str(erreur), str(chemin)) from None


def _remplir(classeur, feuilles: dict[str, pd.DataFrame]) -> None:
    with classeur:
        formats = {
            "entete": classeur.add_format({"bold": True, "bg_color": "#DDE6F0", "text_wrap": True, "valign": "top", "border": 1}),
            "texte": classeur.add_format({"text_wrap": True, "valign": "top"}),
            **{motif: classeur.add_format({"num_format": motif}) for motif in (FORMAT_EUROS, FORMAT_TAUX, FORMAT_PART)},
        }
        for nom, tableau in feuilles.items():
            ecrire_feuille(classeur, nom, tableau, formats)


def ecrire(feuilles: dict[str, pd.DataFrame], sortie: Path) -> None:
    """Écrit un CSV (le premier tableau) ou un classeur Excel (une feuille par tableau), sans sortie partielle."""
    with fichiers_atomiques([sortie]) as (temporaire,):
        if sortie.suffix.lower() == ".csv":
            ecrire_csv(next(iter(feuilles.values())), temporaire)
        else:
            remplir_xlsx(feuilles, temporaire)


def afficher(tableau: pd.DataFrame, titre: str, lignes_max: int | None = None, vide: str = "NaN") -> None:
    """Le tableau à l'écran ; `vide` remplace les cellules vides (« non modélisé » pour une règle non encodée)."""
    print(f"\n{titre}")
    etendues = [nom for nom in tableau.columns
                if isinstance(tableau[nom].dtype, pd.api.extensions.ExtensionDtype) and tableau[nom].isna().any()]
    if etendues:  # Int64, boolean : `na_rep` n'atteint pas leurs <NA>
        tableau = tableau.assign(**{nom: tableau[nom].astype(object).where(tableau[nom].notna(), vide) for nom in etendues})
    with pd.option_context(
        "display.max_rows", lignes_max or len(tableau) + 1,
        "display.max_columns", None,
        "display.width", 200,
        "display.float_format", lambda x: f"{x:,.2f}".replace(",", " "),
    ):
        print(tableau.to_string(index=False, na_rep=vide))
