// A stand-in for the extension host in the static preview (test/e2e/ui/preview.mjs): defines
// acquireVsCodeApi and answers the protocol with d2l-like data and a small SGD loop, so the
// webview can be looked at and timed without a workbench. Not shipped.
(() => {
  const params = new URLSearchParams(location.search);
  const view = params.get('view') === 'normal' ? 'normal' : 'playground';
  const hostile = params.has('hostile');
  const n = Number(params.get('n') ?? 1000);
  const sent = [];
  const received = [];
  window.__preview = { sent, received };
  const toView = (msg) => {
    sent.push(msg);
    window.postMessage(msg, '*');
  };

  // Seeded data: y = 2 x1 − 3.4 x2 + 4.2 + N(0, 0.01²) as in d2l 3.4.
  let seed = 42;
  const uniform = () => ((seed = (seed * 1664525 + 1013904223) >>> 0) / 2 ** 32);
  const normal = () => Math.sqrt(-2 * Math.log(uniform() + 1e-12)) * Math.cos(2 * Math.PI * uniform());
  const names = hostile ? ['<img src=x onerror=alert(1)>', 'x2 "quoted" & <b>bold</b>', 'y'] : ['x1', 'x2', 'y'];
  const X = [];
  const Y = [];
  for (let i = 0; i < n; i++) {
    const x1 = normal();
    const x2 = normal();
    X.push([1, x1, x2]);
    Y.push(2 * x1 - 3.4 * x2 + 4.2 + 0.01 * normal());
  }
  // Normal equations (3×3), fine for a preview.
  const p = 3;
  const xtx = Array.from({ length: p }, (_, a) => Array.from({ length: p }, (_, b) => X.reduce((s, r) => s + r[a] * r[b], 0)));
  const xty = Array.from({ length: p }, (_, a) => X.reduce((s, r, i) => s + r[a] * Y[i], 0));
  const inv = (m) => {
    const k = m.length;
    const a = m.map((r, i) => [...r, ...Array.from({ length: k }, (_, j) => (i === j ? 1 : 0))]);
    for (let c = 0; c < k; c++) {
      let piv = c;
      for (let r = c + 1; r < k; r++) if (Math.abs(a[r][c]) > Math.abs(a[piv][c])) piv = r;
      [a[c], a[piv]] = [a[piv], a[c]];
      const d = a[c][c];
      for (let j = 0; j < 2 * k; j++) a[c][j] /= d;
      for (let r = 0; r < k; r++) if (r !== c) {
        const f = a[r][c];
        for (let j = 0; j < 2 * k; j++) a[r][j] -= f * a[c][j];
      }
    }
    return a.map((r) => r.slice(k));
  };
  const xtxi = inv(xtx);
  const theta = xtxi.map((r) => r.reduce((s, v, j) => s + v * xty[j], 0));
  const yhat = X.map((r) => r.reduce((s, v, j) => s + v * theta[j], 0));
  const res = Y.map((y, i) => y - yhat[i]);
  const rss = res.reduce((s, r) => s + r * r, 0);
  const ybar = Y.reduce((s, y) => s + y, 0) / n;
  const tss = Y.reduce((s, y) => s + (y - ybar) ** 2, 0);
  const sigma2 = rss / (n - p);
  const se = xtxi.map((r, i) => Math.sqrt(sigma2 * r[i]));
  const loglik = -0.5 * n * (Math.log(2 * Math.PI * (rss / n)) + 1);
  const termNames = ['Intercept', names[0], names[1]];
  const mse = (t) => X.reduce((s, r, i) => s + (Y[i] - r.reduce((q, v, j) => q + v * t[j], 0)) ** 2, 0) / n;
  const grid = (c, half, k) => Array.from({ length: k }, (_, i) => c - half + (2 * half * i) / (k - 1));
  const A = grid(theta[1], 4, 41);
  const B = grid(theta[0], 6, 41);
  const landscape = {
    aName: `w (${names[0]})`,
    bName: 'b',
    aIndex: 1,
    bIndex: 0,
    a: A,
    b: B,
    loss: B.map((b) => A.map((a) => 0.5 * mse([b, a, theta[2]]))),
    optimum: [theta[1], theta[0]],
  };
  const vals = grid(theta[1], 1.5, 61);
  const mses = vals.map((w) => mse([theta[0], w, theta[2]]));
  const nll = mses.map((m) => 0.5 * n * Math.log(2 * Math.PI * sigma2) + (n * m) / (2 * sigma2));
  const shown = Math.min(n, 5000);
  const fit = {
    summary: {
      n, p, rank: p,
      terms: termNames.map((name, i) => ({ name, estimate: theta[i], stdError: se[i], t: theta[i] / se[i], pValue: 1e-300, ci95: [theta[i] - 1.96 * se[i], theta[i] + 1.96 * se[i]], dropped: false })),
      residualStdDev: Math.sqrt(sigma2), rSquared: 1 - rss / tss, adjRSquared: 1 - (rss / (n - p)) / (tss / (n - 1)),
      fStatistic: ((tss - rss) / (p - 1)) / sigma2, fPValue: 0, logLikelihood: loglik, aic: -2 * loglik + 2 * p, bic: -2 * loglik + p * Math.log(n),
      conditionNumber: 1.1, dfModel: p - 1, dfResidual: n - p,
      warnings: params.has('warn') ? ['The condition number is large (3.2e+12): the columns are nearly collinear.'] : [],
    },
    coefficients: theta,
    termNames,
    sample: { shown, total: params.has('big') ? 1_000_000 : n, features: [X.slice(0, shown).map((r) => r[1]), X.slice(0, shown).map((r) => r[2])], y: Y.slice(0, shown), yhat: yhat.slice(0, shown), residuals: res.slice(0, shown) },
    curve: null,
    landscape,
    profiles: [{ name: `w (${names[0]})`, values: vals, mse: mses, nll, argminMse: mses.indexOf(Math.min(...mses)), argminNll: nll.indexOf(Math.min(...nll)) }],
    sigma: Math.sqrt(sigma2),
  };
  const design = { target: names[2], features: [names[0], names[1]], degree: 1, intercept: true, standardize: false, validationFraction: 0.2 };
  const dataset = {
    label: hostile ? '<script>alert(1)</script>.csv' : 'd2l-synthetic.csv',
    builtin: false,
    columns: [...names.map((name) => ({ name, numeric: true })), { name: hostile ? '<svg onload=alert(2)>' : 'city', numeric: false, reason: '"Paris" at row 2 is not a number' }],
    rowsRead: n + 3, rowsUsed: n, rowsDropped: 3,
    dropped: [{ row: 7, column: names[0], value: 'NaN', reason: 'is not a finite number' }],
    warnings: [],
    design,
  };
  const defaults = { sgd: { learningRate: 0.03, batchSize: 10, epochs: 3, schedule: 'constant', loss: 'squared', huberDelta: 1, weightDecay: 0, seed: 0, stepsPerSecond: 60 }, maxPlotPoints: 5000 };

  // ---- SGD --------------------------------------------------------------------------------
  let sgd = { ...defaults.sgd };
  let w;
  let order;
  let gstep;
  let status = 'idle';
  let timer;
  const nTrain = Math.round(n * 0.8);
  const perEpoch = () => Math.ceil(nTrain / sgd.batchSize);
  const total = () => perEpoch() * sgd.epochs;
  const dist = () => Math.hypot(...w.map((v, i) => v - theta[i]));
  const optimumLoss = 0.5 * rss / n;
  function reset() {
    let s = sgd.seed + 1;
    const u = () => ((s = (s * 1103515245 + 12345) >>> 0) / 2 ** 32);
    w = [0, 0.01 * (u() - 0.5), 0.01 * (u() - 0.5)];
    order = Array.from({ length: nTrain }, (_, i) => i);
    for (let i = nTrain - 1; i > 0; i--) {
      const j = Math.floor(u() * (i + 1));
      [order[i], order[j]] = [order[j], order[i]];
    }
    gstep = 0;
  }
  reset();
  function step() {
    const k = gstep % perEpoch();
    const idx = order.slice(k * sgd.batchSize, (k + 1) * sgd.batchSize);
    const g = [0, 0, 0];
    let loss = 0;
    for (const i of idx) {
      const r = X[i].reduce((s, v, j) => s + v * w[j], 0) - Y[i];
      loss += 0.5 * r * r;
      for (let j = 0; j < 3; j++) g[j] += r * X[i][j];
    }
    for (let j = 0; j < 3; j++) w[j] -= (sgd.learningRate * g[j]) / idx.length;
    const info = { globalStep: gstep, epoch: Math.floor(gstep / perEpoch()), step: k, learningRate: sgd.learningRate, batchLoss: loss / idx.length, theta: [...w], distance: dist() };
    gstep++;
    return info;
  }
  function run(nSteps) {
    const steps = [];
    const epochs = [];
    let divergence = null;
    for (let i = 0; i < nSteps && gstep < total(); i++) {
      const s = step();
      if (!Number.isFinite(s.batchLoss) || s.batchLoss > 1e8) {
        status = 'diverged';
        divergence = { message: `Training diverged at epoch ${s.epoch + 1}, step ${s.step + 1}: the loss reached ${s.batchLoss.toPrecision(3)} with η = ${sgd.learningRate}. Try η ≤ 0.5.`, suggestedLearningRate: 0.5 };
        steps.push({ ...s, batchLoss: Number.isFinite(s.batchLoss) ? s.batchLoss : 1e300, theta: s.theta.map((v) => (Number.isFinite(v) ? v : 0)), distance: Number.isFinite(s.distance) ? s.distance : 1e300 });
        break;
      }
      steps.push(s);
      if (gstep % perEpoch() === 0) {
        const l = 0.5 * mse(w);
        epochs.push({ epoch: gstep / perEpoch() - 1, trainLoss: l, validationLoss: l * 1.05, distance: dist() });
      }
    }
    if (status !== 'diverged' && gstep >= total()) status = 'done';
    return { steps, epochs, divergence };
  }
  function send(reset, r = { steps: [], epochs: [], divergence: null }) {
    toView({ type: 'training', status, steps: r.steps, epochs: r.epochs, divergence: r.divergence, reset, totalSteps: total(), optimumLoss });
    if (status !== 'playing') clearInterval(timer);
  }
  function play() {
    clearInterval(timer);
    status = 'playing';
    const tick = () => {
      const per = sgd.stepsPerSecond === 0 ? 50 : Math.max(1, Math.round(sgd.stepsPerSecond / 30));
      send(false, run(per));
    };
    timer = setInterval(tick, 1000 / 30);
  }

  window.acquireVsCodeApi = () => {
    let state = JSON.parse(sessionStorage.getItem('preview-state') ?? 'null');
    return {
      getState: () => state,
      setState: (s) => {
        state = s;
        sessionStorage.setItem('preview-state', JSON.stringify(s));
      },
      postMessage: (msg) => {
        received.push(msg);
        setTimeout(() => onMessage(msg), 5);
      },
    };
  };
  function onMessage(msg) {
    switch (msg.type) {
      case 'ready':
        toView({ type: 'init', protocolVersion: 2, extensionVersion: '0.0.0-preview', extensionMode: 'development', workspaceName: 'examples', view, defaults });
        if (view === 'playground' && !params.has('empty')) {
          toView({ type: 'busy', message: 'Loading d2l-synthetic.csv…', fraction: 0.5 });
          toView({ type: 'dataset', dataset });
          toView({ type: 'fit', design, fit });
          if (params.has('error')) toView({ type: 'error', scope: 'data', message: 'Could not read "data.csv": row 12 has 4 fields, the header has 3.', hint: 'Check the quoting on row 12, or choose another file.' });
          if (params.has('garbage')) toView({ type: 'fit', design, fit: { summary: 'nope' } });
        }
        break;
      case 'train':
        sgd = { ...msg.params };
        if (msg.command === 'reset') {
          clearInterval(timer);
          status = 'idle';
          reset();
          send(true);
        } else if (msg.command === 'play') {
          if (status === 'done' || status === 'diverged') {
            reset();
            status = 'idle';
            send(true);
          }
          play();
        } else if (msg.command === 'pause') {
          status = 'paused';
          send(false);
        } else if (msg.command === 'step') {
          if (status === 'done') break;
          status = 'paused';
          send(false, run(1));
        }
        break;
      case 'tune':
        sgd = { ...sgd, learningRate: msg.learningRate, stepsPerSecond: msg.stepsPerSecond };
        break;
      case 'setDesign':
        toView({ type: 'fit', design: msg.design, fit });
        break;
    }
  }
})();
