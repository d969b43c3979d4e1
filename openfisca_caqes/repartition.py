"""Partager une enveloppe fermée entre les membres de groupes, à l'euro près, sans boucle.

Chaque groupe g (une région) a une enveloppe E_g ; chaque membre i demande d_i ≥ 0 et reçoit au
plus son plafond c_i. On cherche le coefficient k_g tel que Σ min(k_g·d_i, c_i) = E_g (ou k_g = 1
si les demandes tiennent dans l'enveloppe et que la répartition n'est pas intégrale), par
dichotomie sur tous les groupes à la fois. Les montants sont ensuite arrondis à l'euro par la
méthode du plus fort reste : leur somme par groupe tombe juste.
"""

from __future__ import annotations

import numpy as np

ITERATIONS_DICHOTOMIE = 64


def _par_groupe(groupe: np.ndarray, valeurs: np.ndarray, nombre: int) -> np.ndarray:
    return np.bincount(groupe, weights=valeurs, minlength=nombre)


def coefficient(demande, plafond, groupe, enveloppe, integrale) -> np.ndarray:
    """Le coefficient k_g de chaque groupe (1 si l'enveloppe suffit et n'est pas à distribuer)."""
    nombre = len(enveloppe)
    demande = np.asarray(demande, dtype=np.float64)
    plafond = np.minimum(np.asarray(plafond, dtype=np.float64), np.where(demande > 0, np.inf, 0.0))
    total = _par_groupe(groupe, demande, nombre)
    atteignable = _par_groupe(groupe, plafond, nombre)
    suffisante = total <= enveloppe
    integrale = np.asarray(integrale, dtype=bool)
    if not np.isfinite(plafond).any():  # sans plafond, k = E / Σd : pas de dichotomie
        k = np.where(total > 0, enveloppe / np.where(total > 0, total, 1.0), 1.0)
        return np.where(suffisante & ~integrale, 1.0, k)
    a_chercher = ~(suffisante & ~integrale)
    if not a_chercher.any():  # toutes les enveloppes suffisent : k = 1 partout, rien à chercher
        return np.ones(nombre)
    # La dichotomie ne porte que sur les groupes où k sert, et sur leurs membres qui comptent : un
    # membre sans demande ni plafond ajoute 0 aux sommes, bit pour bit (mêmes k qu'avec tous).
    groupes = np.flatnonzero(a_chercher)
    rang = np.full(nombre, -1)
    rang[groupes] = np.arange(len(groupes))
    membres = a_chercher[groupe] & ((demande != 0) | (plafond != 0))
    groupe, demande, plafond = rang[groupe[membres]], demande[membres], plafond[membres]
    total, atteignable, enveloppe = total[groupes], atteignable[groupes], enveloppe[groupes]
    cible = np.minimum(enveloppe, atteignable)
    haut = np.where(total > 0, np.maximum(enveloppe / np.where(total > 0, total, 1.0), 1.0), 1.0)
    haut = np.where(np.isfinite(atteignable), haut * 1e6, haut)
    bas = np.zeros(len(groupes))
    for _ in range(ITERATIONS_DICHOTOMIE):  # itère sur la précision, pas sur les membres
        milieu = (bas + haut) / 2
        servi = _par_groupe(groupe, np.minimum(milieu[groupe] * demande, plafond), len(groupes))
        trop = servi > cible
        haut = np.where(trop, milieu, haut)
        bas = np.where(trop, bas, milieu)
    k = np.ones(nombre)
    k[groupes] = bas
    return k


def repartir(demande, groupe, enveloppe, plafond=None, integrale=False) -> np.ndarray:
    """Montants versés (euros entiers) : au prorata des demandes, plafonnés, dans l'enveloppe."""
    demande = np.asarray(demande, dtype=np.float64)
    groupe = np.asarray(groupe, dtype=np.int64)
    enveloppe = np.floor(np.asarray(enveloppe, dtype=np.float64))
    nombre = len(enveloppe)
    if plafond is None:
        plafond = np.full(len(demande), np.inf)
    integrale = np.broadcast_to(np.asarray(integrale, dtype=bool), (nombre,))
    k = coefficient(demande, plafond, groupe, enveloppe, integrale)
    exact = np.minimum(k[groupe] * demande, plafond)
    if len(exact) == 0:
        return exact.astype(np.int64)
    verse = np.floor(exact + 1e-9)
    # Euros restant à attribuer dans chaque groupe : l'enveloppe (ou la somme exacte) moins les planchers.
    cible = np.minimum(enveloppe, np.floor(_par_groupe(groupe, exact, nombre) + 0.5))
    reste = np.maximum(cible - _par_groupe(groupe, verse, nombre), 0).astype(np.int64)
    fraction = np.where(verse < np.floor(plafond), exact - verse, -1.0)
    # Le plus fort reste : seuls les membres d'un groupe où il reste des euros, à fraction positive,
    # peuvent recevoir un euro ; leur rang parmi eux est leur rang dans tout le groupe.
    candidats = np.flatnonzero((fraction > 0) & (reste[groupe] > 0))
    bonus = np.zeros(len(demande))
    if len(candidats):
        groupe_c, fraction_c = groupe[candidats], fraction[candidats]
        ordre = np.lexsort((-fraction_c, groupe_c))  # par groupe, plus forts restes d'abord
        debut = np.searchsorted(groupe_c[ordre], np.arange(nombre))
        rang = np.arange(len(ordre)) - debut[groupe_c[ordre]]
        bonus[candidats[ordre]] = rang < reste[groupe_c[ordre]]
    return (verse + bonus).astype(np.int64)
