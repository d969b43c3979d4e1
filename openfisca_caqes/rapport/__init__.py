"""Le rapport de `caqes report`, un module par sortie :

- `graphiques` : les figures matplotlib (une quantité par axe) ;
- `page` et `gabarits/` : la page HTML autonome (jinja2), tableaux qui défilent dans la page ;
- `formats` : la règle d'arrondi commune aux graphiques et aux tableaux ;
- `execution` : l'enregistrement de l'exécution (JSON canonique) ;
- `construction` : l'assemblage et l'écriture sans fichier partiel ;
- le classeur Excel est écrit par `openfisca_caqes.sorties.remplir_xlsx` (xlsxwriter).
"""

from __future__ import annotations

from pathlib import Path

import pandas as pd

from openfisca_caqes.rapport.construction import (
    NOM_CLASSEUR,
    NOM_ENREGISTREMENT,
    NOM_HTML,
    Enveloppe,
    construire,
    ecrire_rapport,
    lisez_moi,
)
from openfisca_caqes.rapport.execution import (
    empreinte_fichier,
    empreinte_loi,
    enregistrement,
    feuille_enregistrement,
    fichier_scenario,
    json_canonique,
    options_commande,
)
from openfisca_caqes.sorties import ecrire, fichiers_atomiques


def ecrire_classeur(feuilles: dict[str, pd.DataFrame], sortie: Path) -> list[Path]:
    """Un classeur Excel mis en forme (ou, pour .csv, la première feuille) ; jamais partiel ; rend les fichiers écrits."""
    return ecrire(feuilles, sortie)


def ecrire_texte(texte: str, sortie: Path) -> None:
    """Un fichier texte UTF-8, écrit d'un coup."""
    with fichiers_atomiques([sortie]) as (temporaire,):
        temporaire.write_text(texte, encoding="utf-8")


__all__ = [
    "NOM_CLASSEUR", "NOM_ENREGISTREMENT", "NOM_HTML", "Enveloppe", "construire", "ecrire_classeur", "ecrire_rapport",
    "ecrire_texte", "empreinte_fichier", "empreinte_loi", "enregistrement", "feuille_enregistrement", "fichier_scenario",
    "json_canonique", "lisez_moi", "options_commande",
]
