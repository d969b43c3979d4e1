"""L'autre lecture de chaque interprétation encodée, en petites réformes : un cas YAML la référence
(`reforms: - tests.caqes.autres_lectures.<nom>`) pour montrer la valeur qu'elle donnerait, sans la
clé `parameters:` qui remplacerait tout l'arbre des paramètres."""

from openfisca_core import periods
from openfisca_core.reforms import Reform


def _fixer(chemin: str, valeur, debut: str, fin: str):
    """Une modification de paramètres : `chemin` (pointé depuis la racine) vaut `valeur` de `debut` à `fin`."""

    def modifier(parametres):
        noeud = parametres
        for morceau in chemin.split("."):
            noeud = noeud.children[morceau] if hasattr(noeud, "children") else getattr(noeud, morceau)
        noeud.update(start=periods.instant(debut), stop=periods.instant(fin), value=valeur)
        return parametres

    return modifier


class _AutreLecture(Reform):
    chemin: str
    valeur: object
    debut: str
    fin = "2026-12-31"

    def apply(self) -> None:
        self.modify_parameters(_fixer(self.chemin, self.valeur, self.debut, self.fin))


class assiette_exercice_precedent(_AutreLecture):
    """Sanctions 2018-2021 assises sur les produits de N-1 (et non de l'année évaluée N)."""

    name = "Autre lecture : assiette des sanctions de non-atteinte = produits de N-1"
    chemin, valeur, debut, fin = "caqes.contrat_2018.penalites.decalage_exercice_clos", 1, "2018-01-01", "2021-12-31"
