"""`python -m marsad` runs the command-line interface."""

from marsad.cli import main

main()
