"""``python -m karamap``: the command line."""

from karamap.console import main

main()
