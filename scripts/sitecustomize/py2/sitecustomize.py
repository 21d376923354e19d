# Goldens are recorded as a terminal shows them: line-buffered stdout and stderr (DESIGN.md).
import os
import sys

sys.stdout = os.fdopen(1, "w", 1)
sys.stderr = os.fdopen(2, "w", 1)
