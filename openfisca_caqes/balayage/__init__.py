"""Balayages des modalités non publiées de l'IFEP : points, évaluation sur Dask, indices de sensibilité.

`specification` lit le fichier de balayage, `points` tire les points, `travail` évalue un point
dans un processus (population construite une fois, branches), `resultats` résume par région,
`execution` lance les tâches (local ou Dask), `sensibilite` calcule les indices, `graphiques`
trace et écrit le classeur, `rapport` rend la section HTML de `caqes report`.
"""
