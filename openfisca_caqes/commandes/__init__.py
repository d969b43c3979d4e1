"""Les sous-commandes de `caqes`, une par module."""
