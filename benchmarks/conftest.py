"""Le banc d'essai n'est pas une suite de tests : pytest ne collecte rien ici (voir docs/performance.md)."""

collect_ignore_glob = ["*.py"]
