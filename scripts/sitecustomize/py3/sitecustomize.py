# Goldens are recorded as a terminal shows them: line-buffered stdout and stderr (DESIGN.md).
import sys

sys.stdout.reconfigure(line_buffering=True)
sys.stderr.reconfigure(line_buffering=True)
