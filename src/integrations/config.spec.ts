import { readFileSync } from 'node:fs';
import path from 'node:path';

import { projectRoot } from '../platform/paths';
import { integrationsConfigFrom } from './config';

const simulator = JSON.stringify({ default: { employmentArea: { adapter: 'simulator' }, wageSubsidy: { adapter: 'simulator' } } });

describe('integrationsConfigFrom', () => {
  it('runs the simulators in development and nothing in tests or production when unset', () => {
    expect(integrationsConfigFrom({ NODE_ENV: 'development' }).default?.employmentArea?.adapter).toBe('simulator');
    expect(integrationsConfigFrom({ NODE_ENV: 'development' }).default?.wageSubsidy?.adapter).toBe('simulator');
    expect(integrationsConfigFrom({ NODE_ENV: 'test' }).default).toBeUndefined();
    expect(integrationsConfigFrom({ NODE_ENV: 'production' }).default).toBeUndefined();
  });

  it('refuses a simulator in production unless that is explicitly allowed', () => {
    expect(() => integrationsConfigFrom({ NODE_ENV: 'production', INTEGRATIONS: simulator })).toThrow(/allowSimulatorInProduction/);
    const perOrganisation = JSON.stringify({ organisations: { 'f0b4e5a2-2b1c-4c1e-9a43-8d3c2b1a0f9e': { wageSubsidy: { adapter: 'simulator' } } } });
    expect(() => integrationsConfigFrom({ NODE_ENV: 'production', INTEGRATIONS: perOrganisation })).toThrow(/allowSimulatorInProduction/);
    const allowed = JSON.stringify({ ...JSON.parse(simulator), allowSimulatorInProduction: true });
    expect(integrationsConfigFrom({ NODE_ENV: 'production', INTEGRATIONS: allowed }).allowSimulatorInProduction).toBe(true);
  });

  it('takes an adapter per organisation, through X-Road with a client certificate', () => {
    const config = integrationsConfigFrom({
      NODE_ENV: 'production',
      INTEGRATIONS: JSON.stringify({
        organisations: {
          'f0b4e5a2-2b1c-4c1e-9a43-8d3c2b1a0f9e': {
            employmentArea: {
              adapter: 'http',
              baseUrl: 'https://security-server.pori.example',
              xRoad: { client: 'FI/MUN/0204819-8/Polku', service: 'FI/GOV/0245437-2/TyollisyysAlue/asiakkaat' },
              tls: { certFile: '/run/secrets/polku.crt', keyFile: '/run/secrets/polku.key' },
              webhookSecrets: ['a-secret-of-at-least-sixteen'],
            },
          },
        },
      }),
    });
    const connection = config.organisations['f0b4e5a2-2b1c-4c1e-9a43-8d3c2b1a0f9e'].employmentArea!;
    expect(connection).toMatchObject({ adapter: 'http', timeoutMs: 5000, maxAttempts: 3, poll: true, xRoad: { client: 'FI/MUN/0204819-8/Polku' } });
  });

  it('names every problem of a bad configuration', () => {
    expect(() =>
      integrationsConfigFrom({ NODE_ENV: 'development', INTEGRATIONS: JSON.stringify({ default: { employmentArea: { adapter: 'http' } } }) }),
    ).toThrow(/baseUrl/);
    expect(() =>
      integrationsConfigFrom({
        NODE_ENV: 'development',
        INTEGRATIONS: JSON.stringify({ default: { wageSubsidy: { adapter: 'ftp', timeoutMs: -1 } } }),
      }),
    ).toThrow(/default\.wageSubsidy\.adapter[^]*default\.wageSubsidy\.timeoutMs/);
    expect(() => integrationsConfigFrom({ NODE_ENV: 'development', INTEGRATIONS: JSON.stringify({ organisations: { 'not-a-uuid': {} } }) })).toThrow(
      /INTEGRATIONS/,
    );
    expect(() =>
      integrationsConfigFrom({
        NODE_ENV: 'development',
        INTEGRATIONS: JSON.stringify({ default: { employmentArea: { adapter: 'http', baseUrl: 'https://x.example', webhookSecrets: ['short'] } } }),
      }),
    ).toThrow(/webhookSecrets/);
  });
});

it('says which variable is not JSON', () => {
  expect(() => integrationsConfigFrom({ NODE_ENV: 'development', INTEGRATIONS: '{oops' })).toThrow(/INTEGRATIONS: not readable JSON/);
  expect(() => integrationsConfigFrom({ NODE_ENV: 'development', INTEGRATIONS_FILE: '/nonexistent/integrations.json' })).toThrow(/INTEGRATIONS_FILE/);
});

it('takes the INTEGRATIONS example of .env.example as it is written', () => {
  const example = /^# INTEGRATIONS=(.*)$/m.exec(readFileSync(path.join(projectRoot, '.env.example'), 'utf8'));
  expect(example).not.toBeNull();
  expect(integrationsConfigFrom({ NODE_ENV: 'production', INTEGRATIONS: example![1] }).default?.employmentArea?.adapter).toBe('http');
});
