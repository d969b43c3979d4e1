"""Écrire un tableau en CSV ou Excel sans jamais laisser de fichier partiel ni de cellule active.

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
import unicodedata
from collections.abc import Callable, MutableMapping
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
        serie = copie[nom]
        if pd.api.types.infer_dtype(serie, skipna=True) == "string":  # que des textes : d'un bloc
            actifs = serie.str.startswith(DEBUTS_ACTIFS, na=False).to_numpy(bool)
            if actifs.any():
                copie[nom] = serie.where(~actifs, "'" + serie.astype(object))
        else:
            copie[nom] = serie.map(neutre)
    return copie.rename(columns=lambda nom: neutre(nom) if isinstance(nom, str) else nom)


def ecrire_csv(tableau: pd.DataFrame, chemin: Path) -> None:
    """Le tableau en CSV UTF-8, cellules texte neutralisées.

    Écrit par pyarrow (en C++, ~7 fois plus vite que pandas pour un million de lignes) : textes entre
    guillemets, nombres tels quels (écriture la plus courte qui relit le même float64), booléens
    True/False comme pandas ; pandas en dernier recours (colonne d'objets de types mêlés).
    """
    import pyarrow as pa  # import tardif : pyarrow n'est chargé que pour écrire un CSV
    import pyarrow.csv as pa_csv

    neutre = neutraliser_csv(tableau)
    for nom in [nom for nom in neutre.columns if pd.api.types.is_bool_dtype(neutre[nom])]:
        serie = neutre[nom]
        neutre[nom] = serie.map({True: "True", False: "False"}).astype(object).where(serie.notna(), None)
    try:
        table = pa.Table.from_pandas(neutre, preserve_index=False)
    except (pa.ArrowInvalid, pa.ArrowTypeError, ValueError):
        neutre.to_csv(chemin, index=False, encoding="utf-8")
        return
    pa_csv.write_csv(table, str(chemin), pa_csv.WriteOptions(quoting_style="needed"))


def preparer_excel(tableau: pd.DataFrame) -> pd.DataFrame:
    """Une copie sans caractère de contrôle interdit par le format xlsx dans les cellules texte."""
    def propre(valeur):
        return CONTROLES_INTERDITS.sub("\ufffd", valeur) if isinstance(valeur, str) else valeur

    copie = tableau.copy()
    for nom in _colonnes_texte(copie):
        serie = copie[nom]
        if pd.api.types.infer_dtype(serie, skipna=True) == "string":  # que des textes : d'un bloc
            if serie.str.contains(CONTROLES_INTERDITS, na=False).any():
                copie[nom] = serie.str.replace(CONTROLES_INTERDITS, "\ufffd", regex=True)
        else:
            copie[nom] = serie.map(propre)
    return copie.rename(columns=lambda nom: propre(nom) if isinstance(nom, str) else nom)


# Options xlsxwriter : un texte reste un texte (jamais une formule ni un lien), NaN/inf en erreur visible.
OPTIONS_XLSX = {"strings_to_formulas": False, "strings_to_urls": False, "strings_to_numbers": False, "nan_inf_to_errors": True}
# Au-delà, une feuille (d'établissements) part en CSV à côté du classeur : un classeur de plus de
# 50 000 lignes est lent à écrire et à ouvrir (et Excel s'arrête à 1 048 576 lignes).
LIGNES_MAX_FEUILLE = 50_000
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


def ecrire_feuille(classeur, nom: str, tableau: pd.DataFrame, formats: dict) -> None:
    """Une feuille xlsxwriter : en-tête figé, filtre automatique, format et largeur posés par colonne.

    Les cellules sont écrites d'un bloc, colonne par colonne (`openfisca_caqes.feuille_xlsx`).
    """
    from openfisca_caqes.feuille_xlsx import ecrire_donnees_rapides  # import tardif : xlsxwriter

    tableau = preparer_excel(tableau)
    feuille = classeur.add_worksheet(titre_feuille(nom))
    lignes, colonnes = tableau.shape
    styles = []
    for rang, colonne in enumerate(tableau.columns):
        serie = tableau[colonne]
        numerique = pd.api.types.is_numeric_dtype(serie) and not pd.api.types.is_bool_dtype(serie)
        format_ = format_colonne(str(colonne)) if numerique else None
        # une cellule vide (<NA> d'une colonne Int64 ou boolean) compte pour 0 caractère, pas pour un NA
        longueur = int(serie.astype(str).str.len().fillna(0).max()) if lignes else 0
        largeur = min(max(min(len(str(colonne)), 24), longueur) + 2, LARGEUR_MAX_COLONNE)
        style = formats[format_] if format_ else (formats["texte"] if not numerique else None)
        styles.append(style)
        feuille.set_column(rang, rang, largeur, style)
        feuille.write_string(0, rang, str(colonne), formats["entete"])
    ecrire_donnees_rapides(feuille, tableau, styles)
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


class FeuillesParesseuses(MutableMapping):
    """Des feuilles nommées, chacune construite à sa première lecture : l'écran n'en construit que quelques-unes."""

    def __init__(self, constructeurs: dict[str, Callable[[], pd.DataFrame]]) -> None:
        self._constructeurs = dict(constructeurs)
        self._construites: dict[str, pd.DataFrame] = {}

    def __getitem__(self, nom: str) -> pd.DataFrame:
        if nom not in self._construites:
            self._construites[nom] = self._constructeurs[nom]()
        return self._construites[nom]

    def __setitem__(self, nom: str, tableau: pd.DataFrame) -> None:
        self._constructeurs[nom] = lambda: tableau
        self._construites[nom] = tableau

    def __delitem__(self, nom: str) -> None:
        del self._constructeurs[nom]
        self._construites.pop(nom, None)

    def __iter__(self):
        return iter(self._constructeurs)

    def __len__(self) -> int:
        return len(self._constructeurs)


def nom_csv(feuille: str, prefixe: str) -> str:
    """Le fichier CSV d'une feuille trop longue : <prefixe>_<feuille>.csv, nom sûr pour tout système."""
    ascii_ = unicodedata.normalize("NFKD", feuille).encode("ascii", "ignore").decode("ascii")
    return f"{prefixe}_{re.sub(r'[^a-z0-9]+', '_', ascii_.lower()).strip('_')}.csv"


def separer_longues(feuilles: dict[str, pd.DataFrame], prefixe: str, limite: int | None = None) -> tuple[dict, dict]:
    """Les feuilles gardées dans le classeur, et celles (plus de `limite` lignes) qui partent en CSV, avec un renvoi."""
    limite = LIGNES_MAX_FEUILLE if limite is None else limite
    gardees, longues = {}, {}
    for nom, tableau in feuilles.items():
        if len(tableau) > limite:
            fichier = nom_csv(nom, prefixe)
            longues[fichier] = tableau
            gardees[nom] = pd.DataFrame({"Renvoi": [
                f"{len(tableau)} lignes : au-delà de {limite} lignes, la feuille est écrite dans le fichier {fichier}, "
                "à côté de ce classeur."
            ]})
        else:
            gardees[nom] = tableau
    return gardees, longues


def ecrire(feuilles: dict[str, pd.DataFrame], sortie: Path) -> list[Path]:
    """Écrit un CSV (le premier tableau) ou un classeur Excel (une feuille par tableau), sans sortie partielle.

    Une feuille de plus de `LIGNES_MAX_FEUILLE` lignes part dans un CSV à côté du classeur
    (<nom du classeur>_<feuille>.csv) et la feuille du classeur le dit. Rend les fichiers écrits.
    """
    if sortie.suffix.lower() == ".csv":
        with fichiers_atomiques([sortie]) as (temporaire,):
            ecrire_csv(next(iter(feuilles.values())), temporaire)
        return [sortie]
    gardees, longues = separer_longues(feuilles, sortie.stem)
    sorties = [sortie, *(sortie.parent / nom for nom in longues)]
    with fichiers_atomiques(sorties) as temporaires:
        remplir_xlsx(gardees, temporaires[0])
        for temporaire, tableau in zip(temporaires[1:], longues.values()):
            ecrire_csv(tableau, temporaire)
    return sorties
