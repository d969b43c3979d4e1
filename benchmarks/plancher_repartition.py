"""Le partage d'une enveloppe fermée, écrit pour les planchers, indépendamment de `openfisca_caqes.repartition`.

Même règle que la loi (docs : `parameters/caqes/enveloppe_regionale/index.yaml`) : borne de chaque
membre u = ⌊min(demande, plafond)⌋ (⌊plafond⌋ en répartition intégrale), 0 sans demande ; le groupe
verse T = min(⌊enveloppe⌋, Σ u) ; parts exactes x = min(k·d, u) avec Σ x = T ; arrondi à l'euro
par le plus fort reste, à restes égaux au premier établissement.

Autre algorithme que le paquet (qui cherche le seuil par dichotomie puis le corrige en entiers) :
les membres triés par seuil u/d, la somme servie à chaque seuil s'écrit avec des sommes cumulées
par groupe, Σ_{q<p} u_q + (u_p/d_p)·Σ_{q≥p} d_q ; le premier seuil où elle atteint T est trouvé
en un passage (comparaison en entiers exacts : Σ_{q<p} u_q·d_p + u_p·Σ_{q≥p} d_q ≥ T·d_p). Les
demandes sont des euros entiers (le cas de la loi) ; sinon le calcul se fait en flottants 64 bits.
"""

from __future__ import annotations

import numpy as np


def _cumul_par_groupe(valeurs: np.ndarray, debut_du_groupe: np.ndarray) -> np.ndarray:
    """Somme cumulée exclusive (positions strictement avant) à l'intérieur de chaque groupe contigu."""
    cumul = np.cumsum(valeurs) - valeurs
    return cumul - cumul[debut_du_groupe]


def repartir_plancher(demande, groupe, enveloppe, plafond=np.inf, integrale=False) -> np.ndarray:
    """Montants versés en euros entiers (int64) : prorata des demandes, plafonnés, dans l'enveloppe."""
    demande = np.asarray(demande, dtype=np.float64)
    groupe = np.asarray(groupe, dtype=np.int64)
    enveloppe = np.maximum(np.floor(np.asarray(enveloppe, dtype=np.float64)), 0.0)
    nombre = len(enveloppe)
    plafond = np.broadcast_to(np.asarray(plafond, dtype=np.float64), demande.shape)
    integrale = np.broadcast_to(np.asarray(integrale, dtype=bool), (nombre,))[groupe]
    u = np.where(demande > 0, np.maximum(np.floor(np.where(integrale, plafond, np.minimum(plafond, demande))), 0.0), 0.0)
    atteignable = np.bincount(groupe, weights=u, minlength=nombre)
    total = np.minimum(enveloppe, atteignable)
    verse = np.zeros(len(demande), dtype=np.int64)
    liant = (total < atteignable)[groupe]
    verse[~liant] = u[~liant]
    actifs = np.flatnonzero(liant & (u > 0))
    if len(actifs) == 0:
        return verse
    d, ub, g = demande[actifs], u[actifs], groupe[actifs]
    with np.errstate(over="ignore", divide="ignore"):
        seuil = ub / d
    ordre = np.lexsort((seuil, g))
    d, ub, g, idx = d[ordre], ub[ordre], g[ordre], actifs[ordre]
    finie = np.isfinite(ub)
    uf = np.where(finie, ub, 0.0)
    m = len(d)
    position = np.arange(m)
    debut_groupe = np.r_[0, np.flatnonzero(np.diff(g)) + 1]
    debut = np.repeat(debut_groupe, np.diff(np.r_[debut_groupe, m]))
    entier = bool(np.all(d == np.floor(d))) and float(d.sum()) < 2.0**53
    T = total[g]
    if entier:
        di, ui, Ti = d.astype(np.int64), uf.astype(np.int64), T.astype(np.int64)
        avant_u = _cumul_par_groupe(ui, debut)
        total_d = np.bincount(g, weights=d, minlength=nombre).astype(np.int64)[g]
        apres_d = total_d - _cumul_par_groupe(di, debut)
        atteint = ~finie | (avant_u * di + ui * apres_d >= Ti * di)
    else:
        avant_u = _cumul_par_groupe(uf, debut)
        apres_d = np.bincount(g, weights=d, minlength=nombre)[g] - _cumul_par_groupe(d, debut)
        atteint = ~finie | (avant_u + seuil[ordre] * apres_d >= T)
    # Premier seuil atteint de chaque groupe (il existe : T < Σ u).
    j_groupe = np.minimum.reduceat(np.where(atteint, position, m), debut_groupe)
    j = np.repeat(j_groupe, np.diff(np.r_[debut_groupe, m]))
    plafonne = position < j
    at_j = position == j
    if entier:
        numerateur = np.zeros(nombre, dtype=np.int64)
        denominateur = np.zeros(nombre, dtype=np.int64)
        numerateur[g[at_j]] = Ti[at_j] - avant_u[at_j]
        denominateur[g[at_j]] = apres_d[at_j]
        produit = numerateur[g] * di
        plancher = np.where(plafonne, ui, produit // denominateur[g])
        plancher = np.where(finie, np.minimum(plancher, ui), plancher)
        reste = np.where(plafonne, 0, produit % denominateur[g])
        candidat = reste > 0
    else:
        numerateur = np.zeros(nombre)
        denominateur = np.ones(nombre)
        numerateur[g[at_j]] = T[at_j] - avant_u[at_j]
        denominateur[g[at_j]] = apres_d[at_j]
        exacte = np.where(plafonne, ub, np.minimum(numerateur[g] * (d / denominateur[g]), ub))
        plancher = np.floor(exacte)
        reste = exacte - plancher
        candidat = ~plafonne & (plancher < ub)
    plancher = plancher.astype(np.int64)
    a_donner = (total - np.bincount(g, weights=plancher, minlength=nombre)).astype(np.int64)
    # Plus forts restes : tri (groupe, reste décroissant, établissement), un euro aux a_donner premiers.
    c = np.flatnonzero(candidat)
    tri = c[np.lexsort((idx[c], -reste[c], g[c]))]
    gt = g[tri]
    premiers = np.searchsorted(gt, gt)
    rang = np.arange(len(tri)) - premiers
    plancher[tri] += (rang < a_donner[gt]).astype(np.int64)
    verse[idx] = plancher
    return verse
