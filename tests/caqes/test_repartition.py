"""La répartition d'une enveloppe fermée, prouvée contre une référence exacte (fractions, boucles).

Règle (docstring de openfisca_caqes/repartition.py ; issue #14, issue #10 point 10) : chacun reçoit
au plus ce qu'il a gagné (sauf répartition intégrale) et au plus son plafond, en euros entiers ;
la région verse min(enveloppe, Σ bornes) à l'euro ; le surplus d'un plafonné va aux autres au
prorata (water-filling) ; l'arrondi suit le plus fort reste, à égalité le premier établissement.

La référence ci-dessous est écrite indépendamment du code testé : lente, en `Fraction`, elle
sature les membres un par un jusqu'à ce que plus aucun ne dépasse sa borne.
"""

from fractions import Fraction
from math import floor

import numpy as np
import pytest
from hypothesis import example, given, settings
from hypothesis import strategies as st

from openfisca_caqes.repartition import repartir


def borne_reference(demande, plafond, integrale):
    """Borne exacte d'un membre (None : sans borne), en euros entiers."""
    if demande <= 0:
        return 0
    limite = plafond if integrale else (demande if plafond is None else min(demande, plafond))
    return None if limite is None else max(floor(limite), 0)


def parts_exactes_reference(demandes, bornes, cible):
    """Water-filling exact : k·d_i, les membres qui dépassent leur borne y sont fixés, et on recommence."""
    parts = [Fraction(0)] * len(demandes)
    libres = [i for i, d in enumerate(demandes) if d > 0 and bornes[i] != 0]
    restant = Fraction(cible)
    while libres:
        k = restant / sum(demandes[i] for i in libres)
        satures = [i for i in libres if bornes[i] is not None and k * demandes[i] >= bornes[i]]
        if not satures:
            for i in libres:
                parts[i] = k * demandes[i]
            break
        for i in satures:
            parts[i] = Fraction(bornes[i])
            restant -= bornes[i]
        libres = [i for i in libres if i not in satures]
    return parts


def reference(demandes, groupes, enveloppes, plafonds=None, integrale=False):
    """Montants versés, calculés membre par membre en arithmétique exacte."""
    verse = [0] * len(demandes)
    for g, enveloppe in enumerate(enveloppes):
        membres = [i for i in range(len(demandes)) if groupes[i] == g]
        d = [Fraction(float(demandes[i])) for i in membres]
        c = [None if plafonds is None else Fraction(float(plafonds[i])) for i in membres]
        bornes = [borne_reference(d[n], c[n], integrale) for n in range(len(membres))]
        atteignable = None if None in bornes else sum(bornes)
        cible = floor(Fraction(float(enveloppe))) if atteignable is None else min(floor(enveloppe), atteignable)
        parts = parts_exactes_reference(d, bornes, cible)
        planchers = [floor(p) for p in parts]
        a_donner = cible - sum(planchers)
        # plus fort reste d'abord ; à égalité, le premier établissement (n croissant)
        rangs = sorted(range(len(membres)), key=lambda n: (-(parts[n] - planchers[n]), n))
        for n in rangs[:a_donner]:
            planchers[n] += 1
        for n, i in enumerate(membres):
            verse[i] = planchers[n]
    return verse


# ------------------------------------------------------------------ cas travaillés à la main


def test_issue_14_personne_ne_recoit_plus_que_gagne():
    """Gagnés 100, 10, 10 ; enveloppe 100 ; plafond 50. Le premier est plafonné à 50 ; les deux
    autres ont gagné 10 chacun : 50 + 10 + 10 = 70 ≤ 100, versés [50, 10, 10] (et non [50, 25, 25])."""
    assert repartir([100, 10, 10], [0, 0, 0], [100], plafond=50).tolist() == [50, 10, 10]


def test_plafond_surplus_au_prorata_sans_depasser_le_gagne():
    """Gagnés 300, 100, 100, 20 ; enveloppe 300 ; plafond 120. Prorata 300/520 : 173,08 > 120 →
    plafonné à 120 ; reste 180 pour 220 gagnés : k = 180/220 → 81,82 ; 81,82 ; 16,36 ; planchers
    81 + 81 + 16 = 178, deux euros aux plus forts restes (0,82 ; 0,82) → [120, 82, 82, 16]."""
    assert repartir([300, 100, 100, 20], [0] * 4, [300], plafond=120).tolist() == [120, 82, 82, 16]


def test_repartition_integrale_plafonnee():
    """Intégrale : 100, 10, 10 points pour 100 € et un plafond de 50 € : le premier reçoit 50 €, les
    50 € restants vont aux deux autres au prorata de leurs points (25 et 25) : l'enveloppe entière."""
    assert repartir([100, 10, 10], [0, 0, 0], [100], plafond=50, integrale=True).tolist() == [50, 25, 25]


def test_plus_fort_reste_et_non_plus_faible():
    """Gagnés 100, 200, 400 pour 10 € : parts 1,43 ; 2,86 ; 5,71 ; planchers 1 + 2 + 5 = 8 ; les deux
    euros vont aux restes 0,86 et 0,71 → [1, 3, 6]. Au plus faible reste ce serait [2, 2, 6] (0,43 et 0,71)."""
    assert repartir([100, 200, 400], [0, 0, 0], [10]).tolist() == [1, 3, 6]


def test_plus_fort_reste_un_seul_euro_au_plus_fort():
    """Gagnés 30, 50, 20 pour 7 € : parts 2,1 ; 3,5 ; 1,4 ; planchers 6 ; l'euro va au reste 0,5
    (le deuxième) → [2, 4, 1] ; au plus faible reste (0,1) ce serait [3, 3, 1]."""
    assert repartir([30, 50, 20], [0, 0, 0], [7]).tolist() == [2, 4, 1]


def test_egalite_de_restes_au_premier_etablissement():
    """Gagnés 2, 5, 8 pour 5 € : parts 2/3, 5/3, 8/3, restes tous égaux à 2/3 (les flottants, eux,
    diffèrent au dernier bit) ; planchers 0 + 1 + 2 = 3 ; les deux euros vont aux deux premiers
    établissements → [1, 2, 2] (à l'envers, ce serait [0, 2, 3])."""
    assert repartir([2, 5, 8], [0, 0, 0], [5]).tolist() == [1, 2, 2]


def test_egalite_suit_l_ordre_des_etablissements():
    """Trois gagnés égaux pour 2 € : parts 2/3 chacun, les deux euros vont aux deux premiers → [1, 1, 0].
    Groupes entremêlés, enveloppes [2, 5] : région 1 = établissements 0 et 2 (9 et 9 pour 5 € : 2,5 chacun, l'euro au
    premier, l'établissement 0) ; région 0 = établissements 1 et 3 (9 et 4 pour 2 € : 1,38 et 0,62,
    l'euro au plus fort reste, l'établissement 3) → [3, 1, 2, 1]."""
    assert repartir([9, 9, 9], [0, 0, 0], [2]).tolist() == [1, 1, 0]
    assert repartir([9, 9, 9, 4], [1, 0, 1, 0], [2, 5]).tolist() == [3, 1, 2, 1]


# ------------------------------------------------------------------ propriétés (hypothesis)

# Demandes tirées d'un petit ensemble pour provoquer des égalités, ou librement.
gains = st.one_of(st.sampled_from([0, 1, 7, 10, 60_000, 100_000]), st.integers(0, 2_000_000))


@st.composite
def situations(draw, flottantes=False):
    """Groupes, demandes, enveloppes souvent liantes (une fraction de la demande), plafonds non arrondis."""
    nombre = draw(st.integers(1, 3))
    taille = draw(st.integers(1, 12))
    if flottantes:
        demandes = draw(st.lists(st.floats(0, 2e6, allow_nan=False), min_size=taille, max_size=taille))
    else:
        demandes = draw(st.lists(gains, min_size=taille, max_size=taille))
    groupes = draw(st.lists(st.integers(0, nombre - 1), min_size=taille, max_size=taille))
    demandes, groupes = np.array(demandes, dtype=np.float64), np.array(groupes)
    total = np.bincount(groupes, weights=demandes, minlength=nombre)
    parts = draw(st.lists(st.floats(0, 1.5), min_size=nombre, max_size=nombre))
    enveloppes = np.floor(total * np.array(parts)) + draw(st.integers(0, 3))
    plafonds = None
    if draw(st.booleans()):
        part_plafond = draw(st.floats(0.01, 1.0))
        plafonds = part_plafond * enveloppes[groupes]  # non arrondi, comme plafond_part × enveloppe
    return demandes, groupes, enveloppes, plafonds


@settings(max_examples=300, deadline=None)
@given(situations(), st.booleans())
@example((np.array([100.0, 10, 10]), np.zeros(3, int), np.array([100.0]), np.full(3, 50.0)), False)
def test_conforme_a_la_reference_exacte(situation, integrale):
    """Demandes en euros entiers (le cas de la loi) : égalité exacte avec la référence en fractions."""
    demandes, groupes, enveloppes, plafonds = situation
    attendu = reference(demandes, groupes, enveloppes, plafonds, integrale)
    assert repartir(demandes, groupes, enveloppes, plafond=plafonds, integrale=integrale).tolist() == attendu


@settings(max_examples=300, deadline=None)
@given(situations())
def test_jamais_plus_que_gagne_ni_que_le_plafond_et_somme_a_l_euro(situation):
    """Non intégrale : versé ≤ gagné, versé ≤ plafond, Σ versé = min(enveloppe, Σ ⌊min(gagné, plafond)⌋)."""
    demandes, groupes, enveloppes, plafonds = situation
    verse = repartir(demandes, groupes, enveloppes, plafond=plafonds)
    plafond = np.full(len(demandes), np.inf) if plafonds is None else plafonds
    assert (verse >= 0).all()
    assert (verse <= demandes).all()
    assert (verse <= np.floor(plafond)).all()
    borne = np.floor(np.minimum(demandes, plafond))
    attendu = np.minimum(enveloppes, np.bincount(groupes, weights=borne, minlength=len(enveloppes)))
    assert (np.bincount(groupes, weights=verse, minlength=len(enveloppes)) == attendu).all()


@settings(max_examples=200, deadline=None)
@given(situations(flottantes=True), st.booleans())
def test_demandes_non_arrondies(situation, integrale):
    """Demandes flottantes (points IFAQ) : bornes et somme exactes ; chaque montant à moins d'un euro
    de sa part exacte, et l'euro d'arrondi suit le plus fort reste (à 1e-6 € près)."""
    demandes, groupes, enveloppes, plafonds = situation
    verse = repartir(demandes, groupes, enveloppes, plafond=plafonds, integrale=integrale)
    for g, enveloppe in enumerate(enveloppes):
        membres = np.flatnonzero(groupes == g)
        d = [Fraction(float(demandes[i])) for i in membres]
        c = [None if plafonds is None else Fraction(float(plafonds[i])) for i in membres]
        bornes = [borne_reference(d[n], c[n], integrale) for n in range(len(membres))]
        cible = floor(enveloppe) if None in bornes else min(floor(enveloppe), sum(bornes))
        parts = parts_exactes_reference(d, bornes, cible)
        recu = verse[membres]
        assert recu.sum() == cible
        assert all(b is None or r <= b for r, b in zip(recu, bornes))
        assert all(abs(r - p) < 1 for r, p in zip(recu, parts))
        # un membre arrondi au-dessus n'a pas un reste plus faible qu'un membre arrondi au-dessous
        restes = [float(p - floor(p)) for p in parts]
        dessus = [restes[n] for n in range(len(membres)) if recu[n] > floor(parts[n])]
        dessous = [restes[n] for n in range(len(membres)) if recu[n] == floor(parts[n]) and restes[n] > 0]
        if dessus and dessous:
            assert min(dessus) >= max(dessous) - 1e-6


@settings(max_examples=100, deadline=None)
@given(situations(), st.integers(0, 39), st.integers(1, 1_000_000))
def test_gagner_plus_ne_fait_pas_recevoir_moins(situation, indice, supplement):
    demandes, groupes, enveloppes, plafonds = situation
    indice = indice % len(demandes)
    avant = repartir(demandes, groupes, enveloppes, plafond=plafonds)
    plus = demandes.copy()
    plus[indice] += supplement
    apres = repartir(plus, groupes, enveloppes, plafond=plafonds)
    assert apres[indice] >= avant[indice] - 1  # à l'euro d'arrondi près


@pytest.mark.parametrize("taille", [1_000, 200_000])
def test_grands_groupes_exacts(taille):
    """Beaucoup de membres, demandes entières : la somme tombe sur l'enveloppe, bornes respectées."""
    alea = np.random.default_rng(taille)
    demandes = np.floor(alea.lognormal(10, 2, taille))
    groupes = np.sort(alea.integers(0, 13, taille))
    enveloppes = np.floor(np.bincount(groupes, weights=demandes, minlength=13) * 0.6)
    plafonds = 0.02 * enveloppes[groupes]
    verse = repartir(demandes, groupes, enveloppes, plafond=plafonds)
    assert (verse <= np.minimum(demandes, np.floor(plafonds))).all()
    borne = np.bincount(groupes, weights=np.floor(np.minimum(demandes, plafonds)), minlength=13)
    assert (np.bincount(groupes, weights=verse, minlength=13) == np.minimum(enveloppes, borne)).all()
