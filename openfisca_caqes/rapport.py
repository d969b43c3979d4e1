"""Le rapport : une page HTML autonome (graphiques PNG en base64), un classeur Excel lisible sans
Python, et l'enregistrement de l'exécution (versions, scénarios, empreinte sha256 des entrées).

Aucun fichier partiel : tout est écrit dans des fichiers temporaires du dossier de sortie, puis
renommé d'un coup à la fin.
"""

from __future__ import annotations

import base64
import hashlib
import html
import io
import json
import platform
import re
from dataclasses import dataclass
from datetime import datetime, timezone
from importlib import metadata
from pathlib import Path

import numpy as np
import pandas as pd

from openfisca_caqes.sorties import ecrire_csv, fichiers_atomiques, preparer_excel, textes_sans_formule
from openfisca_caqes import DOSSIER_PARAMETRES, DOSSIER_VARIABLES, RACINE_LOI, __version__

NOM_HTML = "rapport_caqes.html"
NOM_CLASSEUR = "rapport_caqes.xlsx"
NOM_ENREGISTREMENT = "rapport_caqes_execution.json"
LARGEUR_MAX_COLONNE = 48
FORMAT_EUROS = '#,##0" €"'
FORMAT_TAUX = "0.000%"
FORMAT_PART = "0.0%"


# ----- Écrire sans sortie partielle ------------------------------------------------------------


def _format(nom: str) -> str | None:
    if "(€)" in nom or nom.endswith("€"):
        return FORMAT_EUROS
    if nom.startswith("Écart /") or "taux" in nom.lower() or "coefficient" in nom.lower():
        return FORMAT_TAUX
    if nom.startswith("Part") or nom.startswith("Probabilité"):
        return FORMAT_PART
    return None


def _remplir_classeur(feuilles: dict[str, pd.DataFrame], chemin: Path) -> None:
    from openpyxl.styles import Alignment, Font, PatternFill
    from openpyxl.utils import get_column_letter

    entete = Font(bold=True)
    fond = PatternFill("solid", fgColor="DDE6F0")
    with pd.ExcelWriter(chemin, engine="openpyxl") as classeur:
        for nom, tableau in feuilles.items():
            titre = _titre_feuille(nom)
            tableau = preparer_excel(tableau)
            tableau.to_excel(classeur, sheet_name=titre, index=False)
            feuille = classeur.sheets[titre]
            textes_sans_formule(feuille, tableau)
            feuille.freeze_panes = "B2" if len(tableau.columns) > 3 else "A2"
            for rang, colonne in enumerate(tableau.columns, start=1):
                lettre = get_column_letter(rang)
                cellule = feuille.cell(row=1, column=rang)
                cellule.font = entete
                cellule.fill = fond
                cellule.alignment = Alignment(wrap_text=True, vertical="top")
                valeurs = tableau[colonne].astype(str).str.len()
                largeur = max(min(len(str(colonne)), 24), int(valeurs.max()) if len(valeurs) else 0) + 2
                feuille.column_dimensions[lettre].width = min(largeur, LARGEUR_MAX_COLONNE)
                format_ = _format(str(colonne))
                if format_ and pd.api.types.is_numeric_dtype(tableau[colonne]):
                    for ligne in feuille.iter_rows(min_row=2, min_col=rang, max_col=rang):
                        ligne[0].number_format = format_
                if not pd.api.types.is_numeric_dtype(tableau[colonne]):
                    for ligne in feuille.iter_rows(min_row=2, min_col=rang, max_col=rang):
                        ligne[0].alignment = Alignment(wrap_text=True, vertical="top")


def _titre_feuille(nom: str) -> str:
    interdits = str.maketrans({c: " " for c in "[]:*?/\\"})
    return nom.translate(interdits)[:31]


def ecrire_classeur(feuilles: dict[str, pd.DataFrame], sortie: Path) -> None:
    """Un classeur Excel mis en forme (ou, pour .csv, la première feuille) ; jamais partiel."""
    with fichiers_atomiques([sortie]) as (temporaire,):
        if sortie.suffix.lower() == ".csv":
            ecrire_csv(next(iter(feuilles.values())), temporaire)
        else:
            _remplir_classeur(feuilles, temporaire)


def ecrire_texte(texte: str, sortie: Path) -> None:
    with fichiers_atomiques([sortie]) as (temporaire,):
        temporaire.write_text(texte, encoding="utf-8")


# ----- L'enregistrement de l'exécution ----------------------------------------------------------


def empreinte_fichier(chemin: Path) -> str:
    condensat = hashlib.sha256()
    with open(chemin, "rb") as flux:
        for bloc in iter(lambda: flux.read(1 << 20), b""):
            condensat.update(bloc)
    return condensat.hexdigest()


def empreinte_loi() -> str:
    """sha256 des fichiers de la loi (paramètres et variables), dans un ordre fixe."""
    condensat = hashlib.sha256()
    fichiers = sorted(
        chemin for dossier in (DOSSIER_PARAMETRES, DOSSIER_VARIABLES)
        for chemin in Path(dossier).rglob("*") if chemin.suffix in (".yaml", ".py")
    )
    for chemin in fichiers:
        condensat.update(str(chemin.relative_to(RACINE_LOI)).encode())
        condensat.update(chemin.read_bytes())
    return condensat.hexdigest()


def fichier_scenario(nom_ou_chemin: str) -> Path | None:
    """Le fichier YAML d'un scénario (nom livré ou chemin), s'il existe."""
    chemin = Path(nom_ou_chemin)
    if chemin.is_file():
        return chemin.resolve()
    candidat = RACINE_LOI / "reforms" / "scenarios" / f"{nom_ou_chemin}.yaml"
    return candidat.resolve() if candidat.is_file() else None


def _version(paquet: str) -> str:
    try:
        return metadata.version(paquet)
    except metadata.PackageNotFoundError:
        return "absent"


def options_commande(arguments) -> dict:
    """Les options de la ligne de commande, telles qu'analysées (de quoi la rejouer)."""
    return {
        cle: valeur for cle, valeur in sorted(vars(arguments).items())
        if not callable(valeur) and isinstance(valeur, (str, int, float, bool, list, type(None)))
    }


def enregistrement(
    options: dict,
    population: str,
    etablissements: int,
    colonnes=(),
    reference: str | None = None,
    **autres,
) -> dict:
    """Ce qu'il faut pour refaire le calcul : versions, entrées et leurs empreintes, options."""
    source = Path(str(population))
    scenarios = []
    for colonne in colonnes:
        if colonne.scenario:
            fichier = fichier_scenario(colonne.scenario)
            scenarios.append(
                {
                    "nom": colonne.libelle,
                    "source": colonne.scenario,
                    "fichier": str(fichier) if fichier else None,
                    "sha256": empreinte_fichier(fichier) if fichier else None,
                }
            )
    return {
        "outil": "openfisca-caqes",
        "version": __version__,
        "date_utc": datetime.now(timezone.utc).isoformat(timespec="seconds"),
        "options": options,
        "population": {
            "source": str(population),
            "sha256": empreinte_fichier(source) if source.is_file() else None,
            "etablissements": int(etablissements),
        },
        "loi": {"dossier": str(RACINE_LOI), "sha256": empreinte_loi()},
        "scenarios": scenarios,
        "regimes": [
            {
                "libelle": colonne.libelle,
                "loi": colonne.scenario or "référence",
                "annee_evaluee": colonne.annee,
                "annee_donnees": colonne.annee_donnees,
                "decalage": colonne.decalage,
            }
            for colonne in colonnes
        ],
        "reference": reference,
        **autres,
        "environnement": {
            "python": platform.python_version(),
            "openfisca-core": _version("openfisca-core"),
            "numpy": np.__version__,
            "pandas": pd.__version__,
            "plateforme": platform.platform(),
        },
    }


def feuille_enregistrement(record: dict) -> pd.DataFrame:
    """L'enregistrement à plat (clé, valeur), pour une feuille Excel."""
    lignes = []

    def aplatir(prefixe: str, valeur) -> None:
        if isinstance(valeur, dict):
            for cle, sous in valeur.items():
                aplatir(f"{prefixe}.{cle}" if prefixe else str(cle), sous)
        elif isinstance(valeur, list) and valeur and isinstance(valeur[0], dict):
            for rang, sous in enumerate(valeur, start=1):
                aplatir(f"{prefixe}[{rang}]", sous)
        else:
            lignes.append((prefixe, " ".join(map(str, valeur)) if isinstance(valeur, list) else str(valeur)))

    aplatir("", record)
    return pd.DataFrame(lignes, columns=["Clé", "Valeur"])


# ----- Les graphiques ----------------------------------------------------------------------------

COULEURS_BANDES = {
    "gain_fort": "#1a7f37",
    "gain_faible": "#8fd19e",
    "aucun": "#c8c8c8",
    "perte_faible": "#f4a6a6",
    "perte_forte": "#b42318",
    "non_mesurable": "#e8e3d3",
}


def _pyplot():
    import matplotlib

    matplotlib.use("Agg")
    import matplotlib.pyplot as plt

    return plt


def _euros(valeur, _position=None) -> str:
    if abs(valeur) >= 1e6:
        return f"{valeur / 1e6:.{0 if valeur % 1e6 == 0 else 1}f} M€".replace(".", ",")
    if abs(valeur) >= 1e3:
        return f"{valeur / 1e3:.0f} k€"
    return f"{valeur:.0f} €"


def png(figure) -> bytes:
    plt = _pyplot()
    tampon = io.BytesIO()
    figure.savefig(tampon, format="png", dpi=110, bbox_inches="tight")
    plt.close(figure)
    return tampon.getvalue()


def _horizontal() -> dict:
    """Boîtes horizontales : `orientation` depuis matplotlib 3.10, `vert` avant."""
    import matplotlib

    version = tuple(int(partie) for partie in re.findall(r"\d+", matplotlib.__version__)[:2])
    return {"orientation": "horizontal"} if version >= (3, 10) else {"vert": False}


SEUIL_LINEAIRE = 10_000  # échelle linéaire entre −10 000 € et 10 000 €, logarithmique au-delà


def graphique_soldes(comparaison):
    """Distribution du solde (intéressements − pénalités) par régime, établissements dans le champ."""
    plt = _pyplot()
    from matplotlib.ticker import FuncFormatter

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
    axe.xaxis.set_major_formatter(FuncFormatter(_euros))
    axe.axvline(0, color="black", linewidth=0.8)
    axe.set_xlabel("Solde de l'année évaluée : intéressements − pénalités (échelle log symétrique)")
    axe.set_title("Solde par établissement dans le champ, par régime")
    axe.grid(axis="x", alpha=0.3)
    return figure


def graphique_gagnants(comparaison):
    """Part des établissements par bande de gain ou de perte, par colonne comparée."""
    plt = _pyplot()
    from openfisca_caqes.comparaison import ORDRE_BANDES

    detail = comparaison.detail[comparaison.detail["colonne"] != comparaison.reference]
    colonnes = [c.libelle for c in comparaison.comparees]
    figure, axe = plt.subplots(figsize=(9, 1.4 + 0.6 * max(len(colonnes), 1)))
    gauche = np.zeros(len(colonnes))
    for bande in ORDRE_BANDES:
        parts = np.array([
            float(np.mean(detail.loc[detail["colonne"] == nom, "bande"] == bande)) if (detail["colonne"] == nom).any() else 0.0
            for nom in colonnes
        ])
        if not parts.any():
            continue
        axe.barh(colonnes, parts, left=gauche, color=COULEURS_BANDES[bande], label=comparaison.libelles_bandes[bande])
        for y, (debut, part) in enumerate(zip(gauche, parts)):
            if part >= 0.06:
                axe.text(debut + part / 2, y, f"{part:.0%}", ha="center", va="center", fontsize=8)
        gauche += parts
    axe.set_xlim(0, 1)
    axe.invert_yaxis()
    axe.xaxis.set_major_formatter(lambda x, _: f"{x:.0%}")
    axe.set_xlabel(f"Part des établissements (écart du solde à « {comparaison.reference} », rapporté aux produits AM N-1)")
    axe.set_title(f"Gagnants et perdants par rapport à « {comparaison.reference} »")
    axe.legend(loc="upper center", bbox_to_anchor=(0.5, -0.28), ncol=3, fontsize=8, frameon=False)
    return figure


def graphique_enveloppe(resultat, region: str, annee_performance: int, annee_caisse: int):
    """Intéressements gagnés tirés face à l'enveloppe, et taux d'utilisation de l'enveloppe."""
    plt = _pyplot()
    from matplotlib.ticker import FuncFormatter

    figure, (gauche, droite) = plt.subplots(1, 2, figsize=(10, 3.6))
    gauche.hist(resultat.demandes_totales, bins=40, color="#1f4e79", alpha=0.8)
    gauche.axvline(resultat.montant, color="#b42318", linewidth=2, label=f"enveloppe {_euros(resultat.montant)}")
    gauche.xaxis.set_major_formatter(FuncFormatter(_euros))
    gauche.set_xlabel("Intéressements régionaux gagnés (somme des établissements)")
    gauche.set_ylabel("Tirages")
    gauche.set_title(f"P(réduction au prorata) = {resultat.probabilite_reduction:.0%}")
    gauche.legend(fontsize=8)
    bas = min(0.5, float(np.min(resultat.coefficient)), float(np.min(resultat.taux_utilisation)))
    haut = max(1.0, float(np.max(resultat.taux_utilisation)))
    intervalles = np.linspace(bas, haut + 0.02, 45)
    droite.hist(resultat.taux_utilisation, bins=intervalles, color="#1a7f37", alpha=0.7, label="versé / enveloppe (utilisation)")
    droite.hist(resultat.coefficient, bins=intervalles, color="#c77c02", alpha=0.6, label="versé / gagné (coefficient)")
    droite.axvline(1.0, color="black", linewidth=1)
    droite.xaxis.set_major_formatter(lambda x, _: f"{x:.0%}")
    droite.set_xlabel("Part de l'enveloppe utilisée, part du gagné versée")
    droite.set_title(
        f"Utilisation médiane {np.median(resultat.taux_utilisation):.0%}, coefficient médian {np.median(resultat.coefficient):.0%}"
    )
    droite.legend(fontsize=8, loc="upper left")
    figure.suptitle(
        f"Enveloppe régionale — {region} : performance {annee_performance}, payée en {annee_caisse} "
        f"({resultat.tirages} tirages)"
    )
    figure.tight_layout()
    return figure


def graphique_ifep(comparaison):
    """La pénalité IFEP de chaque établissement face à son plafond (2 % du financement total)."""
    plt = _pyplot()
    from matplotlib.ticker import FuncFormatter

    detail = comparaison.detail
    if "ifep_penalite" not in detail or "ifep_plafond_penalite" not in detail:
        return None
    colonnes = [c for c in comparaison.colonnes if c.annee >= 2027]
    if not colonnes:
        return None
    figure, axe = plt.subplots(figsize=(7, 5))
    maximum = 1.0
    couleurs = ["#1f4e79", "#b42318", "#1a7f37", "#7a4fa3", "#c77c02"]
    for rang, colonne in enumerate(colonnes):
        bloc = detail[detail["colonne"] == colonne.libelle]
        plafond = bloc["ifep_plafond_penalite"].to_numpy(np.float64)
        penalite = bloc["ifep_penalite"].to_numpy(np.float64)
        au_plafond = int(np.sum((penalite >= plafond) & (plafond > 0)))
        penalisees = int(np.sum(penalite > 0))
        axe.scatter(
            plafond, penalite, s=14, alpha=0.6, color=couleurs[rang % len(couleurs)],
            label=f"{colonne.libelle} : {penalisees} pénalisés, {au_plafond} au plafond",
        )
        maximum = max(maximum, float(np.nanmax(plafond, initial=0)), float(np.nanmax(penalite, initial=0)))
    axe.plot([0, maximum], [0, maximum], color="black", linewidth=1, linestyle="--", label="pénalité = plafond")
    axe.xaxis.set_major_formatter(FuncFormatter(_euros))
    axe.yaxis.set_major_formatter(FuncFormatter(_euros))
    axe.set_xlabel("Plafond de la pénalité IFEP (2 % du financement total)")
    axe.set_ylabel("Pénalité IFEP")
    axe.set_title("IFEP : pénalité et plafond, par établissement")
    axe.legend(fontsize=8)
    axe.grid(alpha=0.3)
    return figure


# ----- La page HTML ------------------------------------------------------------------------------

STYLE = """
body { font-family: "DejaVu Sans", Arial, sans-serif; margin: 2em auto; max-width: 1100px; color: #1b1b1b; line-height: 1.45; }
h1 { color: #1f4e79; } h2 { color: #1f4e79; border-bottom: 1px solid #c8d3e0; padding-bottom: .2em; margin-top: 2em; }
table { border-collapse: collapse; font-size: 0.85em; margin: .8em 0; }
th, td { border: 1px solid #c8d3e0; padding: .25em .6em; }
th { background: #dde6f0; text-align: left; } td.n { text-align: right; white-space: nowrap; }
img { max-width: 100%; border: 1px solid #e0e0e0; } .note { color: #555; font-size: .9em; }
pre { background: #f6f8fa; padding: 1em; overflow-x: auto; font-size: .8em; }
"""


def _cellule(valeur, colonne: str) -> str:
    if isinstance(valeur, (int, np.integer)) and not isinstance(valeur, (bool, np.bool_)):
        texte = str(int(valeur)) if colonne.startswith(("Année", "Tirage")) else f"{int(valeur):,}".replace(",", " ")
        return f'<td class="n">{texte}{" €" if "(€)" in colonne else ""}</td>'
    if isinstance(valeur, (float, np.floating)):
        if np.isnan(valeur):
            return "<td></td>"
        if "(€)" in colonne:
            return f'<td class="n">{valeur:,.0f} €</td>'.replace(",", " ")
        if colonne.startswith(("Part", "Probabilité", "Taux", "Écart /")) or "taux" in colonne.lower():
            return f'<td class="n">{valeur:.1%}</td>'.replace(".", ",")
        return f'<td class="n">{valeur:,.4g}</td>'.replace(",", " ").replace(".", ",")
    return f"<td>{html.escape(str(valeur))}</td>"


def table_html(tableau: pd.DataFrame, lignes_max: int = 60) -> str:
    entetes = "".join(f"<th>{html.escape(str(c))}</th>" for c in tableau.columns)
    corps = []
    for ligne in tableau.head(lignes_max).itertuples(index=False):
        corps.append("<tr>" + "".join(_cellule(v, str(c)) for v, c in zip(ligne, tableau.columns)) + "</tr>")
    suite = ""
    if len(tableau) > lignes_max:
        suite = f'<p class="note">… {len(tableau) - lignes_max} lignes de plus dans le classeur Excel.</p>'
    return f"<table><thead><tr>{entetes}</tr></thead><tbody>{''.join(corps)}</tbody></table>{suite}"


def image_html(contenu: bytes, texte: str) -> str:
    code = base64.b64encode(contenu).decode("ascii")
    return f'<p><img alt="{html.escape(texte)}" src="data:image/png;base64,{code}"></p>'


@dataclass
class Section:
    titre: str
    html: str


def page_html(titre: str, sections: list[Section], record: dict) -> str:
    contenu = "\n".join(f"<h2>{html.escape(s.titre)}</h2>\n{s.html}" for s in sections)
    enregistrement = html.escape(json.dumps(record, ensure_ascii=False, indent=2))
    return f"""<!DOCTYPE html>
<html lang="fr"><head><meta charset="utf-8"><title>{html.escape(titre)}</title><style>{STYLE}</style></head>
<body>
<h1>{html.escape(titre)}</h1>
<p class="note">openfisca-caqes {html.escape(str(record.get("version")))} — calculé le {html.escape(str(record.get("date_utc")))} (UTC) —
population {html.escape(str(record["population"]["source"]))} ({record["population"]["etablissements"]} établissements,
sha256 {html.escape(str(record["population"]["sha256"]))}).</p>
{contenu}
<h2>Enregistrement de l'exécution</h2>
<p class="note">De quoi refaire ce calcul à l'identique (aussi dans le fichier JSON à côté de cette page).</p>
<pre>{enregistrement}</pre>
</body></html>
"""


# ----- Le rapport complet ------------------------------------------------------------------------


@dataclass
class Enveloppe:
    """La partie « enveloppe régionale » du rapport : un résultat de tirages, ou la raison de son absence."""

    region: str
    annee_performance: int | None = None
    annee_caisse: int | None = None
    resultat: object | None = None
    par_etablissement: pd.DataFrame | None = None
    modele: pd.DataFrame | None = None
    absence: str | None = None


def lisez_moi(comparaison, enveloppe: Enveloppe) -> pd.DataFrame:
    lignes = [
        ("À quoi sert ce classeur", "Ce que chaque régime du CAQES (2018, 2022, 2025) et l'IFEP (2027) versent ou reprennent "
         "aux mêmes établissements, calculé par openfisca-caqes. Chaque montant est en euros entiers."),
        ("Année évaluée", "Chaque régime est calculé pour une année de performance ; il est payé l'année suivante "
         "(année de caisse). En 2027 l'ARS paie les résultats CAQES 2026 alors que l'IFEP démarre."),
        ("Solde", "Intéressements (ou dotation IFEP) moins pénalités de l'année évaluée."),
        ("Référence", f"Les écarts sont comptés par rapport au régime « {comparaison.reference} »."),
        ("Bandes", "Gagnants et perdants : écart du solde rapporté aux produits de l'assurance maladie du dernier "
         f"exercice clos (N-1). Seuil entre petit et grand écart : {_pourcent(comparaison.seuil)} des produits. "
         "« Aucun changement » : écart nul, à l'euro près."),
        ("Champ", "Un établissement est dans le champ d'un régime s'il y est soumis : tous en 2018 (volet "
         "obligatoire) ; ciblé par au moins un indicateur en 2022-2026 ; dans le champ de l'IFEP en 2027."),
        ("Synthèse", "Les totaux de chaque régime et les entrées/sorties du champ."),
    ]
    lignes += [
        (_titre_regime(c), f"Une ligne par établissement : {c.description}.") for c in comparaison.colonnes
    ]
    lignes += [
        ("Gagnants et perdants", "Effectifs et montants par bande, pour chaque régime comparé à la référence."),
        ("Par catégorie / Par région", "Les totaux par catégorie d'établissement et par région."),
        ("Enveloppe", enveloppe.absence or (
            f"Tirages des intéressements régionaux de {enveloppe.region} (performance {enveloppe.annee_performance}, "
            f"payés en {enveloppe.annee_caisse}) et usage de l'enveloppe fermée.")),
        ("Données lues", "Pour chaque régime, les données du fichier lues et leurs années (loi et fichier)."),
        *(("Couverture régionale", note) for note in getattr(comparaison, "notes_couverture", list)()),
        ("Enregistrement", "Version du logiciel, empreintes sha256 de la population, de la loi et des scénarios, "
         "options : de quoi refaire le calcul."),
    ]
    return pd.DataFrame(lignes, columns=["Rubrique", "Explication"])


def _pourcent(taux: float) -> str:
    return f"{taux * 100:.4g} %".replace(".", ",")


def _titre_regime(colonne) -> str:
    return f"Scénario {colonne.libelle}" if colonne.scenario else f"Régime {colonne.libelle}"


def construire(comparaison, enveloppe: Enveloppe, record: dict) -> tuple[str, dict[str, pd.DataFrame]]:
    """La page HTML et les feuilles du classeur."""
    totaux = comparaison.agregats_lisibles()
    mouvements = comparaison.mouvements_champ() if comparaison.comparees else pd.DataFrame()
    bandes = comparaison.gagnants_perdants() if comparaison.comparees else pd.DataFrame()
    notes = getattr(comparaison, "notes_couverture", list)()
    sections = [
        Section("Les régimes comparés", table_html(comparaison.definitions_champ()) + "".join(
            f'<p class="note"><strong>Couverture régionale.</strong> {html.escape(note)}</p>' for note in notes)),
        Section("Totaux par régime", table_html(totaux)),
        Section(
            "Distribution des soldes par régime",
            image_html(png(graphique_soldes(comparaison)), "Distribution des soldes")
            + '<p class="note">Chaque point est un établissement dans le champ du régime ; la boîte va du premier '
            "au troisième quartile, le trait rouge est la médiane. Échelle logarithmique symétrique (linéaire "
            f"entre {_euros(-SEUIL_LINEAIRE)} et {_euros(SEUIL_LINEAIRE)}).</p>",
        ),
    ]
    if comparaison.comparees:
        sections.append(
            Section(
                "Gagnants et perdants",
                image_html(png(graphique_gagnants(comparaison)), "Gagnants et perdants")
                + table_html(bandes[bandes["Établissements"] > 0])
                + "<h3>Entrées et sorties du champ</h3>" + table_html(mouvements),
            )
        )
    sections.append(Section("Par catégorie d'établissement", table_html(comparaison.agregats_lisibles("categorie"))))
    if enveloppe.resultat is not None:
        resultat = enveloppe.resultat
        region = comparaison.libelles.get("region", {}).get(enveloppe.region, enveloppe.region)
        sections.append(
            Section(
                f"Enveloppe régionale fermée — {region}",
                image_html(
                    png(graphique_enveloppe(resultat, region, enveloppe.annee_performance, enveloppe.annee_caisse)),
                    "Usage de l'enveloppe",
                )
                + table_html(resultat.synthese_lisible())
                + table_html(enveloppe.modele.astype(str)),
            )
        )
    else:
        sections.append(Section("Enveloppe régionale fermée", f'<p class="note">{html.escape(enveloppe.absence or "")}</p>'))
    figure_ifep = graphique_ifep(comparaison)
    if figure_ifep is not None:
        sections.append(
            Section(
                "IFEP : la pénalité face à son plafond",
                image_html(png(figure_ifep), "Pénalité IFEP et plafond")
                + '<p class="note">Un point sur la diagonale est un établissement pénalisé au plafond (2 % de son '
                "financement total par l'assurance maladie, art. L.162-23-14 CSS ; seed 002).</p>",
            )
        )
    lues = comparaison.donnees_lues()
    sections.append(
        Section(
            "Les données lues par chaque régime",
            '<p class="note">Quelles colonnes du fichier de population chaque régime lit, et pour quelles années '
            "(celle de la loi, celle du fichier quand les données sont décalées par --annee-donnees).</p>"
            + f"<details><summary>{len(lues)} lignes</summary>{table_html(lues, lignes_max=400)}</details>",
        )
    )
    titre = "CAQES et IFEP : ce que chaque régime verse ou reprend"
    page = page_html(titre, sections, record)
    synthese = totaux
    if comparaison.comparees:
        synthese = totaux.merge(mouvements.rename(columns={mouvements.columns[0]: "Régime"}), on="Régime", how="left")
    feuilles = {"Lisez-moi": lisez_moi(comparaison, enveloppe), "Synthèse": synthese}
    for colonne in comparaison.colonnes:
        feuilles[_titre_regime(colonne)] = comparaison.feuille_colonne(colonne)
    if comparaison.comparees:
        feuilles["Gagnants et perdants"] = bandes
    feuilles["Par catégorie"] = comparaison.agregats_lisibles("categorie")
    feuilles["Par région"] = comparaison.agregats_lisibles("region")
    if enveloppe.resultat is not None:
        feuilles["Enveloppe"] = pd.concat([enveloppe.modele.set_axis(["Indicateur", "Valeur"], axis=1),
                                           enveloppe.resultat.synthese()], ignore_index=True)
        feuilles["Enveloppe par établissement"] = enveloppe.par_etablissement
    feuilles["Données lues"] = lues
    feuilles["Enregistrement"] = feuille_enregistrement(record)
    return page, feuilles


def ecrire_rapport(dossier: Path, page: str, feuilles: dict[str, pd.DataFrame], record: dict) -> list[Path]:
    """Écrit les trois fichiers ensemble (temporaires puis renommage) : aucun fichier partiel."""
    sorties = [dossier / NOM_HTML, dossier / NOM_CLASSEUR, dossier / NOM_ENREGISTREMENT]
    with fichiers_atomiques(sorties) as (t_html, t_classeur, t_json):
        t_html.write_text(page, encoding="utf-8")
        _remplir_classeur(feuilles, t_classeur)
        t_json.write_text(json.dumps(record, ensure_ascii=False, indent=2) + "\n", encoding="utf-8")
    return sorties
