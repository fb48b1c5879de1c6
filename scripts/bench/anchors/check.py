#!/usr/bin/env python3
"""Anchor environment check.

Usage: check.py
Imports pandas, sklearn, torch and numpy and prints one JSON line:
  {"python","executable","pandas","sklearn","torch","numpy"}
Exits 3 with a message naming the missing module if one cannot be imported.
"""
import platform
import sys

sys.dont_write_bytecode = True  # keep __pycache__ out of the repo
import _common as c  # noqa: E402  (sibling module in this folder)


def main():
    pandas, sklearn, torch, numpy = c.require("pandas", "sklearn", "torch", "numpy")
    c.emit({
        "python": platform.python_version(),
        "executable": sys.executable,
        "pandas": pandas.__version__,
        "sklearn": sklearn.__version__,
        "torch": torch.__version__,
        "numpy": numpy.__version__,
    })


if __name__ == "__main__":
    c.run(main)
