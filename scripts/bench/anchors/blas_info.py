#!/usr/bin/env python3
"""Anchor environment: the versions and the BLAS that NumPy really runs.

Usage: blas_info.py
Imports numpy, pandas and sklearn (exit 3 naming a missing one) and prints one JSON line:
  {"python","numpy","pandas","sklearn","blas":{"library","corename","config","threads",
   "threadpoolctl"},"overrides"}
The BLAS is the shared library mapped into this process (/proc/self/maps: Debian's NumPy links
libblas.so.3, which the alternatives system points at OpenBLAS, reference BLAS, BLIS ...); for
OpenBLAS its kernel comes from the library itself (openblas_get_corename: the kernel its dynamic
dispatch chose for this CPU, or the one OPENBLAS_CORETYPE forced). threadpoolctl's view, when it
is installed, is given too as a cross-check. `overrides` lists the OPENBLAS_CORETYPE /
OPENBLAS_L2_SIZE values this process saw (the bench runs the anchors without them).
"""
import ctypes
import os
import platform
import sys

sys.dont_write_bytecode = True  # keep __pycache__ out of the repo
import _common as c  # noqa: E402  (sibling module in this folder)


def mapped_blas():
    """The path of the BLAS library mapped into this process, or None."""
    paths = []
    with open("/proc/self/maps") as f:
        for line in f:
            path = line.split()[-1] if len(line.split()) >= 6 else ""
            name = os.path.basename(path)
            if ("blas" in name or "blis" in name or "mkl_rt" in name) and path not in paths:
                paths.append(path)
    # libblas.so.3 may be the alternatives' name for OpenBLAS: prefer the library that says so.
    for p in paths:
        if "openblas" in os.path.realpath(p):
            return os.path.realpath(p)
    return os.path.realpath(paths[0]) if paths else None


def openblas_facts(path):
    try:
        lib = ctypes.CDLL(path)
    except OSError:
        return {}
    facts = {}
    for key, fn, restype in (("corename", "openblas_get_corename", ctypes.c_char_p),
                             ("config", "openblas_get_config", ctypes.c_char_p),
                             ("threads", "openblas_get_num_threads", ctypes.c_int)):
        f = getattr(lib, fn, None)
        if f is None:
            continue
        f.restype = restype
        v = f()
        facts[key] = v.decode().strip() if isinstance(v, bytes) else v
    return facts


def main():
    numpy, pandas, sklearn = c.require("numpy", "pandas", "sklearn")
    numpy.ones((64, 64)) @ numpy.ones((64, 64))  # the BLAS is loaded and initialised
    library = mapped_blas()
    blas = {"library": library}
    if library:
        blas.update(openblas_facts(library))
    try:
        import threadpoolctl
        blas["threadpoolctl"] = [
            {k: i.get(k) for k in ("internal_api", "version", "architecture", "num_threads", "filepath")}
            for i in threadpoolctl.threadpool_info() if i.get("user_api") == "blas"
        ]
    except ImportError:
        blas["threadpoolctl"] = None
    c.emit({
        "python": platform.python_version(),
        "numpy": numpy.__version__,
        "pandas": pandas.__version__,
        "sklearn": sklearn.__version__,
        "blas": blas,
        "overrides": {k: os.environ[k] for k in ("OPENBLAS_CORETYPE", "OPENBLAS_L2_SIZE") if k in os.environ},
    })


if __name__ == "__main__":
    c.run(main)
