"""``python -m newsreader``: the same entry point as the ``newsreader`` command."""

from newsreader.cli import main

if __name__ == "__main__":
    main()
