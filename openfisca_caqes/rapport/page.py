"""La page HTML du rapport : un gabarit jinja2 (`gabarits/rapport.html.j2`), des tableaux qui
défilent dans leur cadre plutôt que d'élargir la page, des images PNG intégrées."""

from __future__ import annotations

import base64
import json
from dataclasses import dataclass
from functools import lru_cache

import numpy as np
import pandas as pd
from markupsafe import Markup, escape

from openfisca_caqes.rapport.formats import est_part, euros, nombre, part

LIGNES_MAX = 60


@dataclass
class Section:
    """Un titre et son contenu HTML déjà sûr (tableaux et images produits ici)."""

    titre: str
    html: str
    classe: str = ""


@lru_cache(maxsize=1)
def _environnement():
    from jinja2 import (  # import tardif : jinja2 n'est chargé que pour écrire la page
        Environment,
        PackageLoader,
        StrictUndefined,
        select_autoescape,
    )

    return Environment(
        loader=PackageLoader("openfisca_caqes.rapport", "gabarits"),
        autoescape=select_autoescape(["html", "j2"], default_for_string=True, default=True),
        undefined=StrictUndefined,
        trim_blocks=True,
        lstrip_blocks=True,
    )


def texte_cellule(valeur, colonne: str) -> tuple[str, bool]:
    """Le texte d'une cellule (règle d'arrondi de `formats`) et s'il est numérique (aligné à droite)."""
    if valeur is None or valeur is pd.NA or (isinstance(valeur, (float, np.floating)) and np.isnan(valeur)):
        return "", False
    if isinstance(valeur, (bool, np.bool_)):
        return ("oui" if valeur else "non"), False
    if isinstance(valeur, (int, np.integer, float, np.floating)):
        if colonne.startswith(("Année", "Tirage")) and float(valeur).is_integer():
            return str(int(valeur)), True
        if "(€)" in colonne:
            return euros(float(valeur)), True
        if est_part(colonne):
            return part(float(valeur)), True
        return nombre(float(valeur)), True
    return str(valeur), False


def table_html(tableau: pd.DataFrame, lignes_max: int = LIGNES_MAX, libelle: str | None = None) -> Markup:
    """Un tableau HTML dans un cadre qui défile horizontalement ; au-delà de `lignes_max` lignes, renvoi au classeur."""
    colonnes = [str(c) for c in tableau.columns]
    lignes = [
        [texte_cellule(valeur, colonne) for valeur, colonne in zip(ligne, colonnes)]
        for ligne in tableau.head(lignes_max).itertuples(index=False)
    ]
    return Markup(_environnement().get_template("tableau.html.j2").render(
        colonnes=colonnes, lignes=lignes, reste=max(len(tableau) - lignes_max, 0), libelle=libelle or "",
    ))


def image_html(contenu: bytes, texte: str) -> Markup:
    """Une image PNG intégrée (data URI), à la largeur de la page au plus."""
    code = base64.b64encode(contenu).decode("ascii")
    return Markup('<figure class="graphique"><img alt="{}" src="data:image/png;base64,{}"></figure>').format(texte, code)


def note(texte: str) -> Markup:
    """Un paragraphe de note (texte échappé)."""
    return Markup('<p class="note">{}</p>').format(texte)


def page_html(titre: str, sections: list[Section], record: dict) -> str:
    """La page complète, rendue par le gabarit `rapport.html.j2`."""
    return _environnement().get_template("rapport.html.j2").render(
        titre=titre,
        sections=[Section(s.titre, Markup(s.html), s.classe) for s in sections],
        record=record,
        record_json=json.dumps(record, ensure_ascii=False, indent=2, sort_keys=True),
    )


__all__ = ["Section", "escape", "image_html", "note", "page_html", "table_html", "texte_cellule"]
