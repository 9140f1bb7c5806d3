"""`python -m console`: the console as its own process (distributed mode)."""

import sys

from console.server import main

sys.exit(main())
