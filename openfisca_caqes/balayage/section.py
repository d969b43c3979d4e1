"""La section « Balayage des modalités non publiées » de `caqes report` : un fragment HTML autonome.

    from openfisca_caqes.balayage.section import section_balayage
    html = section_balayage("resultats.parquet")   # <section>…</section>, images PNG en data URI
"""

from __future__ import annotations

import base64
import html

import pandas as pd

from openfisca_caqes.balayage.graphiques import lire_tableau_balayage, nuages, png, tornade
from openfisca_caqes.balayage.resultats import ENSEMBLE
from openfisca_caqes.balayage.sensibilite import effets_un_a_un, hypotheses_du_tableau, indices


def _image(figure, texte: str) -> str:
    if figure is None:
        return ""
    donnees = base64.b64encode(png(figure)).decode("ascii")
    return f'<figure><img alt="{html.escape(texte)}" src="data:image/png;base64,{donnees}"><figcaption>{html.escape(texte)}</figcaption></figure>'


def _euros(valeur) -> str:
    return "—" if pd.isna(valeur) else f"{int(valeur):,}".replace(",", " ") + " €"


def section_balayage(chemin, resultat: str = "solde_net", region: str = ENSEMBLE) -> str:
    """Le fragment HTML d'un résultat de balayage : étendue des résultats, tornade, nuages, indices."""
    tableau = lire_tableau_balayage(chemin)
    noms = hypotheses_du_tableau(tableau)
    ensemble = tableau[tableau["region"] == region]
    points = tableau["point"].nunique()
    morceaux = [
        '<section class="balayage">',
        "<h2>Balayage des modalités non publiées de l'IFEP</h2>",
        f"<p>{points} points (référence, effets un à la fois, plan {html.escape(', '.join(sorted(set(tableau['plan']) - {'reference', 'un_a_un'})) or '—')}), "
        f"hypothèses : {html.escape(', '.join(noms))} ; années évaluées : {', '.join(map(str, sorted(tableau['annee'].unique())))}.</p>",
        "<table><thead><tr><th>Année</th><th>Résultat</th><th>Loi de base</th><th>Minimum</th><th>Maximum</th></tr></thead><tbody>",
    ]
    for annee, groupe in ensemble.groupby("annee", sort=True):
        reference = groupe[groupe["plan"] == "reference"]
        for nom in ("dotation_totale", "penalite_totale", "solde_net"):
            base = reference[nom].iloc[0] if not reference.empty else None
            morceaux.append(f"<tr><td>{annee}</td><td>{nom}</td><td>{_euros(base)}</td><td>{_euros(groupe[nom].min())}</td><td>{_euros(groupe[nom].max())}</td></tr>")
    morceaux.append("</tbody></table>")
    morceaux.append(_image(tornade(tableau, resultat, region), f"Effets un à la fois sur {resultat} ({region})"))
    morceaux.append(_image(nuages(tableau, resultat, region), f"{resultat} selon chaque hypothèse ({region})"))
    effets = effets_un_a_un(tableau, resultat, region)
    if not effets.empty:
        premiere = effets.iloc[0]
        morceaux.append(f"<p>Un à la fois, l'hypothèse qui déplace le plus {html.escape(resultat)} ({region}, {premiere['annee']}) est "
                        f"<strong>{html.escape(premiere['hypothese'])}</strong> : de {_euros(premiere['effet_bas'])} à {_euros(premiere['effet_haut'])} autour de la loi de base.</p>")
    table = indices(tableau)
    table = table[(table["region"] == region) & (table["resultat"] == resultat)]
    if not table.empty:
        morceaux.append("<table><thead><tr><th>Année</th><th>Hypothèse</th><th>Premier ordre S1</th><th>Effet total ST</th><th>Méthode</th></tr></thead><tbody>")
        for _, ligne in table.iterrows():
            s1 = "—" if pd.isna(ligne["premier_ordre"]) else f"{ligne['premier_ordre']:.2f} ± {ligne['premier_ordre_ic']:.2f}" if not pd.isna(ligne["premier_ordre_ic"]) else f"{ligne['premier_ordre']:.2f}"
            st = "—" if pd.isna(ligne["effet_total"]) else f"{ligne['effet_total']:.2f} ± {ligne['effet_total_ic']:.2f}"
            morceaux.append(f"<tr><td>{ligne['annee']}</td><td>{html.escape(ligne['hypothese'])}</td><td>{s1}</td><td>{st}</td><td>{html.escape(ligne['methode'])}</td></tr>")
        morceaux.append("</tbody></table>")
    morceaux.append("</section>")
    return "\n".join(m for m in morceaux if m)
