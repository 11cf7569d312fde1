import { parseSimulatorCli, simulatorUsage } from './cli';

describe('simulator command line', () => {
  it('has defaults per simulator', () => {
    expect(parseSimulatorCli('employment-area', [], {})).toEqual({
      help: false,
      port: 4010,
      host: '127.0.0.1',
      seed: undefined,
      logLevel: 'info',
      faults: {},
      webhook: undefined,
      xRoadService: undefined,
      referrals: 20,
    });
    expect(parseSimulatorCli('wage-subsidy', [], {})).toMatchObject({ port: 4020, referrals: 0 });
  });

  it('reads environment variables, and flags over them', () => {
    const env = {
      PORT: '5000',
      SIM_ERROR_RATE: '0.2',
      SIM_LATENCY_MS: '10-50',
      SIM_TIMEOUT_RATE: '0.05',
      SIM_DUPLICATE_RATE: '0.1',
      SIM_OUT_OF_ORDER: 'true',
      WEBHOOK_URL: 'http://localhost:4000/webhooks/employment-area',
      WEBHOOK_SECRET: 'old, new',
      SIM_REFERRALS: '5',
    };
    expect(parseSimulatorCli('employment-area', ['--error-rate=0.3', '--port', '0', '--auto-generate-ms', '5000'], env)).toMatchObject({
      port: 0,
      faults: { errorRate: 0.3, latencyMs: [10, 50], timeoutRate: 0.05, duplicateRate: 0.1, outOfOrderRate: 1 },
      webhook: { url: 'http://localhost:4000/webhooks/employment-area', secret: ['old', 'new'] },
      referrals: 5,
      autoGenerate: { everyMs: 5000, batch: 1 },
    });
    expect(parseSimulatorCli('wage-subsidy', ['--out-of-order', '--decision-delay-ms', '100'], {})).toMatchObject({
      faults: { outOfOrderRate: 1 },
      decisionDelayMs: [100, 100],
    });
    expect(parseSimulatorCli('wage-subsidy', ['--out-of-order', '0.25', '--help'], {})).toMatchObject({
      faults: { outOfOrderRate: 0.25 },
      help: true,
    });
  });

  it('says what is wrong with a value', () => {
    expect(() => parseSimulatorCli('employment-area', ['--error-rate', '2'], {})).toThrow('--error-rate must be a number from 0 to 1');
    expect(() => parseSimulatorCli('employment-area', ['--latency-ms', '50-10'], {})).toThrow('--latency-ms must be MIN-MAX');
    expect(() => parseSimulatorCli('employment-area', [], { WEBHOOK_URL: 'http://x' })).toThrow('needs a secret');
    expect(() => parseSimulatorCli('employment-area', ['--decision-delay-ms', '5'], {})).toThrow('unknown option --decision-delay-ms');
    expect(() => parseSimulatorCli('wage-subsidy', ['--referrals', '5'], {})).toThrow('unknown option');
    expect(() => parseSimulatorCli('wage-subsidy', ['--port'], {})).toThrow('--port needs a value');
    expect(simulatorUsage('wage-subsidy')).toContain('SIM_DECISION_DELAY_MS');
  });
});
