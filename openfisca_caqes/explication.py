"""Expliquer un calcul : chaque étape, sa valeur pour un établissement, les paramètres lus et
le texte qui fonde chacun (référence de la variable, métadonnées du paramètre).

Le calcul est fait par OpenFisca avec son traceur (`simulation.trace = True`) : l'arbre des
calculs, et pour chaque nœud les paramètres consultés, est celui que la loi a réellement suivi.
"""

from __future__ import annotations

import difflib
import textwrap

import numpy as np
from openfisca_core.periods import DateUnit

from openfisca_caqes.comparaison import erreur_utilisateur
from openfisca_caqes.detenteurs import detenteurs

LARGEUR = 100
LONGUEUR_NOTE = 240


def _nombre(valeur: float, decimales: int = 0) -> str:
    texte = f"{valeur:,.{decimales}f}".replace(",", " ").replace(".", ",")
    return texte


def formater(valeur, unite: str | None = None, type_valeur: str | None = None, enum=None) -> str:
    """Une valeur lisible en français : euros, taux en %, oui/non, libellé d'énumération."""
    if isinstance(valeur, (bytes, str)):
        return str(valeur)
    if enum is not None:
        try:
            membre = enum._member_map_[str(valeur)] if isinstance(valeur, str) else list(enum)[int(valeur)]
            return f"{membre.name} ({membre.value})"
        except (IndexError, KeyError, ValueError, TypeError):
            return str(valeur)
    if isinstance(valeur, (bool, np.bool_)) or type_valeur == "bool":
        return "oui" if bool(valeur) else "non"
    nombre = float(valeur)
    entier = nombre == round(nombre)
    if unite == "currency-EUR":
        return f"{_nombre(nombre, 0 if entier else 2)} €"
    if unite == "/1":
        return f"{_nombre(nombre, 4).rstrip('0').rstrip(',')} ({_nombre(nombre * 100, 2).rstrip('0').rstrip(',')} %)"
    if unite == "year":  # une année (« 2023 », jamais « 2 023 ») ou une durée (« 1 an », « 2 ans »)
        if entier and abs(nombre) >= 1000:
            return str(int(nombre))
        return f"{_nombre(nombre) if entier else _nombre(nombre, 2)} {'an' if abs(nombre) <= 1 else 'ans'}"
    suffixe = {"lits": " lits", "jours": " jours"}.get(unite or "", "")
    texte = _nombre(nombre) if entier else _nombre(nombre, 4).rstrip("0").rstrip(",")
    return texte + suffixe


def references_en_vigueur(reference, instant: str | None = None) -> list:
    """Les références d'un paramètre à une date : une liste telle quelle ; des références datées
    (`{date: [références]}`, comme openfisca-france) : celles de la dernière date au plus `instant`
    (la première date si `instant` la précède ou n'est pas donné)."""
    if not reference:
        return []
    if isinstance(reference, dict) and "title" not in reference and "href" not in reference:
        dates = sorted(reference, key=str)
        if not dates:
            return []
        retenues = [date for date in dates if instant is not None and str(date) <= str(instant)]
        choisie = retenues[-1] if retenues else dates[0]
        return references_en_vigueur(reference[choisie])
    return list(reference) if isinstance(reference, (list, tuple)) else [reference]


def _references(reference, instant: str | None = None) -> list[str]:
    elements = references_en_vigueur(reference, instant)
    if not elements:
        return []
    textes = []
    for element in elements:
        if isinstance(element, dict):
            titre = element.get("title") or element.get("titre") or ""
            lien = element.get("href")
            textes.append(f"{titre} <{lien}>" if lien else titre)
        else:
            textes.append(str(element))
    return [texte for texte in textes if texte]


def noeud_parametre(systeme, nom: str):
    """Le paramètre (ou le nœud) de ce nom pointé, s'il existe."""
    noeud = systeme.parameters
    for partie in nom.replace("[", ".").replace("]", "").split("."):
        if not partie:
            continue
        enfants = getattr(noeud, "children", None)
        if enfants is None or partie not in enfants:
            return None
        noeud = enfants[partie]
    return noeud


def _note(documentation: str | None) -> str | None:
    """La première phrase d'une interprétation ou d'une hypothèse : ce que le lecteur doit savoir."""
    if not documentation:
        return None
    texte = " ".join(str(documentation).split())
    if texte.startswith(("Interprétation", "Hypothèse")):
        return texte if len(texte) <= LONGUEUR_NOTE else texte[: LONGUEUR_NOTE - 1] + "…"
    return None


def formule_executee(variable, periode):
    """La formule que le calcul de `variable` a exécutée pour `periode` (None pour une donnée)."""
    if not variable.formulas:
        return None
    if variable.definition_period == DateUnit.ETERNITY:
        return variable.get_formula()
    return variable.get_formula(periode)


def regle_en_mots(formule) -> str | None:
    """La docstring d'une formule, sur une ligne : la règle dite en mots (None si elle n'en a pas)."""
    documentation = getattr(formule, "__doc__", None) if formule is not None else None
    if not documentation or not documentation.strip():
        return None
    return " ".join(documentation.split())


class Explication:
    """Rend l'arbre de calcul d'une variable pour un établissement, en texte indenté."""

    def __init__(self, simulation, indice: int, fournies: set[tuple[str, str]], profondeur: int | None = None) -> None:
        self.simulation = simulation
        self.systeme = simulation.tax_benefit_system
        self.indice = indice
        self.profondeur = profondeur
        self.lignes: list[str] = []
        self.detailles: set[tuple[str, str]] = set()
        self.fournies = fournies

    def _indice_entite(self, cle: str) -> int:
        if cle == "etablissement":
            return self.indice
        return int(self.simulation.populations[cle].members_entity_id[self.indice])

    def _valeur(self, variable, valeurs) -> str:
        if valeurs is None:
            return "?"
        valeurs = np.asarray(getattr(valeurs, "decode_to_str", lambda: valeurs)())
        cle = variable.entity.key
        i = self._indice_entite(cle)
        if valeurs.ndim == 0:
            brute = valeurs.item()
        elif i < len(valeurs):
            brute = valeurs[i]
        else:
            return "?"
        enum = getattr(variable, "possible_values", None)
        return formater(brute, variable.unit, variable.value_type.__name__, enum)

    def _valeur_parametre(self, valeur, unite: str | None) -> str:
        tableau = np.asarray(valeur)
        if tableau.ndim == 0:
            return formater(tableau.item(), unite)
        for cle in ("etablissement", "entite_juridique", "region"):
            population = self.simulation.populations[cle]
            if len(tableau) == population.count:
                return formater(tableau[self._indice_entite(cle)], unite)
        return f"{len(tableau)} valeurs"

    def _ecrire(self, prefixe: str, texte: str) -> None:
        largeur = max(LARGEUR - len(prefixe), 40)
        morceaux = textwrap.wrap(texte, largeur, break_long_words=False, break_on_hyphens=False) or [""]
        self.lignes.extend(prefixe + morceau for morceau in morceaux)

    def rendre(self, noeud, prefixe_tete: str = "", prefixe_corps: str = "", niveau: int = 0) -> None:
        variable = self.systeme.variables[noeud.name]
        periode = str(noeud.period)
        cle = (noeud.name, periode)
        periode_lisible = "" if periode == "ETERNITY" else f" [{periode}]"
        donnee = cle in self.fournies and not noeud.children
        marque = "  (donnée)" if donnee or not variable.formulas else ""
        deja = cle in self.detailles and not noeud.children
        if deja and variable.formulas and not donnee:
            marque = "  (détaillé plus haut)"
        self.lignes.append(f"{prefixe_tete}{noeud.name}{periode_lisible} = {self._valeur(variable, noeud.value)}{marque}")
        if deja:
            return
        if noeud.children:
            self.detailles.add(cle)
        corps = prefixe_corps + ("│  " if noeud.children else "   ")
        if variable.label:
            self._ecrire(corps, variable.label)
        formule = formule_executee(variable, noeud.period) if not donnee else None
        datee = formule is not None and variable.definition_period != DateUnit.ETERNITY
        if datee and formule.__name__.startswith("formula_"):
            date = formule.__name__.removeprefix("formula_").replace("_", "-")
            self._ecrire(corps, f"Règle en vigueur depuis le {date}.")
        regle = regle_en_mots(formule)
        if regle:
            self._ecrire(corps, f"Règle : {regle}")
        for reference in _references(variable.reference):
            self._ecrire(corps + "  ", f"Texte : {reference}")
        self._parametres(noeud, corps)
        if self.profondeur is not None and niveau >= self.profondeur:
            if noeud.children:
                self._ecrire(corps, f"… {len(noeud.children)} étape(s) non détaillée(s) (--profondeur)")
            return
        enfants = noeud.children
        for rang, enfant in enumerate(enfants):
            dernier = rang == len(enfants) - 1
            self.rendre(
                enfant,
                prefixe_corps + ("└─ " if dernier else "├─ "),
                prefixe_corps + ("   " if dernier else "│  "),
                niveau + 1,
            )

    def _parametres(self, noeud, corps: str) -> None:
        vus = set()
        for parametre in noeud.parameters:
            if parametre.name in vus:
                continue
            vus.add(parametre.name)
            objet = noeud_parametre(self.systeme, parametre.name)
            metadonnees = getattr(objet, "metadata", None) or {}
            unite = metadonnees.get("unit")
            self._ecrire(
                corps + "  ",
                f"Paramètre {parametre.name} au {parametre.period} = {self._valeur_parametre(parametre.value, unite)}",
            )
            description = getattr(objet, "description", None)
            if description:
                self._ecrire(corps + "    ", f"« {description} »")
            for reference in _references(metadonnees.get("reference"), str(parametre.period)):
                self._ecrire(corps + "    ", f"Source : {reference}")
            note = _note(getattr(objet, "documentation", None) or metadonnees.get("documentation"))
            if note:
                self._ecrire(corps + "    ", note)


def donnees_fournies(simulation) -> set[tuple[str, str]]:
    """Les (variable, période) connues avant tout calcul : les données du fichier de population."""
    return {
        (nom, str(periode))
        for _, nom, holder in detenteurs(simulation)
        for periode in holder.get_known_periods()
    }


def suggerer(nom: str, possibles) -> str:
    proches = difflib.get_close_matches(nom, list(possibles), n=5, cutoff=0.5)
    return f" ; vouliez-vous dire : {', '.join(proches)} ?" if proches else ""


def expliquer(simulation, etablissement: str, variable: str, annee: int, profondeur: int | None = None) -> str:
    """Le texte de l'explication du calcul de `variable` pour `etablissement` l'année `annee`."""

    systeme = simulation.tax_benefit_system
    if variable not in systeme.variables:
        raise erreur_utilisateur(f"variable inconnue : « {variable} »{suggerer(variable, systeme.variables)}")
    ids = simulation.populations["etablissement"].ids
    positions = np.flatnonzero(np.asarray(ids) == etablissement)
    if len(positions) == 0:
        raise erreur_utilisateur(
            f"établissement « {etablissement} » absent de la population ({len(ids)} établissements, "
            f"ex. {', '.join(map(str, ids[:3]))}){suggerer(etablissement, ids)}"
        )
    indice = int(positions[0])
    definition = systeme.variables[variable]
    periode = "ETERNITY" if definition.definition_period == DateUnit.ETERNITY else str(annee)
    fournies = donnees_fournies(simulation)
    simulation.trace = True
    try:
        simulation.calculate(variable, periode)
    except Exception as erreur:  # une loi incomplète ou une donnée manquante : le dire, pas de trace Python
        raise erreur_utilisateur(f"le calcul de « {variable} » pour {annee} a échoué : {erreur}") from None
    arbre = simulation.tracer.trees[-1]
    explication = Explication(simulation, indice, fournies, profondeur)
    entete = _entete(simulation, indice, variable, definition, annee)
    explication.rendre(arbre)
    return "\n".join([*entete, "", *explication.lignes, "", *_legende()]) + "\n"


def _entete(simulation, indice: int, variable: str, definition, annee: int) -> list[str]:
    systeme = simulation.tax_benefit_system
    populations = simulation.populations
    ej = populations["entite_juridique"].ids[populations["entite_juridique"].members_entity_id[indice]]
    region = populations["region"].ids[populations["region"].members_entity_id[indice]]
    libelles_region = {m.name: m.value for m in systeme.variables["code_region"].possible_values}
    categorie = ""
    if "categorie_etablissement" in systeme.variables:
        valeurs = simulation.calculate("categorie_etablissement", "ETERNITY")
        membre = valeurs.decode()[indice]
        categorie = f" — catégorie : {membre.value}"
    lignes = [
        f"Explication du calcul de « {variable} » ({definition.label or variable})",
        f"Établissement {populations['etablissement'].ids[indice]} — entité juridique {ej} — "
        f"région {libelles_region.get(str(region), region)}{categorie}",
    ]
    if definition.definition_period == DateUnit.YEAR:
        lignes.append(
            f"Année évaluée (année de performance) : {annee} ; les montants sont payés l'année suivante (année de caisse)."
        )
    return lignes


def _legende() -> list[str]:
    return [
        "Lecture : chaque ligne est une étape du calcul, avec sa valeur pour cet établissement ;",
        "les étapes en retrait sont celles dont elle dépend. « (donnée) » : lue dans le fichier de",
        "population ; « Paramètre » : une valeur de la loi à la date indiquée, avec sa source ;",
        "« Règle » : la règle en mots de la formule exécutée pour cette période.",
    ]
