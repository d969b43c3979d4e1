"""Comparer les régimes (2018, 2022, 2025, IFEP 2027) et des scénarios : les tableaux tirés des évaluations.

Chaque colonne de la comparaison est une évaluation (openfisca_caqes.evaluation) : une loi, une
année évaluée, une année de données. Ce module en tire les écarts à la référence, les bandes de
gagnants et perdants, les entrées et sorties du champ, les totaux (int64) et la vue par année de
caisse.
"""

from __future__ import annotations

import numpy as np
import pandas as pd

from openfisca_caqes import couverture_regionale as cr
from openfisca_caqes.bandes import (  # noqa: F401 - SEUIL_BANDE, ORDRE_BANDES et bandes repris d'ici
    CODES_BANDES,
    CODES_MOUVEMENT,
    ORDRE_BANDES,
    SEUIL_BANDE,
    _bornes,
    _indices_bandes,
    _textes,
    bandes,
)
from openfisca_caqes.evaluation import (  # noqa: F401 - noms historiques, importés d'ici par d'autres modules
    DENOMINATEUR,
    MONTANTS,
    PERIMETRES,
    PREFIXE_CIBLAGE,
    REGIME_EN_VIGUEUR,
    REGIMES,
    REGIMES_PAR_DEFAUT,
    VARIABLES_SUPPLEMENTAIRES,
    Colonne,
    Evaluateur,
    Evaluation,
    decaler_annees,
    erreur_utilisateur,
    etiquettes,
    evaluer_colonnes,
    identite,
    libelles,
    lire_regimes,
    lire_scenario,
    nom_scenario,
    perimetre,
    systeme_du_scenario,
)
from openfisca_caqes.sorties import FeuillesParesseuses


class Comparaison:
    """Les résultats de toutes les colonnes et leurs écarts à la colonne de référence."""

    def __init__(
        self,
        identite: pd.DataFrame,
        evaluations: list[Evaluation],
        reference: str,
        seuil: float = SEUIL_BANDE,
        libelles: dict[str, dict[str, str]] | None = None,
        etiquettes: dict[str, str] | None = None,
        couvertures: dict[str, dict] | None = None,
    ) -> None:
        self.identite = identite.reset_index(drop=True)
        self.evaluations = evaluations
        self.colonnes = [evaluation.colonne for evaluation in evaluations]
        noms = [colonne.libelle for colonne in self.colonnes]
        if reference not in noms:
            raise erreur_utilisateur(f"référence « {reference} » absente des colonnes ({', '.join(noms)})")
        self.reference = reference
        self.seuil = seuil
        self.libelles_bandes = _bornes(seuil)
        self.libelles = libelles or {}
        self.etiquettes = etiquettes or {}
        # Par colonne : la couverture des indicateurs régionaux de chaque région (openfisca_caqes.couverture_regionale).
        self.couvertures = couvertures or {}
        self.detail = self._detail()

    def _detail(self) -> pd.DataFrame:
        """Format long : une ligne par (colonne, établissement)."""
        ref = next(e for e in self.evaluations if e.colonne.libelle == self.reference).valeurs
        morceaux = []
        for rang, evaluation in enumerate(self.evaluations):
            valeurs = evaluation.valeurs
            bloc = pd.concat([self.identite, valeurs], axis=1)
            bloc.insert(0, "colonne", evaluation.colonne.libelle)
            bloc.insert(1, "ordre", rang)
            bloc.insert(2, "annee_evaluee", evaluation.colonne.annee)
            for cle in MONTANTS:
                bloc[f"ecart_{cle}"] = valeurs[cle].to_numpy(np.int64) - ref[cle].to_numpy(np.int64)
            bloc["variation_relative"] = np.divide(
                bloc["ecart_solde"].to_numpy(np.float64),
                valeurs["produits_reference"].to_numpy(np.float64),
                out=np.full(len(bloc), np.nan),
                where=valeurs["produits_reference"].to_numpy() > 0,
            )
            bloc["bande"] = _textes(CODES_BANDES, _indices_bandes(bloc["ecart_solde"], valeurs["produits_reference"], self.seuil))
            avant = ref["dans_champ"].to_numpy(bool)
            apres = valeurs["dans_champ"].to_numpy(bool)
            mouvements = [avant & apres, ~avant & apres, avant & ~apres]
            bloc["mouvement_champ"] = _textes(CODES_MOUVEMENT, np.select(mouvements, range(len(mouvements)), default=len(mouvements)))
            morceaux.append(bloc)
        return pd.concat(morceaux, ignore_index=True)

    def bloc(self, libelle: str) -> pd.DataFrame:
        """Les lignes d'une colonne dans `detail` (un bloc contigu de N lignes, dans l'ordre des colonnes), index 0..N-1."""
        rang = next(i for i, colonne in enumerate(self.colonnes) if colonne.libelle == libelle)
        n = len(self.identite)
        return self.detail.iloc[rang * n : (rang + 1) * n].reset_index(drop=True)

    @property
    def comparees(self) -> list[Colonne]:
        return [colonne for colonne in self.colonnes if colonne.libelle != self.reference]

    def _libelle(self, cle: str, codes: pd.Series) -> pd.Series:
        """Le libellé français d'un code (catégorie, région) ; le code s'il n'en a pas."""
        libelles = self.libelles.get(cle, {})
        return codes.map(lambda code: libelles.get(code, code))

    def _identite_lisible(self) -> pd.DataFrame:
        tableau = self.identite.copy()
        for cle in ("categorie", "region"):
            tableau[cle] = self._libelle(cle, tableau[cle])
        return tableau.rename(columns=LIBELLES_IDENTITE)

    def totaux(self, cle: str | None = None) -> pd.DataFrame:
        """Sommes (int64) par colonne, et par catégorie ou par région si `cle` est donnée."""
        detail = self.detail
        groupes = ["ordre", "colonne", "annee_evaluee"] + ([cle] if cle else [])
        agregats = detail.groupby(groupes, sort=True).agg(
            etablissements=("etablissement", "size"),
            dans_champ=("dans_champ", "sum"),
            interessement=("interessement", "sum"),
            penalite=("penalite", "sum"),
            solde=("solde", "sum"),
            ecart_solde=("ecart_solde", "sum"),
        )
        agregats = agregats.reset_index().drop(columns="ordre")
        for nom in ("interessement", "penalite", "solde", "ecart_solde", "dans_champ", "etablissements"):
            agregats[nom] = agregats[nom].astype(np.int64)
        if cle in ("categorie", "region"):
            agregats[cle] = self._libelle(cle, agregats[cle])
        return agregats

    def _incompletes(self, colonne: Colonne) -> dict:
        """Les régions de la population où la colonne n'a pas tous ses indicateurs régionaux encodés."""
        return cr.incompletes(self.couvertures.get(colonne.libelle, {}))

    def _regions_incompletes(self, colonne: Colonne) -> str:
        couvertures = self._incompletes(colonne)
        return ", ".join(
            f"{self.libelles.get('region', {}).get(region, region)} ({c.statut})" for region, c in couvertures.items()
        )

    def notes_couverture(self) -> list[str]:
        """Les phrases qui disent, par colonne, quelles régions n'ont pas leurs indicateurs régionaux encodés."""
        return [
            f"{colonne.libelle} : {note}" for colonne in self.colonnes
            for note in cr.notes(self._incompletes(colonne), self.libelles.get("region", {}))
        ]

    def totaux_longs(self, cle: str) -> pd.DataFrame:
        """Les totaux par catégorie ou par région, une ligne par (régime, groupe) : pour l'écran."""
        totaux = self.totaux(cle).drop(columns="annee_evaluee")
        if cle == "region" and any(self._incompletes(colonne) for colonne in self.colonnes):
            noms = self.libelles.get("region", {})
            statut = {(colonne.libelle, noms.get(region, region)): c.statut
                      for colonne in self.colonnes for region, c in self.couvertures.get(colonne.libelle, {}).items()}
            totaux[cr.COLONNE_STATUT] = [statut.get(paire, "") for paire in zip(totaux["colonne"], totaux["region"])]
        totaux.loc[totaux["colonne"] == self.reference, "ecart_solde"] = 0
        return totaux.rename(columns={"colonne": "Régime", **LIBELLES_IDENTITE, **LIBELLES_TOTAUX}).rename(
            columns={LIBELLES_TOTAUX["ecart_solde"]: f"Écart du solde à {self.reference} (€)"}
        )

    def par_etablissement(self) -> pd.DataFrame:
        """Format large, lisible : une ligne par établissement, des colonnes par régime."""
        tableau = self._identite_lisible()
        for colonne in self.colonnes:
            valeurs = self.bloc(colonne.libelle)
            nom = colonne.libelle
            tableau[f"Dans le champ {nom}"] = np.where(valeurs["dans_champ"], "oui", "non")
            tableau[f"Intéressements {nom} (€)"] = valeurs["interessement"]
            tableau[f"Pénalités {nom} (€)"] = valeurs["penalite"]
            tableau[f"Solde {nom} (€)"] = valeurs["solde"]
            if self._incompletes(colonne):
                tableau[f"{cr.COLONNE_STATUT} {nom}"] = cr.statuts(valeurs["region"], self.couvertures[nom])
            if nom != self.reference:
                tableau[f"Écart du solde {nom} − {self.reference} (€)"] = valeurs["ecart_solde"]
                tableau[f"Écart / produits AM {colonne.annee - 1} {nom}"] = valeurs["variation_relative"]
                tableau[f"Bande {nom}"] = valeurs["bande"].map(self.libelles_bandes)
                tableau[f"Champ {nom} / {self.reference}"] = valeurs["mouvement_champ"].map(LIBELLES_MOUVEMENT)
        return tableau

    def pour_csv(self) -> pd.DataFrame:
        """Le tableau par établissement pour un CSV : en-têtes `nom_LIBELLÉ` stables (codes des variables), codes et libellés."""
        tableau = self.identite.rename(columns={"categorie": "categorie_etablissement"}).copy()
        tableau.insert(3, "region_libelle", self._libelle("region", self.identite["region"]).to_numpy())
        tableau["categorie_etablissement_libelle"] = self._libelle("categorie", self.identite["categorie"]).to_numpy()
        for colonne in self.colonnes:
            valeurs = self.bloc(colonne.libelle)
            champs = ["dans_champ", *MONTANTS]
            if colonne.libelle != self.reference:
                champs += ["ecart_solde", "variation_relative", "bande", "mouvement_champ"]
            for champ in champs:
                tableau[f"{champ}_{colonne.libelle}"] = valeurs[champ].to_numpy()
        return tableau

    def feuille_colonne(self, colonne: Colonne) -> pd.DataFrame:
        """Tous les résultats d'une colonne (une feuille par régime dans le classeur)."""
        valeurs = self.bloc(colonne.libelle)
        tableau = self._identite_lisible()
        tableau["Dans le champ"] = np.where(valeurs["dans_champ"], "oui", "non")
        tableau[f"Produits AM {colonne.annee - 1} (€)"] = valeurs["produits_reference"]
        tableau["Intéressements (€)"] = valeurs["interessement"]
        tableau["Pénalités (€)"] = valeurs["penalite"]
        tableau["Solde (€)"] = valeurs["solde"]
        couvertures = self.couvertures.get(colonne.libelle, {})
        if self._incompletes(colonne):
            tableau[cr.COLONNE_STATUT] = cr.statuts(valeurs["region"], couvertures)
        for variable in VARIABLES_SUPPLEMENTAIRES:  # seulement celles que le régime de l'année calcule
            if variable in valeurs and np.asarray(valeurs[variable]).any():
                masque = cr.masque_non_modelise(variable, valeurs["region"], couvertures)
                tableau[self.etiquettes.get(variable, variable)] = cr.vider(valeurs[variable].to_numpy(), masque)
        if colonne.libelle != self.reference:
            tableau[f"Écart du solde à {self.reference} (€)"] = valeurs["ecart_solde"]
            tableau["Écart / produits AM"] = valeurs["variation_relative"]
            tableau["Bande"] = valeurs["bande"].map(self.libelles_bandes)
            tableau["Champ"] = valeurs["mouvement_champ"].map(LIBELLES_MOUVEMENT)
        return tableau

    def agregats_lisibles(self, cle: str | None = None) -> pd.DataFrame:
        """Les totaux, en format large (une ligne par catégorie ou région, des colonnes par régime)."""
        totaux = self.totaux(cle)
        index = cle or "colonne"
        if cle is None:
            tableau = totaux.rename(columns={"annee_evaluee": "Année évaluée"}).set_index("colonne")
            tableau = tableau.rename(columns=LIBELLES_TOTAUX)
            tableau.index.name = "Régime"
            if any(self._incompletes(colonne) for colonne in self.colonnes):
                tableau[COLONNE_REGIONS_INCOMPLETES] = [self._regions_incompletes(colonne) for colonne in self.colonnes]
            return tableau.reset_index()
        morceaux = []
        for colonne in self.colonnes:
            bloc = totaux[totaux["colonne"] == colonne.libelle].set_index(index)
            nom = colonne.libelle
            renommer = {
                "dans_champ": f"Dans le champ {nom}",
                "interessement": f"Intéressements {nom} (€)",
                "penalite": f"Pénalités {nom} (€)",
                "solde": f"Solde {nom} (€)",
                "ecart_solde": f"Écart {nom} − {self.reference} (€)",
            }
            garder = list(renommer) if nom != self.reference else list(renommer)[:-1]
            if not morceaux:
                garder = ["etablissements", *garder]
                renommer["etablissements"] = "Établissements"
            morceaux.append(bloc[garder].rename(columns=renommer))
        tableau = pd.concat(morceaux, axis=1).fillna(0)
        tableau = tableau.astype(np.int64)
        if cle == "region":
            codes = {self._libelle("region", pd.Series([code])).iloc[0]: code for code in self.identite["region"].unique()}
            for colonne in self.colonnes:
                if self._incompletes(colonne):
                    regions = tableau.index.map(codes).to_numpy()
                    tableau[f"{cr.COLONNE_STATUT} {colonne.libelle}"] = cr.statuts(regions, self.couvertures[colonne.libelle])
        tableau.index.name = LIBELLES_IDENTITE.get(cle, cle)
        return tableau.reset_index()

    def gagnants_perdants(self, cle: str | None = None) -> pd.DataFrame:
        """Effectifs et montants par bande, pour chaque colonne comparée à la référence."""
        detail = self.detail[self.detail["colonne"] != self.reference]
        groupes = ["ordre", "colonne"] + ([cle] if cle else []) + ["bande"]
        agregats = detail.groupby(groupes).agg(
            etablissements=("etablissement", "size"), ecart_solde=("ecart_solde", "sum")
        ).reset_index()
        existants = detail[groupes[:-1]].drop_duplicates().sort_values(groupes[:-1])
        complet = existants.merge(pd.DataFrame({"bande": list(ORDRE_BANDES)}), how="cross")
        agregats = complet.merge(agregats, how="left", on=groupes)
        agregats[["etablissements", "ecart_solde"]] = agregats[["etablissements", "ecart_solde"]].fillna(0)
        effectifs = agregats.groupby(groupes[:-1])["etablissements"].transform("sum")
        agregats["part"] = agregats["etablissements"] / effectifs.where(effectifs > 0, 1)
        agregats["bande"] = agregats["bande"].map(self.libelles_bandes)
        agregats["etablissements"] = agregats["etablissements"].astype(np.int64)
        agregats["ecart_solde"] = agregats["ecart_solde"].astype(np.int64)
        if cle in ("categorie", "region"):
            agregats[cle] = self._libelle(cle, agregats[cle])
        agregats = agregats.drop(columns="ordre").rename(
            columns={
                "colonne": "Régime comparé",
                "bande": "Bande",
                "etablissements": "Établissements",
                "part": "Part des établissements",
                "ecart_solde": f"Écart du solde à {self.reference} (€)",
                **LIBELLES_IDENTITE,
            }
        )
        return agregats

    def mouvements_champ(self) -> pd.DataFrame:
        """Établissements qui entrent dans le champ, en sortent, y restent (par rapport à la référence)."""
        detail = self.detail[self.detail["colonne"] != self.reference]
        tableau = pd.crosstab(
            [detail["ordre"], detail["colonne"]], detail["mouvement_champ"]
        ).reindex(columns=list(LIBELLES_MOUVEMENT), fill_value=0)
        tableau = tableau.droplevel("ordre").rename(columns=LIBELLES_MOUVEMENT)
        tableau.index.name = f"Régime comparé à {self.reference}"
        tableau.columns.name = None
        return tableau.reset_index()

    def definitions_champ(self) -> pd.DataFrame:
        return pd.DataFrame(
            {
                "Régime": [e.colonne.libelle for e in self.evaluations],
                "Loi et données": [e.colonne.description for e in self.evaluations],
                "Champ": [e.champ for e in self.evaluations],
            }
        )

    def donnees_lues(self) -> pd.DataFrame:
        """Pour chaque colonne, chaque donnée lue et ses années (de la loi, du fichier)."""
        morceaux = [e.donnees_lues for e in self.evaluations if not e.donnees_lues.empty]
        if not morceaux:
            return pd.DataFrame(columns=["Régime", "Variable", "Années (loi)", "Années (fichier)"])
        lues = pd.concat(morceaux, ignore_index=True)
        lues["ordre"] = lues["colonne"].map({c.libelle: i for i, c in enumerate(self.colonnes)})
        lues = lues.sort_values(["ordre", "variable", "periode_loi"])
        groupes = lues.groupby(["ordre", "colonne", "variable"], sort=True)
        tableau = groupes.agg(loi=("periode_loi", ", ".join), fichier=("periode_donnees", ", ".join)).reset_index()
        return tableau.drop(columns="ordre").rename(
            columns={"colonne": "Régime", "variable": "Variable", "loi": "Années (loi)", "fichier": "Années (fichier)"}
        )

    def feuilles(self) -> FeuillesParesseuses:
        """Les tableaux du classeur de la commande compare, chacun construit quand on le lit."""
        constructeurs = {
            "Établissements": self.par_etablissement,
            "Totaux": self.agregats_lisibles,
            "Par catégorie": lambda: self.agregats_lisibles("categorie"),
            "Par région": lambda: self.agregats_lisibles("region"),
        }
        if self.comparees:
            constructeurs["Gagnants et perdants"] = self.gagnants_perdants
            constructeurs["Gagnants par catégorie"] = lambda: self.gagnants_perdants("categorie")
            constructeurs["Entrées et sorties"] = self.mouvements_champ
        constructeurs["Champ des régimes"] = self.definitions_champ
        constructeurs["Données lues"] = self.donnees_lues
        return FeuillesParesseuses(constructeurs)


COLONNE_REGIONS_INCOMPLETES = "Régions sans tous leurs indicateurs régionaux (totaux sans leur intéressement régional)"

LIBELLES_IDENTITE = {
    "etablissement": "Établissement",
    "entite_juridique": "Entité juridique",
    "region": "Région",
    "categorie": "Catégorie",
}
LIBELLES_MOUVEMENT = {
    "entre": "Entre dans le champ",
    "sort": "Sort du champ",
    "reste": "Reste dans le champ",
    "hors": "Hors champ des deux",
}
LIBELLES_TOTAUX = {
    "etablissements": "Établissements",
    "dans_champ": "Dans le champ",
    "interessement": "Intéressements (€)",
    "penalite": "Pénalités (€)",
    "solde": "Solde (€)",
    "ecart_solde": "Écart du solde à la référence (€)",
}




def comparer(
    tableau: pd.DataFrame,
    colonnes: list[tuple[Colonne, object]],
    reference: str,
    nom: str = "<DataFrame>",
    seuil: float = SEUIL_BANDE,
    tracer: bool = True,
    supplementaires=VARIABLES_SUPPLEMENTAIRES,
) -> Comparaison:
    """Évalue chaque (colonne, loi) sur le même tableau de population et compare à `reference`."""
    evaluations, couvertures = evaluer_colonnes(tableau, colonnes, nom, tracer, supplementaires)
    return Comparaison(
        identite(tableau), evaluations, reference, seuil, libelles(colonnes[0][1]), etiquettes(colonnes[0][1]),
        couvertures,
    )
