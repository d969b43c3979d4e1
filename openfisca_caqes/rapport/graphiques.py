"""Les graphiques du rapport (matplotlib, PNG) : une quantité par axe, arrondis de `formats`."""

from __future__ import annotations

import io
import re

import numpy as np

from openfisca_caqes.comparaison import ORDRE_BANDES
from openfisca_caqes.rapport.formats import euros_court, part, part_axe

COULEURS_BANDES = {
    "gain_fort": "#1a7f37",
    "gain_faible": "#8fd19e",
    "aucun": "#c8c8c8",
    "perte_faible": "#f4a6a6",
    "perte_forte": "#b42318",
    "non_mesurable": "#e8e3d3",
}
COULEURS = ["#1f4e79", "#b42318", "#1a7f37", "#7a4fa3", "#c77c02"]
SEUIL_LINEAIRE = 10_000  # échelle linéaire entre −10 000 € et 10 000 €, logarithmique au-delà
PART_ETIQUETEE = 0.06  # une bande plus étroite que 6 % n'est pas étiquetée (le tableau donne sa part)


def _pyplot():
    import matplotlib  # import tardif : matplotlib (lent) n'est chargé que pour dessiner

    matplotlib.use("Agg")
    import matplotlib.pyplot as plt  # import tardif : matplotlib (lent) n'est chargé que pour dessiner

    return plt


def png(figure) -> bytes:
    """La figure en PNG (110 dpi), puis fermée."""
    plt = _pyplot()
    tampon = io.BytesIO()
    figure.savefig(tampon, format="png", dpi=110, bbox_inches="tight")
    plt.close(figure)
    return tampon.getvalue()


def _horizontal() -> dict:
    """Boîtes horizontales : `orientation` depuis matplotlib 3.10, `vert` avant."""
    import matplotlib  # import tardif : matplotlib (lent) n'est chargé que pour dessiner

    version = tuple(int(partie) for partie in re.findall(r"\d+", matplotlib.__version__)[:2])
    return {"orientation": "horizontal"} if version >= (3, 10) else {"vert": False}


def graphique_soldes(comparaison):
    """Distribution du solde (intéressements − pénalités) par régime, établissements dans le champ."""
    plt = _pyplot()
    from matplotlib.ticker import FuncFormatter  # import tardif : matplotlib (lent) n'est chargé que pour dessiner

    colonnes = comparaison.colonnes
    figure, axe = plt.subplots(figsize=(9, 1.1 + 0.75 * len(colonnes)))
    donnees, etiquettes = [], []
    rng = np.random.default_rng(0)
    for rang, colonne in enumerate(colonnes):
        bloc = comparaison.detail[(comparaison.detail["colonne"] == colonne.libelle) & comparaison.detail["dans_champ"]]
        valeurs = bloc["solde"].to_numpy(np.float64)
        donnees.append(valeurs)
        etiquettes.append(f"{colonne.libelle}\n({len(valeurs)} étab.)")
        axe.scatter(valeurs, rang + 1 + rng.uniform(-0.18, 0.18, len(valeurs)), s=9, alpha=0.45, color="#1f4e79", linewidths=0)
    axe.boxplot(donnees, **_horizontal(), widths=0.5, showfliers=False, medianprops={"color": "#b42318"})
    axe.set_yticks(range(1, len(colonnes) + 1), etiquettes)
    axe.invert_yaxis()
    axe.set_xscale("symlog", linthresh=SEUIL_LINEAIRE)
    toutes = np.concatenate([d for d in donnees if len(d)] or [np.zeros(1)])
    graduations = [0.0]
    for signe, extreme in ((1, toutes.max(initial=0)), (-1, -toutes.min(initial=0))):
        puissances = range(4, int(np.floor(np.log10(max(extreme, 1)))) + 1)
        graduations += [signe * 10.0**puissance for puissance in puissances]
    axe.set_xticks(sorted(graduations))
    axe.xaxis.set_major_formatter(FuncFormatter(euros_court))
    axe.axvline(0, color="black", linewidth=0.8)
    axe.set_xlabel("Solde de l'année évaluée : intéressements − pénalités (échelle log symétrique)")
    axe.set_title("Solde par établissement dans le champ, par régime")
    axe.grid(axis="x", alpha=0.3)
    return figure


def parts_par_bande(comparaison) -> dict[str, np.ndarray]:
    """Pour chaque bande, la part des établissements de chaque colonne comparée (même calcul que le tableau)."""

    detail = comparaison.detail[comparaison.detail["colonne"] != comparaison.reference]
    colonnes = [c.libelle for c in comparaison.comparees]
    effectifs = detail.groupby(["colonne", "bande"]).size().unstack(fill_value=0).reindex(index=colonnes, columns=list(ORDRE_BANDES), fill_value=0)
    totaux = effectifs.sum(axis=1).replace(0, 1)
    return {bande: (effectifs[bande] / totaux).to_numpy(np.float64) for bande in ORDRE_BANDES}


def graphique_gagnants(comparaison):
    """Part des établissements par bande de gain ou de perte, par colonne comparée."""
    plt = _pyplot()
    from matplotlib.ticker import FuncFormatter  # import tardif : matplotlib (lent) n'est chargé que pour dessiner

    colonnes = [c.libelle for c in comparaison.comparees]
    figure, axe = plt.subplots(figsize=(9, 1.4 + 0.6 * max(len(colonnes), 1)))
    gauche = np.zeros(len(colonnes))
    for bande, parts in parts_par_bande(comparaison).items():
        if not parts.any():
            continue
        axe.barh(colonnes, parts, left=gauche, color=COULEURS_BANDES[bande], label=comparaison.libelles_bandes[bande])
        for y, (debut, valeur) in enumerate(zip(gauche, parts)):
            if valeur >= PART_ETIQUETEE:
                axe.text(debut + valeur / 2, y, part(valeur), ha="center", va="center", fontsize=8)
        gauche += parts
    axe.set_xlim(0, 1)
    axe.invert_yaxis()
    axe.xaxis.set_major_formatter(FuncFormatter(part_axe))
    axe.set_xlabel(f"Part des établissements (écart du solde à « {comparaison.reference} », rapporté aux produits AM N-1)")
    axe.set_title(f"Gagnants et perdants par rapport à « {comparaison.reference} »")
    axe.legend(loc="upper center", bbox_to_anchor=(0.5, -0.28), ncol=3, fontsize=8, frameon=False)
    return figure


def graphique_enveloppe(resultat, region: str, annee_performance: int, annee_caisse: int):
    """Trois axes, une quantité chacun : gagné face à l'enveloppe (€), utilisation de l'enveloppe, coefficient versé/gagné."""
    plt = _pyplot()
    from matplotlib.ticker import FuncFormatter  # import tardif : matplotlib (lent) n'est chargé que pour dessiner

    figure, (euros_axe, utilisation, coefficient) = plt.subplots(1, 3, figsize=(12, 3.8))
    euros_axe.hist(resultat.demandes_totales, bins=40, color="#1f4e79", alpha=0.8)
    euros_axe.axvline(resultat.montant, color="#b42318", linewidth=2, label=f"enveloppe {euros_court(resultat.montant)}")
    euros_axe.xaxis.set_major_formatter(FuncFormatter(euros_court))
    euros_axe.tick_params(axis="x", labelrotation=30)
    euros_axe.set_xlabel("Intéressements régionaux gagnés (€)")
    euros_axe.set_ylabel("Tirages")
    euros_axe.set_title(f"P(réduction au prorata) = {part(resultat.probabilite_reduction)}", fontsize=10)
    euros_axe.legend(fontsize=8)
    for axe, valeurs, couleur, libelle in (
        (utilisation, resultat.taux_utilisation, "#1a7f37", "Versé / enveloppe (utilisation)"),
        (coefficient, resultat.coefficient, "#c77c02", "Versé / gagné (coefficient)"),
    ):
        valeurs = np.asarray(valeurs, dtype=np.float64)
        axe.hist(valeurs, bins=np.linspace(min(float(valeurs.min()), 0.95), max(float(valeurs.max()), 1.0) + 0.01, 40), color=couleur, alpha=0.8)
        axe.axvline(1.0, color="black", linewidth=1)
        axe.xaxis.set_major_formatter(FuncFormatter(part_axe))
        axe.set_xlabel(libelle)
        axe.set_title(f"Médiane {part(float(np.median(valeurs)))}", fontsize=10)
    figure.suptitle(
        f"Enveloppe régionale — {region} : performance {annee_performance}, payée en {annee_caisse} ({resultat.tirages} tirages)"
    )
    figure.tight_layout()
    return figure


def points_ifep(comparaison) -> list[tuple[str, np.ndarray, np.ndarray]]:
    """Pour chaque colonne IFEP (2027 et après) : libellé, plafonds, pénalités (euros, float64)."""
    detail = comparaison.detail
    if "ifep_penalite" not in detail or "ifep_plafond_penalite" not in detail:
        return []
    points = []
    for colonne in comparaison.colonnes:
        if colonne.annee >= 2027:
            bloc = detail[detail["colonne"] == colonne.libelle]
            points.append((colonne.libelle, bloc["ifep_plafond_penalite"].to_numpy(np.float64), bloc["ifep_penalite"].to_numpy(np.float64)))
    return points


def graphique_ifep(comparaison):
    """La pénalité IFEP de chaque établissement pénalisé face à son plafond, axes logarithmiques, droite du plafond."""
    points = points_ifep(comparaison)
    if not points:
        return None
    plt = _pyplot()
    from matplotlib.ticker import FuncFormatter  # import tardif : matplotlib (lent) n'est chargé que pour dessiner

    figure, axe = plt.subplots(figsize=(7.5, 5.5))
    plafonds, penalites = [np.zeros(0)], [np.zeros(0)]
    for rang, (libelle, plafond, penalite) in enumerate(points):
        visibles = (penalite > 0) & (plafond > 0)
        au_plafond = int(np.sum(visibles & (penalite >= plafond)))
        axe.scatter(
            plafond[visibles], penalite[visibles], s=14, alpha=0.6, color=COULEURS[rang % len(COULEURS)],
            label=f"{libelle} : {int(visibles.sum())} pénalisés, dont {au_plafond} au plafond ; {int((~visibles).sum())} sans pénalité (hors graphique)",
        )
        plafonds.append(plafond[visibles])
        penalites.append(penalite[visibles])
    plafonds, penalites = np.concatenate(plafonds), np.concatenate(penalites)
    if not len(plafonds):
        plafonds = penalites = np.array([1.0, 10.0])
    abscisses = np.array([plafonds.min() / 1.5, plafonds.max() * 1.5])  # chaque axe sur l'étendue de sa quantité
    ordonnees = np.array([penalites.min() / 1.5, max(penalites.max(), plafonds.max()) * 1.5])
    axe.plot(abscisses, abscisses, color="black", linewidth=1.2, linestyle="--", label="pénalité = plafond")
    axe.set_xscale("log")
    axe.set_yscale("log")
    axe.set_xlim(*abscisses)
    axe.set_ylim(*ordonnees)
    axe.xaxis.set_major_formatter(FuncFormatter(euros_court))
    axe.yaxis.set_major_formatter(FuncFormatter(euros_court))
    axe.set_xlabel("Plafond de la pénalité IFEP (2 % du financement total, échelle log)")
    axe.set_ylabel("Pénalité IFEP (échelle log)")
    axe.set_title("IFEP : pénalité et plafond, établissements pénalisés")
    axe.legend(fontsize=7, loc="upper left")
    axe.grid(alpha=0.3)
    return figure
