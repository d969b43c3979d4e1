"""Une seule règle d'arrondi pour tout le rapport : graphiques, tableaux HTML et titres écrivent
les euros, les parts et les nombres par ces fonctions (le classeur garde les valeurs exactes)."""

from __future__ import annotations

import math

DECIMALES_PART = 1  # une part (probabilité, taux, utilisation) : 12,3 %


def _francais(texte: str) -> str:
    """Séparateur de milliers espace fine insécable, virgule décimale."""
    return texte.replace(",", "\u202f").replace(".", ",")


def part(valeur: float) -> str:
    """Une part en pourcentage, DECIMALES_PART décimale(s) : 0,1234 → « 12,3 % »."""
    if valeur is None or (isinstance(valeur, float) and math.isnan(valeur)):
        return "—"
    return _francais(f"{valeur * 100:,.{DECIMALES_PART}f}") + "\u00a0%"


def euros(valeur: float) -> str:
    """Un montant à l'euro : 1234567,4 → « 1 234 567 € »."""
    if valeur is None or (isinstance(valeur, float) and math.isnan(valeur)):
        return "—"
    return _francais(f"{round(valeur):,}") + "\u00a0€"  # round : entier, jamais « -0 »


def euros_court(valeur: float, _position=None) -> str:
    """Un montant d'axe de graphique : 2 500 000 → « 2,5 M€ », 40 000 → « 40 k€ »."""
    if abs(valeur) >= 1e6:
        decimales = 0 if valeur % 1e6 == 0 else 1
        return _francais(f"{valeur / 1e6:.{decimales}f}") + "\u00a0M€"
    if abs(valeur) >= 1e3:
        return _francais(f"{valeur / 1e3:.0f}") + "\u00a0k€"
    return _francais(f"{valeur:.0f}") + "\u00a0€"


def part_axe(valeur: float, _position=None) -> str:
    """Une graduation d'axe en pourcentage entier (les valeurs lues, elles, passent par `part`)."""
    return f"{valeur * 100:.0f}\u00a0%"


def nombre(valeur: float) -> str:
    """Un nombre sans unité : entier à l'unité, sinon 4 chiffres significatifs."""
    if float(valeur).is_integer():
        return _francais(f"{valeur:,.0f}")
    return _francais(f"{valeur:,.4g}")


def est_part(colonne: str) -> bool:
    """Vrai pour une colonne (ou un indicateur) exprimée en part : probabilité, taux, coefficient, écart relatif."""
    minuscule = colonne.lower()
    return colonne.startswith(("Part", "Probabilité", "Écart /")) or "taux" in minuscule or "coefficient" in minuscule
