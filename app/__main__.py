"""`python -m app` is the same command as `roleplay`; it is also the packaged app's entry point."""

import multiprocessing
import sys

from app.cli.main import main

if __name__ == "__main__":
    multiprocessing.freeze_support()  # the recogniser's child process in the packaged app
    sys.exit(main())
