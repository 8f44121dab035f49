"""``python -m karamap``: the command line."""

from karamap.cli import main

main()
