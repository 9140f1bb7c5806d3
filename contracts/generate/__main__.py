"""`python -m contracts.generate [--check | --proto]`."""

import sys

from contracts.generate import main

sys.exit(main())
