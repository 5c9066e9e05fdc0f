import { describe, expect, it } from 'vitest';
import { ListenerRegistry } from './listener-registry';

interface TestEvents {
  change: { path: string };
  warning: string;
}

describe('ListenerRegistry', () => {
  it('calls listeners in the order they subscribed, once per subscription', () => {
    const registry = new ListenerRegistry<TestEvents>();
    const heard: string[] = [];
    const twice = (payload: { path: string }) => heard.push(`twice:${payload.path}`);
    registry.on('change', (payload) => heard.push(`first:${payload.path}`));
    registry.on('change', twice);
    registry.on('change', twice);
    registry.on('warning', (message) => heard.push(`warning:${message}`));
    registry.emit('change', { path: 'mileage' });
    expect(heard).toEqual(['first:mileage', 'twice:mileage', 'twice:mileage']);
    expect(registry.listenerCount('change')).toBe(3);
    expect(registry.listenerCount()).toBe(4);
  });

  it('unsubscribes one subscription per call, and a second call does nothing', () => {
    const registry = new ListenerRegistry<TestEvents>();
    const heard: string[] = [];
    const listener = (message: string) => heard.push(message);
    const first = registry.on('warning', listener);
    registry.on('warning', listener);
    first();
    first();
    registry.emit('warning', 'once');
    expect(heard).toEqual(['once']);
    expect(registry.listenerCount('warning')).toBe(1);
  });

  it('keeps going when a listener throws, and reports the error with the event name', () => {
    const reported: [unknown, string][] = [];
    const registry = new ListenerRegistry<TestEvents>({
      onListenerError: (error, event) => reported.push([error, String(event)]),
    });
    const heard: string[] = [];
    const boom = new Error('listener failed');
    registry.on('warning', () => {
      throw boom;
    });
    registry.on('warning', (message) => heard.push(message));
    expect(() => registry.emit('warning', 'still heard')).not.toThrow();
    expect(heard).toEqual(['still heard']);
    expect(reported).toEqual([[boom, 'warning']]);
  });

  it('reports a listener whose promise rejects instead of leaving an unhandled rejection', async () => {
    const reported: unknown[] = [];
    const registry = new ListenerRegistry<TestEvents>({ onListenerError: (error) => reported.push(error) });
    const boom = new Error('async listener failed');
    registry.on('warning', async () => {
      throw boom;
    });
    registry.emit('warning', 'x');
    await new Promise((resolve) => setImmediate(resolve));
    expect(reported).toEqual([boom]);
  });

  it('survives an error handler that throws, and no handler at all', () => {
    const throwing = new ListenerRegistry<TestEvents>({
      onListenerError: () => {
        throw new Error('handler failed');
      },
    });
    const silent = new ListenerRegistry<TestEvents>();
    for (const registry of [throwing, silent]) {
      const heard: string[] = [];
      registry.on('warning', () => {
        throw new Error('listener failed');
      });
      registry.on('warning', (message) => heard.push(message));
      expect(() => registry.emit('warning', 'heard')).not.toThrow();
      expect(heard).toEqual(['heard']);
    }
  });

  it('applies subscriptions made or removed during an emit from the next emit on', () => {
    const registry = new ListenerRegistry<TestEvents>();
    const heard: string[] = [];
    let unsubscribeLater = () => {};
    registry.on('warning', (message) => {
      heard.push(`a:${message}`);
      unsubscribeLater();
      registry.on('warning', (again) => heard.push(`late:${again}`));
    });
    unsubscribeLater = registry.on('warning', (message) => heard.push(`b:${message}`));
    registry.emit('warning', '1');
    expect(heard).toEqual(['a:1', 'b:1']);
    heard.length = 0;
    registry.emit('warning', '2');
    expect(heard).toEqual(['a:2', 'late:2']);
  });

  it('forgets every subscription on clear', () => {
    const registry = new ListenerRegistry<TestEvents>();
    const heard: string[] = [];
    const unsubscribe = registry.on('warning', (message) => heard.push(message));
    registry.clear();
    registry.emit('warning', 'nobody');
    unsubscribe();
    expect(heard).toEqual([]);
    expect(registry.listenerCount()).toBe(0);
  });
});
