"""Graphiques d'un balayage (tornade, résultat selon chaque hypothèse), classeur, fichiers de résultats."""

from __future__ import annotations

import io
from pathlib import Path

import pandas as pd

from openfisca_caqes.balayage.resultats import ENSEMBLE
from openfisca_caqes.balayage.sensibilite import effets_un_a_un, hypotheses_du_tableau, indices
from openfisca_caqes.erreurs import ErreurUtilisateur
from openfisca_caqes.sorties import ecrire, fichiers_atomiques

FORMATS_TABLEAU = (".parquet", ".csv")
LIBELLES = {
    "solde_net": "Solde net (dotation − pénalités), €",
    "penalite_totale": "Pénalités, €",
    "dotation_totale": "Dotation, €",
    "perdants": "Établissements perdants",
    "etablissements_au_plafond": "Établissements au plafond",
}


def _pyplot():
    import matplotlib  # import tardif : matplotlib (lent) n'est chargé que pour dessiner

    matplotlib.use("Agg")
    import matplotlib.pyplot as plt  # import tardif : matplotlib (lent) n'est chargé que pour dessiner

    return plt


def _euros(valeur: float) -> str:
    return f"{valeur:,.0f}".replace(",", " ")


def tornade(tableau: pd.DataFrame, resultat: str = "solde_net", region: str = ENSEMBLE):
    """La figure des effets un à la fois (bornes de chaque hypothèse, les autres à la loi de base), ou None."""
    effets = effets_un_a_un(tableau, resultat, region)
    if effets.empty:
        return None
    annee = effets["annee"].iloc[0]
    effets = effets[effets["annee"] == annee].iloc[::-1]
    plt = _pyplot()
    figure, axe = plt.subplots(figsize=(7, 0.6 * len(effets) + 1.6), dpi=90)
    rangs = range(len(effets))
    axe.barh(rangs, effets["effet_bas"], color="#c0504d", label="borne basse")
    axe.barh(rangs, effets["effet_haut"], color="#4f81bd", label="borne haute")
    axe.set_yticks(list(rangs), [f"{h}\n[{b:g} ; {t:g}]" for h, b, t in zip(effets["hypothese"], effets["valeur_basse"], effets["valeur_haute"])])
    axe.axvline(0, color="black", linewidth=0.8)
    axe.xaxis.set_major_formatter(lambda valeur, _position: _euros(valeur))
    axe.set_xlabel(f"Écart à la loi de base ({_euros(effets['reference'].iloc[0])} €) — {LIBELLES.get(resultat, resultat)}")
    axe.set_title(f"Effets un à la fois — {region}, {annee}")
    axe.legend(loc="best", fontsize=8)
    figure.tight_layout()
    return figure


def nuages(tableau: pd.DataFrame, resultat: str = "solde_net", region: str = ENSEMBLE):
    """Le résultat selon chaque hypothèse (points croisés ou tirés), un panneau par hypothèse, ou None."""
    noms = hypotheses_du_tableau(tableau)
    choisis = tableau[(tableau["region"] == region) & tableau["plan"].isin(["croise", "latin", "sobol"])]
    if choisis.empty or choisis[resultat].isna().all():
        return None
    annee = choisis["annee"].min()
    choisis = choisis[choisis["annee"] == annee]
    plt = _pyplot()
    figure, axes = plt.subplots(1, len(noms), figsize=(3.2 * len(noms), 3), dpi=90, squeeze=False, sharey=True)
    for axe, nom in zip(axes[0], noms):
        axe.scatter(choisis[nom].astype("float64"), choisis[resultat].astype("float64"), s=12, alpha=0.7)
        axe.set_xlabel(nom)
    axes[0][0].set_ylabel(LIBELLES.get(resultat, resultat))
    figure.suptitle(f"{LIBELLES.get(resultat, resultat)} selon chaque hypothèse — {region}, {annee}", fontsize=10)
    figure.tight_layout()
    return figure


def png(figure) -> bytes:
    """Les octets PNG d'une figure (fermée ensuite)."""
    tampon = io.BytesIO()
    figure.savefig(tampon, format="png")
    _pyplot().close(figure)
    return tampon.getvalue()


def verifier_tableau(chemin: str | None) -> Path | None:
    """Refuse tôt un format ou un dossier de sortie impossibles (.parquet ou .csv)."""
    if chemin is None:
        return None
    sortie = Path(chemin)
    if sortie.suffix.lower() not in FORMATS_TABLEAU:
        raise ErreurUtilisateur(f"{chemin} : format de sortie non reconnu (attendu : {', '.join(FORMATS_TABLEAU)})")
    if not sortie.parent.exists():
        raise ErreurUtilisateur(f"{chemin} : le dossier {sortie.parent} n'existe pas")
    return sortie


def ecrire_tableau(tableau: pd.DataFrame, sortie: Path) -> None:
    """Écrit le tableau rangé en Parquet ou CSV, sans fichier partiel."""
    with fichiers_atomiques([sortie]) as (temporaire,):
        if sortie.suffix.lower() == ".parquet":
            tableau.to_parquet(temporaire, index=False, engine="pyarrow")
        else:
            tableau.to_csv(temporaire, index=False, encoding="utf-8")


def lire_tableau_balayage(chemin: str | Path) -> pd.DataFrame:
    """Relit un résultat de balayage (.parquet ou .csv) ; refuse un fichier qui n'en est pas un."""
    chemin = Path(chemin)
    if not chemin.is_file():
        raise ErreurUtilisateur(f"{chemin} : résultat de balayage introuvable")
    try:
        if chemin.suffix.lower() == ".parquet":
            tableau = pd.read_parquet(chemin)
        elif chemin.suffix.lower() == ".csv":
            tableau = pd.read_csv(chemin, encoding="utf-8")
        else:
            raise ErreurUtilisateur(f"{chemin} : format non reconnu (attendu : .parquet ou .csv)")
    except (OSError, ValueError, UnicodeDecodeError) as erreur:
        raise ErreurUtilisateur(f"{chemin} : résultat de balayage illisible ({erreur})") from None
    manquantes = [c for c in ("point", "plan", "annee", "region", "dotation_totale", "solde_net") if c not in tableau.columns]
    if manquantes:
        raise ErreurUtilisateur(f"{chemin} : pas un résultat de `caqes balayage` (colonne « {manquantes[0]} » absente)")
    return tableau


def ecrire_classeur(tableau: pd.DataFrame, sortie: Path, balayage=None) -> None:
    """Le classeur : résultats (ensemble puis régions), indices, effets un à la fois, hypothèses."""
    feuilles = {
        "ensemble": tableau[tableau["region"] == ENSEMBLE],
        "regions": tableau[tableau["region"] != ENSEMBLE],
        "sensibilite": indices(tableau),
        "un_a_un": effets_un_a_un(tableau),
    }
    if balayage is not None:
        feuilles["hypotheses"] = pd.DataFrame([
            {"hypothese": h.nom, "parametre": h.chemin, "feuilles": ", ".join(h.feuilles), "type": h.genre,
             "valeurs": ", ".join(map(str, h.valeurs)) if h.valeurs else "", "loi uniforme": f"[{h.loi[0]} ; {h.loi[1]}]" if h.loi else "",
             "valeur de la loi de base": h.reference}
            for h in balayage.hypotheses
        ])
    ecrire(feuilles, sortie)  # le rédacteur commun : atomique, textes jamais formules, formats par colonne


def ecrire_graphiques(tableau: pd.DataFrame, dossier: Path, resultat: str = "solde_net") -> list[Path]:
    """Écrit tornade.png et nuages.png (ceux qui ont un sens pour ce balayage) dans `dossier`."""
    ecrits = []
    for nom, fabrique in (("tornade", tornade), ("nuages", nuages)):
        figure = fabrique(tableau, resultat)
        if figure is None:
            continue
        chemin = dossier / f"{nom}.png"
        octets = png(figure)
        with fichiers_atomiques([chemin]) as (temporaire,):
            temporaire.write_bytes(octets)
        ecrits.append(chemin)
    return ecrits
