"""Vérifier la forme d'un CSV avant de le lire : chaque ligne a autant de champs que l'en-tête.

pandas complète en silence une ligne courte (une ligne coupée, la fin d'un fichier tronqué) par
des cellules vides, qui vaudraient 0 : on compte donc les champs (séparés par une virgule ou un point-virgule) de chaque ligne, sans boucle sur
les lignes. Le fichier est lu par tranches d'octets ; dans chacune, les positions des virgules,
des fins de ligne et des guillemets sont trouvées par numpy, et une virgule ou une fin de ligne
entre guillemets (parité du nombre de guillemets qui la précèdent) ne compte pas.
"""

from __future__ import annotations

import numpy as np

from openfisca_caqes.erreurs import ErreurPopulation

TRANCHE = 1 << 24  # 16 Mo : la mémoire de travail ne croît pas avec la taille du fichier
VIRGULE, FIN, GUILLEMET, RETOUR = 44, 10, 34, 13


def _positions(octets: np.ndarray, debut: int, guillemets_avant: int, separateur: int = VIRGULE) -> tuple[np.ndarray, np.ndarray, int]:
    """Positions (absolues) des séparateurs et fins de ligne hors guillemets d'une tranche ; guillemets vus."""
    virgules = np.flatnonzero(octets == separateur)
    fins = np.flatnonzero(octets == FIN)
    guillemets = np.flatnonzero(octets == GUILLEMET)
    if guillemets.size or guillemets_avant % 2:
        virgules = virgules[(guillemets_avant + np.searchsorted(guillemets, virgules)) % 2 == 0]
        fins = fins[(guillemets_avant + np.searchsorted(guillemets, fins)) % 2 == 0]
    return virgules + debut, fins + debut, guillemets_avant + guillemets.size


def champs_par_ligne(contenu: bytes, separateur: int = VIRGULE) -> tuple[np.ndarray, np.ndarray, bool]:
    """(champs de chaque ligne, ligne vide ?, guillemet resté ouvert ?) ; la dernière ligne peut être sans fin."""
    tampon = np.frombuffer(contenu, dtype=np.uint8)
    fins_de_ligne, virgules_avant_fin = [], []
    virgules_vues = guillemets_vus = 0
    for debut in range(0, len(tampon), TRANCHE):  # des tranches de 16 Mo, pas des lignes
        virgules, fins, guillemets_vus = _positions(tampon[debut : debut + TRANCHE], debut, guillemets_vus, separateur)
        fins_de_ligne.append(fins)
        virgules_avant_fin.append(virgules_vues + np.searchsorted(virgules, fins))
        virgules_vues += virgules.size
    fins = np.concatenate(fins_de_ligne) if fins_de_ligne else np.zeros(0, dtype=np.int64)
    cumul = np.concatenate(virgules_avant_fin) if virgules_avant_fin else np.zeros(0, dtype=np.int64)
    if not fins.size or fins[-1] != len(tampon) - 1:  # dernière ligne sans fin de ligne
        fins = np.append(fins, len(tampon))
        cumul = np.append(cumul, virgules_vues)
    champs = np.diff(cumul, prepend=0) + 1
    debuts = np.concatenate(([0], fins[:-1] + 1))
    longueurs = fins - debuts
    retour_final = (longueurs == 1) & (tampon[np.minimum(debuts, len(tampon) - 1)] == RETOUR) if len(tampon) else longueurs > 0
    vides = (longueurs == 0) | retour_final
    return champs, vides, bool(guillemets_vus % 2)


def verifier_lignes(contenu: bytes, nom: str, separateur: str = ",") -> None:
    """Refuse une ligne plus courte ou plus longue que l'en-tête, et un guillemet jamais fermé."""
    if not contenu or contenu.isspace():  # sans recopier le fichier (strip le recopierait)
        return
    champs, vides, ouvert = champs_par_ligne(contenu, ord(separateur))
    if ouvert:
        raise ErreurPopulation(
            nom, "guillemet ouvert jamais fermé : le fichier est tronqué, ou un champ contient un guillemet isolé"
        )
    attendus = int(champs[0])
    fautives = np.flatnonzero((champs != attendus) & ~vides)
    if fautives.size:
        i = int(fautives[0])
        derniere = i == len(champs) - 1 or bool(vides[i + 1 :].all())
        quoi = "manquent" if champs[i] < attendus else "sont en trop"
        message = f"{champs[i]} champs pour {attendus} colonnes d'en-tête : {abs(attendus - int(champs[i]))} {quoi}"
        if derniere and champs[i] < attendus:
            message += " (dernière ligne : fichier tronqué ?)"
        raise ErreurPopulation(nom, message, ligne=i + 1)
