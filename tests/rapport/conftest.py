"""Un rapport calculé une fois pour les tests de tests/rapport : population embarquée, trois régimes,
et un petit résultat de balayage écrit à la main (trois points, une hypothèse)."""

from __future__ import annotations

import pandas as pd
import pytest

from openfisca_caqes.balayage.resultats import RESULTATS
from openfisca_caqes.cli import main


def ecrire_balayage(chemin):
    """Un résultat de `caqes balayage` minimal : référence et deux points un à la fois, ensemble et Occitanie."""
    lignes = []
    for point, plan, plafond in ((0, "reference", 0.02), (1, "un_a_un", 0.01), (2, "un_a_un", 0.03)):
        for region in ("ensemble", "occitanie"):
            lignes.append({"point": point, "plan": plan, "annee": 2027, "region": region, "plafond": plafond,
                           **{nom: 1000 * (point + 1) for nom in RESULTATS}})
    pd.DataFrame(lignes).to_csv(chemin, index=False)
    return chemin


@pytest.fixture(scope="session")
def rapport(tmp_path_factory):
    """Le dossier d'un rapport complet (page, classeur, enregistrement) avec la section du balayage."""
    racine = tmp_path_factory.mktemp("rapport")
    balayage = ecrire_balayage(racine / "balayage.csv")
    dossier = racine / "sortie"
    code = main(["report", "--regimes", "2018,2025,2027", "--tirages", "30", "--graine", "3", "--annee-caisse", "2027", "2028",
                 "--dossier-sortie", str(dossier), "--balayage", str(balayage)])
    assert code == 0
    return dossier
