import type { CapturedResponse } from '@bimmer/core';
import { describe, expect, it } from 'vitest';
import { createFingerprintRecorder } from './recorder';

function stateResponse(index: number): CapturedResponse {
  return {
    brand: 'bmw',
    method: 'GET',
    path: '/eadrax-vcs/v4/vehicles/state',
    query: { apptimezone: '0', appDateTime: String(index) },
    vinHeader: `WBA1234567800${String(index).padStart(4, '0')}`,
    status: 200,
    contentType: 'application/json',
    body: `{"index":${index}}`,
    fetchedAt: new Date(Date.UTC(2026, 11, 1, 8, 0, index)),
  };
}

describe('createFingerprintRecorder', () => {
  it('keeps every response, in order (the reference keeps only the last 10)', () => {
    const recorder = createFingerprintRecorder();
    const sent = Array.from({ length: 57 }, (_, index) => stateResponse(index));
    for (const response of sent) recorder.onResponse(response);
    expect(recorder.responses).toHaveLength(57);
    expect(recorder.responses).toEqual(sent);
  });

  it('hands out snapshots that later responses and callers cannot change', () => {
    const recorder = createFingerprintRecorder();
    recorder.onResponse(stateResponse(1));
    const snapshot = recorder.responses;
    recorder.onResponse(stateResponse(2));
    expect(snapshot).toHaveLength(1);
    (snapshot as CapturedResponse[]).length = 0;
    expect(recorder.responses).toHaveLength(2);
  });

  it('copies what it records, so a caller reusing its objects cannot rewrite the recording', () => {
    const recorder = createFingerprintRecorder();
    const query: Record<string, string> = { fields: 'charging-profile' };
    const response = { ...stateResponse(1), query };
    recorder.onResponse(response);
    query.fields = 'changed';
    expect(recorder.responses[0]?.query).toEqual({ fields: 'charging-profile' });
  });

  it('keeps recorders apart', () => {
    const one = createFingerprintRecorder();
    const two = createFingerprintRecorder();
    one.onResponse(stateResponse(1));
    expect(two.responses).toEqual([]);
  });
});
