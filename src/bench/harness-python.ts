// The Python side of a variant's process, as source text (written to a temporary file by the
// runner). Python ≥ 3.8. Same protocol as the JavaScript harness (see harness-js.ts): JSON lines
// over fd 3; argv[1] is `{ programPath, baselinePath?, virtualPath, userDir, stackPath }`.
// Timing follows timeit: the program is timeit's template, time.perf_counter_ns is the clock,
// and the garbage collector is off while a sample runs (as `python -m timeit` does).
// On SIGUSR1 and on a fatal signal the current stack is written to stackPath (faulthandler), so a
// timeout or a crash in native code can name
// the line a runaway loop is on.

/** Source of the Python harness (run as is). */
export function pythonHarness(): string {
  return String.raw`import sys, os, json, gc, itertools, math, signal, traceback
from time import perf_counter_ns

_gl_cfg = json.loads(sys.argv[1])
_gl_virtual = _gl_cfg['virtualPath']
_gl_real_exit = os._exit

def _gl_send(message):
    data = (json.dumps(message) + '\n').encode('utf-8')
    while data:
        data = data[os.write(3, data):]

def _gl_frames(tb):
    out = []
    for f in traceback.extract_tb(tb):
        if f.filename == _gl_virtual and f.lineno:
            out.append({'line': f.lineno, 'column': 0})
    out.reverse()  # innermost first, as in JavaScript
    return out

def _gl_fail(e):
    name = type(e).__name__
    if isinstance(e, SystemExit):
        code = '' if e.code is None else repr(e.code)
        message = 'sys.exit(%s) was called: a benchmark snippet must not end its process' % code
        name = 'SystemExit'
    else:
        message = str(e)
    if isinstance(e, ModuleNotFoundError) and e.name:
        message += ' (the interpreter %s does not have it: run "%s -m pip install %s", or choose another interpreter with the gaussLab.pythonPath setting)' % (sys.executable, sys.executable, e.name.split('.')[0])
    frames = _gl_frames(e.__traceback__)
    if isinstance(e, SyntaxError) and e.filename == _gl_virtual and e.lineno:
        frames.insert(0, {'line': e.lineno, 'column': e.offset or 0})
        message = e.msg
    _gl_send({'type': 'error', 'name': name, 'message': message, 'frames': frames})

class GaussLabGuard(Exception):
    pass

def _gl_blocked(what):
    def blocked(*args, **kwargs):
        raise GaussLabGuard(what + ' is not available in a Gauss Lab benchmark: snippets cannot start processes')
    return blocked

for _gl_name in ('fork', 'forkpty', 'system', 'popen', 'spawnl', 'spawnle', 'spawnlp', 'spawnlpe', 'spawnv',
                 'spawnve', 'spawnvp', 'spawnvpe', 'posix_spawn', 'posix_spawnp', 'execl', 'execle', 'execlp',
                 'execlpe', 'execv', 'execve', 'execvp', 'execvpe', 'kill', 'killpg'):
    if hasattr(os, _gl_name):
        setattr(os, _gl_name, _gl_blocked('os.' + _gl_name))
try:
    import _posixsubprocess
    _posixsubprocess.fork_exec = _gl_blocked('subprocess')
except ImportError:
    pass
import subprocess
subprocess.Popen._execute_child = _gl_blocked('subprocess')

def _gl_os_exit(code=0):
    raise SystemExit(code)
os._exit = _gl_os_exit

try:
    import faulthandler
    _gl_stack_file = open(_gl_cfg['stackPath'], 'w')
    faulthandler.register(signal.SIGUSR1, file=_gl_stack_file, all_threads=False)
    # A crash in native code (SIGSEGV in a C extension, ctypes) writes the Python stack there too.
    faulthandler.enable(file=_gl_stack_file, all_threads=False)
except Exception:
    pass

def _gl_load(path):
    with open(path, encoding='utf-8') as f:
        source = f.read()
    namespace = {'__name__': '__gauss_lab__', '__file__': _gl_virtual, '__builtins__': __builtins__}
    exec(compile(source, _gl_virtual, 'exec'), namespace)
    return namespace['__gauss_lab_inner']

def _gl_sample(inner, n):
    it = itertools.repeat(None, n)
    enabled = gc.isenabled()
    gc.disable()
    t0 = perf_counter_ns()
    try:
        ns = inner(it, perf_counter_ns)
    finally:
        if enabled:
            gc.enable()
    return ns, perf_counter_ns() - t0 - ns

def _gl_calibrate(inner, target_ns, warmup_ns):
    target_ns = int(target_ns)
    start = perf_counter_ns()
    n = 1
    while True:
        ns, setup_ns = _gl_sample(inner, n)
        if ns >= target_ns and perf_counter_ns() - start >= warmup_ns:
            break
        if ns < target_ns:
            guess = -(-n * target_ns // ns) if ns > 0 else n * 10
            n = int(min(10**9, max(n + 1, min(n * 10, guess))))
            if n >= 10**9:
                break
    per = ns / n
    return int(max(1, min(10**9, math.ceil(1.1 * target_ns / max(per, 1e-3))))), per, setup_ns

def _gl_handle(message, inner, baseline):
    op = message['op']
    if op == 'calibrate':
        n, per, setup_ns = _gl_calibrate(inner, message['targetNs'], message['warmupNs'])
        _gl_send({'type': 'calibrated', 'n': int(n), 'perIterationNs': per, 'setupNs': setup_ns})
    elif op == 'sample':
        ns, setup_ns = _gl_sample(inner, int(message['n']))
        _gl_send({'type': 'sample', 'ns': ns, 'setupNs': setup_ns})
    elif op == 'baseline':
        n, per, _ = _gl_calibrate(baseline, message['targetNs'], 0)
        per = sorted(_gl_sample(baseline, n)[0] / n for _ in range(message['samples']))
        _gl_send({'type': 'baseline', 'perIterationNs': per[len(per) // 2]})

def _gl_main():
    sys.path.insert(0, _gl_cfg['userDir'])
    try:
        inner = _gl_load(_gl_cfg['programPath'])
        baseline = _gl_load(_gl_cfg['baselinePath']) if _gl_cfg.get('baselinePath') else None
    except BaseException as e:
        _gl_fail(e)
        return
    _gl_send({'type': 'ready', 'runtime': 'Python %d.%d.%d' % sys.version_info[:3]})
    buffer = b''
    while True:
        chunk = os.read(3, 65536)
        if not chunk:
            return
        buffer += chunk
        while b'\n' in buffer:
            line, buffer = buffer.split(b'\n', 1)
            try:
                _gl_handle(json.loads(line), inner, baseline)
            except BaseException as e:
                _gl_fail(e)

_gl_main()
try:
    sys.stdout.flush()
    sys.stderr.flush()
finally:
    _gl_real_exit(0)
`;
}
