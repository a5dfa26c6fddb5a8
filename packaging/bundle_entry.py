"""The bundle's program: what ``dist/newsreader/newsreader`` runs (PyInstaller's script).

The same entry point as the ``newsreader`` console script, so the bundle behaves like
the installed command: no arguments open the window, anything else is the CLI.
"""

from newsreader.launch import main

if __name__ == "__main__":
    main()
