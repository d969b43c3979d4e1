"""Lire le corps d'une requête de l'API web : taille, type, JSON strict, profondeur, nombre de valeurs.

Rien ici ne touche à la loi : une requête qui passe ces contrôles est un document JSON borné,
sans NaN ni Infinity, que la validation de la situation (`web.situation`) examine ensuite.
"""

from __future__ import annotations

import json
import math
from dataclasses import dataclass, field

from openfisca_caqes.erreurs import ErreurUtilisateur


@dataclass(frozen=True)
class Limites:
    """Les bornes d'une requête : au-delà, elle est refusée (413 ou 400) avant tout calcul."""

    octets: int = 10 * 2**20  # un corps de 10 Mio tient 2 000 établissements richement décrits
    profondeur: int = 6  # {entités: {id: {variable: {période: valeur}}}} : 4 niveaux suffisent
    etablissements: int = 2_000
    valeurs: int = 200_000  # feuilles du document (valeurs fournies, demandées, membres des groupes)


@dataclass
class ErreurRequete(ErreurUtilisateur):
    """Une requête refusée : code HTTP 4xx, message en français, détails éventuels."""

    message: str
    statut: int = 400
    details: dict = field(default_factory=dict)

    def __str__(self) -> str:
        return self.message

    def corps(self) -> dict:
        return {"error": self.message, **({"details": self.details} if self.details else {})}


def _refuser_constante(nom: str):
    raise ErreurRequete(f"JSON invalide : « {nom} » n'est pas un nombre JSON (NaN et Infinity sont refusés)")


def _objet_sans_doublon(paires: list) -> dict:
    objet = dict(paires)
    if len(objet) != len(paires):
        vues = set()
        double = next(cle for cle, _ in paires if cle in vues or vues.add(cle))
        raise ErreurRequete(f"JSON invalide : clé « {double} » en double dans un même objet")
    return objet


def lire_json(corps: bytes, limites: Limites):
    """Le document JSON du corps, refusé s'il est vide, mal encodé, non standard, trop profond ou trop gros."""
    if len(corps) > limites.octets:
        raise ErreurRequete(f"corps de requête trop gros ({len(corps)} octets ; au plus {limites.octets})", 413)
    if not corps.strip():
        raise ErreurRequete("corps de requête vide : une situation JSON est attendue")
    try:
        texte = corps.decode("utf-8")
    except UnicodeDecodeError as erreur:
        raise ErreurRequete(f"le corps n'est pas encodé en UTF-8 (octet {erreur.start})") from None
    try:
        document = json.loads(texte, parse_constant=_refuser_constante, object_pairs_hook=_objet_sans_doublon)
    except RecursionError:
        raise ErreurRequete(f"JSON trop imbriqué (au plus {limites.profondeur} niveaux)") from None
    except json.JSONDecodeError as erreur:
        raise ErreurRequete(f"JSON invalide : {erreur.msg} (ligne {erreur.lineno}, colonne {erreur.colno})") from None
    except ValueError as erreur:  # un entier de plus de 4 300 chiffres
        raise ErreurRequete(f"JSON invalide : {erreur}") from None
    verifier_taille(document, limites)
    return document


def verifier_taille(document, limites: Limites) -> None:
    """Refuse un document plus profond que `limites.profondeur` ou de plus de `limites.valeurs` feuilles."""
    pile = [(document, 1)]
    feuilles = 0
    while pile:  # parcours itératif : aucune récursion, quelle que soit la profondeur
        noeud, niveau = pile.pop()
        if isinstance(noeud, (dict, list)):
            if niveau > limites.profondeur:
                raise ErreurRequete(f"JSON trop imbriqué (au plus {limites.profondeur} niveaux)")
            enfants = noeud.values() if isinstance(noeud, dict) else noeud
            pile.extend((enfant, niveau + 1) for enfant in enfants)
        else:
            feuilles += 1
            if feuilles > limites.valeurs:
                raise ErreurRequete(f"trop de valeurs dans la requête (au plus {limites.valeurs})", 413)


def premier_non_fini(document, chemin: tuple = ()) -> tuple | None:
    """Le chemin de la première valeur NaN ou infinie du document, ou None."""
    pile = [(document, chemin)]
    while pile:
        noeud, ici = pile.pop()
        if isinstance(noeud, float) and not math.isfinite(noeud):
            return ici
        if isinstance(noeud, dict):
            pile.extend((valeur, (*ici, cle)) for cle, valeur in reversed(noeud.items()))
        elif isinstance(noeud, list):
            pile.extend((valeur, (*ici, i)) for i, valeur in reversed(list(enumerate(noeud))))
    return None


def en_json(document) -> bytes:
    """Le document en JSON standard, encodé en UTF-8 ; lève ValueError s'il contient NaN ou Infinity.

    Un texte reçu avec une moitié de paire UTF-16 (« \\ud800 », JSON valide mais pas de l'Unicode)
    est renvoyé échappé plutôt que de faire échouer l'encodage.
    """
    texte = json.dumps(document, ensure_ascii=False, allow_nan=False)
    try:
        return texte.encode("utf-8")
    except UnicodeEncodeError:
        return json.dumps(document, ensure_ascii=True, allow_nan=False).encode("ascii")
