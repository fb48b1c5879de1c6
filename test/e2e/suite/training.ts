// In-host tests of minibatch SGD in the panel: playing, tuning, pausing, stepping, divergence, curves that survive a hidden panel.
import * as vscode from 'vscode';
import { CommandId } from '../../../src/extension/command-ids';
import { nonFinite } from '../../shared/messages';
import { assert, waitFor, type TestCase } from './harness';
import { api, wsUri, playgroundTabs, nextPost, collectPosts, isTraining, finished, sgd } from './context';

export function trainingTests(timings: Record<string, number>): TestCase[] {
  return [
    {
      name: 'training: play runs d2l to the closed form, throttled, NaN-free; same seed ⇒ same run',
      timeoutMs: 60_000,
      fn: async () => {
        const pg = api().playground()!;
        const fitted = nextPost(pg, (m) => m.type === 'fit', 'the two-feature fit');
        pg.receive({ type: 'setDesign', design: { target: 'y', features: ['x1', 'x2'], degree: 1, intercept: true, standardize: false, validationFraction: 0.2 } });
        await fitted;
        const runOnce = async (sps: number) => {
          const done = collectPosts(pg, finished);
          const t0 = Date.now();
          pg.receive({ type: 'train', command: 'reset', params: sgd({ stepsPerSecond: sps }) });
          pg.receive({ type: 'train', command: 'play', params: sgd({ stepsPerSecond: sps }) });
          const msgs = (await done).filter(isTraining);
          return { msgs, seconds: (Date.now() - t0) / 1000 };
        };
        const a = await runOnce(400); // 240 steps at 400/s ≈ 0.6 s
        const last = a.msgs.at(-1)!;
        assert(last.status === 'done', `status done (got ${last.status})`);
        const epochs = a.msgs.flatMap((m) => m.epochs);
        assert(epochs.length === 3 && epochs[2].trainLoss < 1e-4 && epochs[2].validationLoss !== null, `3 epochs, loss < 1e-4, validation loss (got ${JSON.stringify(epochs)})`);
        const steps = a.msgs.flatMap((m) => m.steps);
        assert(steps.length > 50, `steps were sent (${steps.length})`);
        assert(a.msgs.every((m) => nonFinite(m).length === 0), 'no NaN in training messages');
        timings['training messages per second (400 steps/s)'] = Math.round(a.msgs.length / a.seconds);
        // Throttled without a clock: a message carries the steps of one flush interval (25 ms ≈ 10
        // steps at 400/s); a busy machine only puts more steps in each. One message per step is the bug.
        assert(a.msgs.length * 3 <= last.totalSteps, `throttled: ${a.msgs.length} messages for ${last.totalSteps} steps`);
        assert(a.msgs.some((m) => typeof m.optimumLoss === 'number'), 'the closed-form reference loss is sent');
        const b = await runOnce(0);
        const lastA = a.msgs.flatMap((m) => m.steps).at(-1)!;
        const lastB = b.msgs.flatMap((m) => m.steps).at(-1)!;
        assert(JSON.stringify(lastA.theta) === JSON.stringify(lastB.theta), `same seed ⇒ same run (${lastA.theta} vs ${lastB.theta})`);
      },
    },
    {
      name: 'training curves survive hiding the panel: the reconnected view gets the run so far (bounded)',
      timeoutMs: 60_000,
      fn: async () => {
        const pg = api().playground()!;
        pg.receive({ type: 'train', command: 'reset', params: sgd({ stepsPerSecond: 0, epochs: 5 }) });
        const done = nextPost(pg, (m) => isTraining(m) && m.status === 'done', 'the run to finish', 30_000);
        pg.receive({ type: 'train', command: 'play', params: sgd({ stepsPerSecond: 0, epochs: 5 }) });
        const d = await done;
        assert(isTraining(d), 'a finished run');
        const before = pg.handshakeCount;
        const doc = await vscode.workspace.openTextDocument(wsUri('longley.csv'));
        await vscode.window.showTextDocument(doc, { viewColumn: vscode.ViewColumn.Active, preview: false });
        await waitFor(() => !playgroundTabs()[0]?.isActive, 'the playground to be hidden');
        const replay = nextPost(pg, (m) => isTraining(m) && m.reset, 'the run re-sent to the shown view', 30_000);
        await vscode.commands.executeCommand(CommandId.openPlayground);
        await waitFor(() => pg.handshakeCount > before, 'a second handshake after showing the panel', 30_000);
        const r = await replay;
        assert(isTraining(r) && r.status === 'done', `the run is still done (got ${isTraining(r) && r.status})`);
        assert(isTraining(r) && r.epochs.length === 5 && r.epochs.at(-1)!.epoch === 4, `all 5 epochs (got ${isTraining(r) && r.epochs.length})`);
        assert(isTraining(r) && isTraining(d) && r.totalSteps === d.totalSteps && r.steps.at(-1)!.globalStep === d.totalSteps - 1, 'the steps up to the last one');
        assert(isTraining(r) && r.steps.length > 50 && r.steps.length <= 1000, `a bounded curve (got ${isTraining(r) && r.steps.length} steps)`);
        await vscode.window.tabGroups.close(vscode.window.tabGroups.all.flatMap((g) => g.tabs).filter((t) => t.input instanceof vscode.TabInputText));
        await vscode.commands.executeCommand(CommandId.openPlayground);
      },
    },
    {
      name: 'training: η changes while playing without a reset; pause and step work; cancel leaves the panel usable',
      timeoutMs: 60_000,
      fn: async () => {
        const pg = api().playground()!;
        pg.receive({ type: 'train', command: 'reset', params: sgd({ stepsPerSecond: 50, epochs: 50 }) });
        const playing = nextPost(pg, (m) => isTraining(m) && m.steps.length > 0, 'steps while playing');
        pg.receive({ type: 'train', command: 'play', params: sgd({ stepsPerSecond: 50, epochs: 50 }) });
        await playing;
        const tuned = collectPosts(pg, (m) => isTraining(m) && m.steps.some((s) => s.learningRate === 0.001));
        pg.receive({ type: 'tune', learningRate: 0.001, stepsPerSecond: 50 });
        const msgs = (await tuned).filter(isTraining);
        assert(msgs.every((m) => !m.reset), 'no reset on tune');
        const paused = nextPost(pg, (m) => isTraining(m) && m.status === 'paused', 'paused');
        pg.receive({ type: 'train', command: 'pause', params: sgd({ learningRate: 0.001, stepsPerSecond: 50, epochs: 50 }) });
        const p = await paused;
        const stepped = nextPost(pg, (m) => isTraining(m) && m.steps.length === 1, 'one step');
        pg.receive({ type: 'train', command: 'step', params: sgd({ learningRate: 0.001, stepsPerSecond: 50, epochs: 50 }) });
        const s = await stepped;
        assert(isTraining(p) && isTraining(s) && s.status === 'paused' && !s.reset, 'Step advances one minibatch and stays paused');
        const cancelled = nextPost(pg, (m) => isTraining(m) && m.status === 'cancelled', 'cancelled');
        pg.receive({ type: 'train', command: 'play', params: sgd({ learningRate: 0.001, stepsPerSecond: 50, epochs: 50 }) });
        pg.receive({ type: 'cancel' });
        await cancelled;
        const again = nextPost(pg, (m) => isTraining(m) && m.steps.length === 1, 'a step after cancel');
        pg.receive({ type: 'train', command: 'step', params: sgd({ learningRate: 0.001, stepsPerSecond: 50, epochs: 50 }) });
        await again;
      },
    },
    {
      name: 'a diverging learning rate stops with a message naming epoch, step and a stable η',
      timeoutMs: 60_000,
      fn: async () => {
        const pg = api().playground()!;
        const done = collectPosts(pg, finished);
        pg.receive({ type: 'train', command: 'reset', params: sgd({ learningRate: 5, epochs: 20 }) });
        pg.receive({ type: 'train', command: 'play', params: sgd({ learningRate: 5, epochs: 20 }) });
        const msgs = (await done).filter(isTraining);
        const last = msgs.at(-1)!;
        assert(last.status === 'diverged' && last.divergence !== null, `diverged (got ${last.status})`);
        assert(/epoch \d+, step \d+/.test(last.divergence.message), `names epoch and step: ${last.divergence.message}`);
        assert(last.divergence.suggestedLearningRate > 0 && last.divergence.suggestedLearningRate < 5, 'suggests a smaller η');
        assert(msgs.every((m) => nonFinite(m).length === 0), 'NaN never reaches the view');
      },
    },
  ];
}
