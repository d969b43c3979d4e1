"""Partager une enveloppe fermée entre les membres de groupes, à l'euro près, sans boucle.

La règle (prouvée contre une référence exacte en fractions dans tests/caqes/test_repartition.py) :

- Chaque membre i d'un groupe g (une région) a une demande d_i (ce qu'il a gagné, ou ses points)
  et un plafond c_i ; il peut recevoir au plus sa borne u_i, en euros entiers :
  u_i = ⌊min(d_i, c_i)⌋ (jamais plus que gagné, ni que le plafond) ; en répartition intégrale
  (valeur du point), u_i = ⌊c_i⌋ (l'enveloppe entière est distribuée, dans la limite du plafond).
  Un membre sans demande (d_i ≤ 0) ne reçoit rien.
- Le groupe verse T_g = min(⌊E_g⌋, Σ u_i) : l'enveloppe si elle est liante, sinon toutes les bornes.
- Parts exactes x_i = min(k_g·d_i, u_i), où k_g est l'unique coefficient tel que Σ x_i = T_g
  (remplissage « water-filling » : le surplus d'un membre plafonné va aux autres au prorata).
  On le trouve sans dichotomie : membres triés par seuil u_i / d_i, le premier seuil où la somme
  atteint T_g fixe les membres plafonnés (x = u) et k = (T − Σ bornes plafonnées) / Σ demandes
  restantes.
- Arrondi à l'euro par le plus fort reste : chacun reçoit ⌊x_i⌋, puis les T_g − Σ⌊x_i⌋ euros
  restants vont, un chacun, aux plus forts restes x_i − ⌊x_i⌋. À restes égaux, l'euro va au
  premier membre dans l'ordre des établissements (l'ordre de la population, celui du fichier).

Exactitude : quand les demandes sont des euros entiers (le cas de la loi) et que les produits
tiennent sur 63 bits, k = N / D est gardé en fraction d'entiers et les restes sont des restes de
division entière : la répartition est exacte, égalités de restes comprises. Sinon (points
flottants de la variante IFAQ), les restes sont des flottants 64 bits ; seules des égalités
exactes entre flottants tombent sous la règle de l'ordre des établissements.
"""

from __future__ import annotations

import numpy as np

PRODUIT_ENTIER_MAX = float(2**62)  # au-delà, un produit N·d ou u·D pourrait dépasser l'int64


def _par_groupe(groupe: np.ndarray, valeurs: np.ndarray, nombre: int) -> np.ndarray:
    return np.bincount(groupe, weights=valeurs, minlength=nombre)


def bornes(demande: np.ndarray, plafond: np.ndarray, integrale: np.ndarray) -> np.ndarray:
    """Ce que chaque membre peut recevoir au plus, en euros entiers (inf : sans borne)."""
    borne = np.floor(np.where(integrale, plafond, np.minimum(plafond, demande)))
    return np.where(demande > 0, np.maximum(borne, 0.0), 0.0)


def repartir(demande, groupe, enveloppe, plafond=None, integrale=False) -> np.ndarray:
    """Montants versés (euros entiers) : au prorata des demandes, plafonnés, dans l'enveloppe."""
    demande = np.asarray(demande, dtype=np.float64)
    groupe = np.asarray(groupe, dtype=np.int64)
    enveloppe = np.maximum(np.floor(np.asarray(enveloppe, dtype=np.float64)), 0.0)
    nombre = len(enveloppe)
    plafond = np.inf if plafond is None else plafond
    plafond = np.broadcast_to(np.asarray(plafond, dtype=np.float64), demande.shape)
    integrale = np.broadcast_to(np.asarray(integrale, dtype=bool), (nombre,))
    borne = bornes(demande, plafond, integrale[groupe])
    atteignable = _par_groupe(groupe, borne, nombre)
    cible = np.minimum(enveloppe, atteignable)
    verse = np.zeros(len(demande), dtype=np.int64)
    # Groupe dont l'enveloppe n'est pas liante : chacun reçoit sa borne, il n'y a rien à partager.
    complet = (cible >= atteignable)[groupe]
    verse[complet] = borne[complet]
    actifs = np.flatnonzero(~complet & (borne > 0))
    if len(actifs):
        with np.errstate(over="ignore"):  # seuil u / d infini pour une demande infime : voulu
            verse[actifs] = _partager(demande[actifs], borne[actifs], groupe[actifs], cible, actifs)
    return verse


def _partager(demande, borne, groupe, cible, indices) -> np.ndarray:
    """Parts à l'euro des membres des groupes où l'enveloppe est liante (water-filling, plus fort reste)."""
    nombre = len(cible)
    # Tri par groupe puis par seuil u / d croissant : les premiers d'un groupe sont plafonnés d'abord.
    ordre = np.lexsort((borne / demande, groupe))
    d, u, g, indices = demande[ordre], borne[ordre], groupe[ordre], indices[ordre]
    finie = np.isfinite(u)
    groupes = np.arange(nombre)
    debut, fin = np.searchsorted(g, groupes), np.searchsorted(g, groupes, side="right")
    total_demande = _par_groupe(g, d, nombre)
    u_fini = np.where(finie, u, 0.0)
    entier = (
        bool((d == np.floor(d)).all())
        and float(total_demande.max()) < 2.0**53
        and float(cible.max()) * float(d.max()) < PRODUIT_ENTIER_MAX
        and float(u_fini.max()) * float(total_demande.max()) < PRODUIT_ENTIER_MAX
    )
    j = _premier_seuil_atteint(d, u, g, cible, debut, fin)
    if entier:
        j = _ajuster_seuil(j, d.astype(np.int64), u_fini.astype(np.int64), finie, g, cible.astype(np.int64), debut, fin)
    numerateur, denominateur = _numerateur_denominateur(j, d, u_fini, g, cible)
    position = np.arange(len(d))
    plafonne = position < j[g]
    if entier:
        d, u_fini = d.astype(np.int64), u_fini.astype(np.int64)
        produit = numerateur.astype(np.int64)[g] * d
        diviseur = denominateur.astype(np.int64)[g]
        quotient = np.where(plafonne, u_fini, produit // diviseur)
        plancher = np.where(finie, np.minimum(quotient, u_fini), quotient)  # garde : jamais au-delà de u
        reste = np.where(plafonne | (plancher < quotient), 0, produit % diviseur)
        candidat = reste > 0
    else:
        exacte = np.where(plafonne, u, np.minimum(numerateur[g] * (d / denominateur[g]), u))  # d/D ≤ 1 : sans débordement
        plancher = np.floor(exacte)
        reste = exacte - plancher
        candidat = ~plafonne & (plancher < u)
    plancher = plancher.astype(np.int64)
    a_donner = (cible - _par_groupe(g, plancher, nombre)).astype(np.int64)
    return _plus_fort_reste(plancher, reste, candidat, g, a_donner, indices)[np.argsort(ordre)]


def _premier_seuil_atteint(d, u, g, cible, debut, fin) -> np.ndarray:
    """Par groupe, la première position (triée par seuil) où Σ min(seuil·d, u) atteint la cible.

    Recherche dichotomique sur les positions, tous groupes ensemble ; chaque somme est faite groupe
    par groupe (bincount), sans cumul global : un petit groupe ne perd rien à côté d'un grand.
    """
    bas, haut = debut.copy(), np.maximum(fin - 1, debut)
    seuil = u / d
    while (bas < haut).any():  # ⌈log2(taille du plus grand groupe)⌉ tours, pas un par membre
        milieu = (bas + haut) // 2
        t = seuil[np.minimum(milieu, len(d) - 1)]
        servi = _par_groupe(g, np.minimum(t[g] * d, u), len(cible))
        atteint = servi >= cible
        haut = np.where((bas < haut) & atteint, milieu, haut)
        bas = np.where((bas < haut) & ~atteint, milieu + 1, bas)
    return bas


def _numerateur_denominateur(j, d, u_fini, g, cible):
    """N = cible − Σ bornes des plafonnés (positions < j), D = Σ demandes des autres, par groupe."""
    avant = np.arange(len(d)) < j[g]
    nombre = len(cible)
    return cible - _par_groupe(g, np.where(avant, u_fini, 0), nombre), _par_groupe(g, np.where(avant, 0, d), nombre)


def _ajuster_seuil(j, d, u, finie, g, cible, debut, fin) -> np.ndarray:
    """Corrige en entiers exacts le seuil trouvé en flottants : k = N / D doit tomber entre deux seuils."""
    presents = np.flatnonzero(fin > debut)
    for _ in range(len(d) + 1):  # itère sur les corrections (en pratique aucune), pas sur les membres
        numerateur, denominateur = (x.astype(np.int64)[presents] for x in _numerateur_denominateur(j, d, u, g, cible))
        jp = j[presents]
        # k ≤ u_j / d_j (le membre j n'est pas plafonné) et k ≥ u_{j-1} / d_{j-1} (le précédent l'est).
        trop_haut = finie[jp] & (numerateur * d[jp] > u[jp] * denominateur) & (jp < fin[presents] - 1)
        precedent = np.maximum(jp - 1, 0)
        trop_bas = (jp > debut[presents]) & (numerateur * d[precedent] < u[precedent] * denominateur)
        if not (trop_haut | trop_bas).any():
            break
        j[presents] = jp + trop_haut.astype(np.int64) - (trop_bas & ~trop_haut).astype(np.int64)
    return j


def _plus_fort_reste(plancher, reste, candidat, g, a_donner, indices) -> np.ndarray:
    """Donne un euro aux `a_donner` plus forts restes de chaque groupe ; à égalité, au premier établissement."""
    verse = plancher.copy()
    candidats = np.flatnonzero(candidat & (a_donner[g] > 0))
    if len(candidats):
        gc = g[candidats]
        rang_tri = np.lexsort((indices[candidats], -reste[candidats], gc))
        debut = np.searchsorted(gc[rang_tri], np.arange(len(a_donner)))
        rang = np.arange(len(rang_tri)) - debut[gc[rang_tri]]
        verse[candidats[rang_tri]] += rang < a_donner[gc[rang_tri]]
    return verse
