"""One module per ``goda-exempel`` subcommand.

Each module defines ``add_parser(commands)``, which adds its subparser to the
``argparse`` sub-parsers object and sets ``run`` (a function of the parsed arguments that
returns the exit status). ``cli.py`` finds them all; adding a command is adding a module.
"""
