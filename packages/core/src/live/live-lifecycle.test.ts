import { describe, expect, it } from 'vitest';
import { LiveLifecycle } from './live-lifecycle';

/** A lifecycle whose steps log what ran, and whose start can be held open. */
function lifecycle() {
  const log: string[] = [];
  let release: () => void = () => {};
  const held = { value: false };
  const life = new LiveLifecycle({
    start: async () => {
      log.push(`start running=${life.running}`);
      if (held.value) await new Promise<void>((resolve) => (release = resolve));
      log.push('started');
    },
    stop: async () => {
      log.push(`stop running=${life.running}`);
    },
  });
  return { life, log, held, release: () => release() };
}

describe('LiveLifecycle', () => {
  it('starts once while running, and stops once while stopping', async () => {
    const { life, log } = lifecycle();
    expect(life.idle).toBe(true);
    const first = life.start();
    expect(life.start()).toBe(first);
    await first;
    expect(life.running).toBe(true);
    expect(life.idle).toBe(false);
    const stopping = life.stop();
    expect(life.stop()).toBe(stopping);
    await stopping;
    await life.stop();
    expect(log).toEqual(['start running=true', 'started', 'stop running=false']);
    expect(life.idle).toBe(true);
  });

  it('waits for a start under way before it stops, and starts anew after a stop', async () => {
    const { life, log, held, release } = lifecycle();
    held.value = true;
    const starting = life.start();
    const stopping = life.stop();
    const again = life.start();
    held.value = false;
    release();
    await Promise.all([starting, stopping, again]);
    expect(log).toEqual([
      'start running=true',
      'started',
      'stop running=false',
      'start running=true',
      'started',
    ]);
    expect(life.running).toBe(true);
  });

  it('resolves a stop of a lifecycle that never started at once, running nothing', async () => {
    const { life, log } = lifecycle();
    await life.stop();
    expect(log).toEqual([]);
  });
});
