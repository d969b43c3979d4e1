"""La page : gabarit jinja2, tableaux dans un cadre qui défile, graphiques sur les bons axes, section
du balayage (--balayage) ; un fichier qui n'est pas un balayage est refusé avant tout calcul."""

from __future__ import annotations

import re
from types import SimpleNamespace

import numpy as np
import pandas as pd
import pytest

from openfisca_caqes.cli import main
from openfisca_caqes.commandes import compare, report
from openfisca_caqes.rapport.graphiques import graphique_enveloppe, graphique_ifep, png
from openfisca_caqes.rapport.page import table_html
from openfisca_caqes.simulation_enveloppe import simuler


def test_chaque_tableau_dans_un_cadre(rapport):
    page = (rapport / "rapport_caqes.html").read_text(encoding="utf-8")
    hors_balayage = re.sub(r'<section class="balayage">.*?</section>', "", page, count=1, flags=re.S)
    tables = hors_balayage.count("<table")
    assert tables >= 5
    assert len(re.findall(r'<div class="cadre-tableau"[^>]*>\s*<table', hors_balayage)) == tables
    assert ".cadre-tableau { width: fit-content; max-width: 100%; overflow-x: auto;" in page
    assert "<script" not in page


def test_section_balayage_incluse(rapport):
    page = (rapport / "rapport_caqes.html").read_text(encoding="utf-8")
    assert page.count('<section class="balayage">') == 1
    assert "Balayage des modalités non publiées de l'IFEP" in page
    assert page.index('<section class="balayage">') < page.index("Enregistrement de l'exécution")


def test_textes_echappes():
    html = str(table_html(pd.DataFrame({"Catégorie": ["<b>x</b> & y"], "Solde (€)": [12]})))
    assert "&lt;b&gt;x&lt;/b&gt; &amp; y" in html and "<b>" not in html
    assert '<td class="n">12\u00a0€</td>' in html


def test_balayage_refuse_avant_tout_calcul(tmp_path, capsys, monkeypatch):
    def interdit(*_args, **_kwargs):
        raise AssertionError("calcul lancé avant la vérification du balayage")

    monkeypatch.setattr(report, "calculer", interdit)
    faux = tmp_path / "pas_un_balayage.csv"
    pd.DataFrame({"a": [1]}).to_csv(faux, index=False)
    dossier = tmp_path / "sortie"
    for chemin, motif in ((faux, "pas un résultat de `caqes balayage`"), (tmp_path / "absent.parquet", "introuvable"),
                          (tmp_path / "x.txt", "introuvable")):
        assert main(["report", "--dossier-sortie", str(dossier), "--balayage", str(chemin)]) == 2
        erreur = capsys.readouterr().err
        assert erreur.startswith("caqes : erreur : ") and motif in erreur and "Traceback" not in erreur
    assert not dossier.exists()
    assert compare.calculer is not interdit  # seul le rapport est court-circuité


def test_options_francaises_et_alias_anglais():
    import argparse

    parser = argparse.ArgumentParser()
    sous = parser.add_subparsers()
    report.declarer(sous)
    francais = parser.parse_args(["report", "--dossier-sortie", "d", "--montant", "5", "--tirages", "7", "--graine", "2"])
    anglais = parser.parse_args(["report", "--output-dir", "d", "--amount", "5", "--draws", "7", "--seed", "2"])
    for arguments in (francais, anglais):
        assert (arguments.dossier_sortie, arguments.montant, arguments.tirages, arguments.graine) == ("d", "5", 7, 2)


def test_ifep_axes_logarithmiques_et_droite_du_plafond():
    plafond = np.array([1e3, 2e4, 5e5, 3e6, 8e4, 1e5])
    penalite = np.array([10.0, 2e4, 1e3, 0.0, 4e2, 7e4])
    detail = pd.DataFrame({"colonne": "2027", "ifep_plafond_penalite": plafond, "ifep_penalite": penalite})
    comparaison = SimpleNamespace(detail=detail, colonnes=[SimpleNamespace(libelle="2027", annee=2027)])
    figure = graphique_ifep(comparaison)
    axe = figure.axes[0]
    assert (axe.get_xscale(), axe.get_yscale()) == ("log", "log")
    droite = [ligne for ligne in axe.get_lines() if ligne.get_label() == "pénalité = plafond"][0]
    x, y = droite.get_data()
    assert np.array_equal(x, y) and x.min() <= 1e3 and x.max() >= 5e5  # couvre l'étendue des plafonds visibles
    assert axe.get_xlim() == (x.min(), x.max()) and axe.get_ylim()[0] <= 10 and axe.get_ylim()[1] >= 5e5
    points = axe.collections[0].get_offsets()
    assert len(points) == 5  # le non pénalisé (0 €) n'a pas de place sur une échelle log…
    assert "5 pénalisés, dont 1 au plafond ; 1 sans pénalité" in axe.collections[0].get_label()  # …la légende le compte
    png(figure)


def test_enveloppe_une_quantite_par_axe():
    resultat = simuler(np.array([1e5, 2e5, 3e5]), 5e5, 50, 0, 0.3, 0.1, 1.0, False)
    figure = graphique_enveloppe(resultat, "Occitanie", 2025, 2026)
    axes = figure.axes
    assert len(axes) == 3
    assert [a.get_xlabel() for a in axes] == ["Intéressements régionaux gagnés (€)", "Versé / enveloppe (utilisation)",
                                              "Versé / gagné (coefficient)"]
    assert all(len(a.patches) > 0 for a in axes)
    png(figure)


@pytest.mark.parametrize("option", ["--tirages", "--draws"])
def test_tirages_zero_refuse(option, tmp_path, capsys):
    assert main(["report", option, "0", "--dossier-sortie", str(tmp_path / "d")]) == 2
    assert "--tirages 0 : au moins un tirage" in capsys.readouterr().err
    assert list(tmp_path.iterdir()) == []
