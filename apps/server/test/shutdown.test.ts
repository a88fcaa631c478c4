import { EventEmitter } from 'node:events';
import { classPrediction, type Frame } from '@autopipe/core';
import { describe, expect, it } from 'vitest';
import { createServer, serveUntilSignal, type ModelLoader } from '../src/index.js';

/** A scorer that takes `ms` to answer, so a request can be in flight while the server shuts down. */
function slowLoader(ms: number): ModelLoader {
  return () => ({
    task: 'binary', target: 'y', classes: ['a', 'b'], schema: [{ name: 'x', type: 'numeric' }],
    predict: async (frame: Frame) => {
      await new Promise((r) => setTimeout(r, ms));
      const x = frame.numeric('x');
      return classPrediction(['a', 'b'], Float64Array.from(Array.from(x).flatMap((v) => [1 - v, v])));
    },
  });
}

describe('graceful shutdown on SIGTERM / SIGINT', () => {
  for (const signal of ['SIGTERM', 'SIGINT']) {
    it(`${signal}: stops accepting, finishes requests in flight, then resolves`, async () => {
      const app = await createServer({ models: [{ dir: '/nowhere/slow', name: 'slow' }], loader: slowLoader(400), reloadIntervalMs: 0 });
      const signals = new EventEmitter();
      let url = '';
      const served = serveUntilSignal(app, { port: 0, host: '127.0.0.1', signals, onListen: (a) => { url = a; } });
      while (!url) await new Promise((r) => setTimeout(r, 5));
      const inFlight = fetch(`${url}/v1/models/slow/predict`, { method: 'POST', headers: { 'content-type': 'application/json' }, body: JSON.stringify({ rows: [{ x: 0.25 }] }) });
      await new Promise((r) => setTimeout(r, 100));
      signals.emit(signal);
      await new Promise((r) => setTimeout(r, 50));
      // Not ready any more, and new connections are refused while the in-flight request finishes.
      await expect(fetch(`${url}/healthz`)).rejects.toThrow();
      const res = await inFlight;
      expect(res.status).toBe(200);
      expect(await res.json()).toEqual({ model: { name: 'slow', version: 1 }, predictions: ['a'], classes: ['a', 'b'], probabilities: [[0.75, 0.25]] });
      expect(await served).toBe(signal);
      expect(signals.listenerCount('SIGTERM') + signals.listenerCount('SIGINT')).toBe(0);
    });
  }
});
