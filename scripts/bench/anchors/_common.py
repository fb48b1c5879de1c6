"""Shared helpers for the Python anchor benchmarks (not a benchmark itself).

Contract of every anchor script: exactly one line of JSON on stdout at the
end; all other output (warnings, library chatter) goes to stderr; on failure
a clear message on stderr and a non-zero exit code.
"""
import argparse
import json
import math
import sys

# Exit codes shared by the anchors.
EXIT_USAGE = 2        # bad arguments / unreadable or unsuitable CSV
EXIT_MISSING_DEP = 3  # a required Python module is missing
EXIT_RUNTIME = 4      # unexpected failure while benchmarking

_real_stdout = sys.stdout


def arguments(doc):
    """The options every anchor takes: the CSV and --target (default y); add the script's own."""
    ap = argparse.ArgumentParser(description=doc.splitlines()[1])
    ap.add_argument("csv")
    ap.add_argument("--target", default="y")
    return ap


def redirect_stdout():
    """Send anything printed by libraries to stderr; keep real stdout for the JSON line."""
    sys.stdout = sys.stderr


def fail(message, code=EXIT_RUNTIME):
    sys.stderr.write("error: %s\n" % message)
    sys.stderr.flush()
    sys.exit(code)


def _clean(value):
    """Make a value strict-JSON safe (NaN/inf -> None, numpy scalars -> Python)."""
    if isinstance(value, dict):
        return {k: _clean(v) for k, v in value.items()}
    if isinstance(value, (list, tuple)):
        return [_clean(v) for v in value]
    if hasattr(value, "item") and not isinstance(value, (str, bytes)):
        try:
            value = value.item()
        except (ValueError, TypeError):
            pass
    if isinstance(value, float) and not math.isfinite(value):
        return None
    return value


def emit(result):
    line = json.dumps(_clean(result), allow_nan=False, separators=(",", ":"))
    _real_stdout.write(line + "\n")
    _real_stdout.flush()


def require(*modules):
    """Import modules by name, exiting 3 with a clear message if one is missing."""
    import importlib
    loaded = []
    for name in modules:
        try:
            loaded.append(importlib.import_module(name))
        except ImportError as e:
            fail("missing Python module '%s' (%s) for interpreter %s"
                 % (name, e, sys.executable), EXIT_MISSING_DEP)
    return loaded


def split_columns(df, target, path):
    """Return (feature_names, target_name) after validating the frame."""
    cols = [str(c) for c in df.columns]
    if target not in cols:
        fail("target column '%s' not found in %s (columns: %s)"
             % (target, path, ", ".join(cols)), EXIT_USAGE)
    features = [c for c in cols if c != target]
    if not features:
        fail("no feature columns in %s (only the target '%s')" % (path, target), EXIT_USAGE)
    if len(df) == 0:
        fail("no data rows in %s" % path, EXIT_USAGE)
    bad = [c for c in cols if df[c].dtype.kind not in "fiub"]
    if bad:
        fail("non-numeric column(s) in %s: %s" % (path, ", ".join(bad)), EXIT_USAGE)
    if df.isna().values.any():
        fail("missing/empty values in %s" % path, EXIT_USAGE)
    return features, target


def read_csv(pd, path):
    try:
        return pd.read_csv(path)
    except FileNotFoundError:
        fail("CSV file not found: %s" % path, EXIT_USAGE)
    except Exception as e:  # parse errors, empty file, ...
        fail("could not read CSV %s: %s: %s" % (path, type(e).__name__, e), EXIT_USAGE)


def run(main):
    """Run main() with stdout redirected and uniform error handling."""
    redirect_stdout()
    try:
        main()
    except SystemExit:
        raise
    except KeyboardInterrupt:
        fail("interrupted", 130)
    except Exception as e:
        import traceback
        traceback.print_exc(file=sys.stderr)
        fail("%s: %s" % (type(e).__name__, e), EXIT_RUNTIME)
