import { describe, expect, it } from 'vitest';
import { MemoryOutput } from '../test-support';
import { createColors } from './colors';
import { createProgress } from './progress';

describe('line progress (not a terminal)', () => {
  it('writes one line per change and a final line, without escape codes', () => {
    const stream = new MemoryOutput(false);
    const progress = createProgress({ stream, animate: false, colors: createColors(false) });
    progress.start('Light flash: sending');
    progress.update('Light flash: PENDING');
    progress.update('Light flash: PENDING');
    progress.update('Light flash: DELIVERED');
    progress.succeed('Light flash: EXECUTED in 1.0 s');
    expect(stream.text).toBe(
      'Light flash: sending\nLight flash: PENDING\nLight flash: DELIVERED\n✔ Light flash: EXECUTED in 1.0 s\n',
    );
  });

  it('marks failures', () => {
    const stream = new MemoryOutput(false);
    const progress = createProgress({ stream, animate: false, colors: createColors(false) });
    progress.fail('Horn: failed');
    expect(stream.text).toBe('✖ Horn: failed\n');
  });
});

describe('spinner progress (a terminal)', () => {
  it('ends with the final text on the stream', () => {
    const stream = new MemoryOutput(true);
    const progress = createProgress({ stream, animate: true, colors: createColors(false) });
    progress.start('Loading');
    progress.update('Loading: PENDING');
    progress.succeed('Loaded');
    expect(stream.text).toContain('Loaded');
  });
});
