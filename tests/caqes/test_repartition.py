"""Propriétés de l'enveloppe régionale fermée : jamais dépassée, réconciliée à l'euro."""

import numpy as np
from hypothesis import given, settings
from hypothesis import strategies as st

from openfisca_caqes.repartition import repartir

montants = st.lists(st.integers(min_value=0, max_value=5_000_000), min_size=1, max_size=40)


@st.composite
def situations(draw):
    demandes = np.array(draw(montants), dtype=np.float64)
    nombre = draw(st.integers(min_value=1, max_value=4))
    groupes = np.sort(np.array(draw(st.lists(st.integers(0, nombre - 1), min_size=len(demandes), max_size=len(demandes)))))
    enveloppes = np.array(draw(st.lists(st.integers(0, 20_000_000), min_size=nombre, max_size=nombre)), dtype=np.float64)
    return demandes, groupes, enveloppes


@settings(max_examples=200, deadline=None)
@given(situations(), st.booleans())
def test_enveloppe_jamais_depassee_et_reconciliee(situation, integrale):
    demandes, groupes, enveloppes = situation
    verse = repartir(demandes, groupes, enveloppes, integrale=integrale)
    par_groupe = np.bincount(groupes, weights=verse, minlength=len(enveloppes)).astype(np.int64)
    demande = np.bincount(groupes, weights=demandes, minlength=len(enveloppes))
    assert (verse >= 0).all()
    assert (par_groupe <= enveloppes).all()
    reduite = demande > enveloppes
    # Réduite : l'enveloppe est versée à l'euro près ; suffisante : chacun reçoit ce qu'il a gagné.
    assert (par_groupe[reduite] == enveloppes[reduite]).all()
    if not integrale:
        suffisante = ~reduite[groupes]
        assert (verse[suffisante] == demandes[suffisante]).all()
        assert (verse <= demandes).all()


@settings(max_examples=100, deadline=None)
@given(situations(), st.floats(min_value=0.05, max_value=1.0))
def test_plafond_par_etablissement_respecte(situation, part):
    demandes, groupes, enveloppes = situation
    plafond = np.floor(part * enveloppes[groupes])
    verse = repartir(demandes, groupes, enveloppes, plafond=plafond)
    assert (verse <= np.maximum(plafond, 0)).all()
    assert (np.bincount(groupes, weights=verse, minlength=len(enveloppes)) <= enveloppes).all()


@settings(max_examples=100, deadline=None)
@given(situations(), st.integers(0, 39), st.integers(1, 1_000_000))
def test_gagner_plus_ne_fait_pas_recevoir_moins(situation, indice, supplement):
    demandes, groupes, enveloppes = situation
    indice = indice % len(demandes)
    avant = repartir(demandes, groupes, enveloppes)
    plus = demandes.copy()
    plus[indice] += supplement
    apres = repartir(plus, groupes, enveloppes)
    assert apres[indice] >= avant[indice] - 1  # à l'euro d'arrondi près
