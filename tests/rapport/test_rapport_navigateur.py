"""Le rapport dans un vrai navigateur sans écran (Debian `chromium`, installé par .ci/run) : la page
s'affiche, ses images se chargent, et aucun tableau n'est plus large que la page (il défile dans
son cadre). Une copie de la page reçoit un petit script qui écrit ses mesures dans le DOM, relu
par `--dump-dom` ; la page livrée, elle, n'a aucun script."""

from __future__ import annotations

import json
import re
import shutil
import subprocess

import pytest

NAVIGATEUR = shutil.which("chromium") or shutil.which("chromium-browser")
pytestmark = pytest.mark.skipif(
    NAVIGATEUR is None,
    reason="pas de navigateur : Debian `chromium` absent (.ci/run l'installe par apt-get ; ailleurs : apt-get install chromium)",
)

MESURE = """
<script>
window.addEventListener("load", function () {
  var principal = document.querySelector("main").getBoundingClientRect();
  var depassements = [];
  document.querySelectorAll("table").forEach(function (table, rang) {
    // ce qu'on voit du tableau : sa boîte, ou celle de son cadre si le cadre coupe et fait défiler
    var cadre = table.closest(".cadre-tableau");
    var coupe = cadre && getComputedStyle(cadre).overflowX !== "visible";
    var boite = (coupe ? cadre : table).getBoundingClientRect();
    if (boite.right > principal.right + 1 || boite.left < principal.left - 1) {
      depassements.push({rang: rang, gauche: boite.left, droite: boite.right, largeur_table: table.scrollWidth});
    }
  });
  var images = Array.prototype.map.call(document.images, function (image) {
    var boite = image.getBoundingClientRect();
    return {chargee: image.complete && image.naturalWidth > 0, dedans: boite.right <= principal.right + 1};
  });
  var sortie = document.createElement("pre");
  sortie.id = "mesure";
  sortie.textContent = JSON.stringify({
    titre: document.querySelector("h1").textContent,
    tables: document.querySelectorAll("table").length,
    defilantes: Array.prototype.filter.call(document.querySelectorAll(".cadre-tableau"),
      function (c) { return c.scrollWidth > c.clientWidth + 1; }).length,
    page_largeur: document.documentElement.scrollWidth,
    fenetre_largeur: document.documentElement.clientWidth,
    principal_droite: principal.right,
    depassements: depassements,
    images: images
  });
  document.body.appendChild(sortie);
});
</script>
"""


def mesurer(page, dossier, largeur: int) -> dict:
    """Ouvre une copie instrumentée de la page dans chromium à `largeur` px et rend ses mesures."""
    copie = dossier / f"mesure_{largeur}.html"
    copie.write_text(page.replace("</body>", MESURE + "</body>"), encoding="utf-8")
    profil = dossier / f"profil_{largeur}"
    commande = [
        NAVIGATEUR, "--headless", "--no-sandbox", "--disable-gpu", "--disable-quic", "--no-first-run",
        "--disable-background-networking", "--disable-component-update", "--disable-sync", f"--user-data-dir={profil}",
        f"--window-size={largeur},1200", "--run-all-compositor-stages-before-draw", "--virtual-time-budget=10000",
        "--dump-dom", copie.as_uri(),
    ]
    sortie = subprocess.run(commande, capture_output=True, text=True, timeout=180, check=False)
    trouve = re.search(r'<pre id="mesure">(.*?)</pre>', sortie.stdout, re.S)
    assert trouve, f"pas de mesure (code {sortie.returncode}) : {sortie.stderr[-2000:]}"
    return json.loads(trouve.group(1).replace("&quot;", '"').replace("&lt;", "<").replace("&gt;", ">").replace("&amp;", "&"))


@pytest.mark.parametrize("largeur", [1280, 760])
def test_page_rendue_sans_tableau_plus_large_que_la_page(rapport, tmp_path, largeur):
    page = (rapport / "rapport_caqes.html").read_text(encoding="utf-8")
    mesure = mesurer(page, tmp_path, largeur)
    assert mesure["titre"] == "CAQES et IFEP : ce que chaque régime verse ou reprend"
    assert mesure["tables"] >= 6
    assert mesure["depassements"] == [], mesure
    assert mesure["page_largeur"] <= mesure["fenetre_largeur"], "la page défile horizontalement"
    assert mesure["images"] and all(i["chargee"] and i["dedans"] for i in mesure["images"]), mesure["images"]
    assert mesure["defilantes"] >= 1  # le tableau par catégorie défile dans son cadre au lieu d'élargir la page
