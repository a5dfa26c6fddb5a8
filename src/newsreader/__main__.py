"""``python -m newsreader``: the same entry point as the ``newsreader`` command."""

from newsreader.launch import main

if __name__ == "__main__":
    main()
