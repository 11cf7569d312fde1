import { ErrorCode } from '../../platform/errors';
import { captureDomainError } from '../shared/testing';
import { assertIdentityCode, parseIdentityCode } from './identity-code';

// Control characters below were worked out by hand (DDMMYYNNN mod 31 into the alphabet) and are
// hard-coded on purpose: a spec that recomputes them with the same algorithm could not catch a bug.
describe('parseIdentityCode', () => {
  it.each([
    ['131052-308T', '1952-10-13', false], // the official example
    ['290200A002C', '2000-02-29', false], // leap day in a year divisible by 400
    ['010100+002H', '1800-01-01', false],
    ['010101-123N', '1901-01-01', false],
    ['311280-899A', '1980-12-31', false], // highest permanent individual number
    // Individual numbers 900–999 are temporary codes.
    ['010594Y9021', '1994-05-01', true], // 2023 century letters (DVV examples)
    ['010594Y9032', '1994-05-01', true],
    ['010594-9021', '1994-05-01', true],
    ['311280-999J', '1980-12-31', true],
    ['150224A900H', '2024-02-15', true],
  ])('accepts %s with birth date %s (temporary: %s)', (code, birthDate, temporary) => {
    const result = parseIdentityCode(code);
    expect(result).toEqual({ ok: true, value: { normalized: code, birthDate, temporary } });
  });

  it('keeps the century sign as given, so codes differing only by it stay distinct', () => {
    const dash = parseIdentityCode('010594-9021');
    const letter = parseIdentityCode('010594Y9021');
    expect(dash.ok && dash.value.normalized).toBe('010594-9021');
    expect(letter.ok && letter.value.normalized).toBe('010594Y9021');
  });

  it('trims and upper-cases', () => {
    expect(parseIdentityCode('  131052-308t ')).toEqual({
      ok: true,
      value: { normalized: '131052-308T', birthDate: '1952-10-13', temporary: false },
    });
    expect(parseIdentityCode('290200a002c')).toMatchObject({ ok: true, value: { normalized: '290200A002C' } });
  });

  it.each([
    ['131052-308U', 'CHECKSUM'],
    ['010594Y9022', 'CHECKSUM'],
    ['131052-309T', 'CHECKSUM'],
    ['310299-0027', 'DATE'], // 31 February (checksum would be right)
    ['290200-002C', 'DATE'], // 29 Feb 1900 does not exist, 1900 is not a leap year
    ['011399-123N', 'DATE'],
    ['000199-123N', 'DATE'],
    ['131052*308T', 'CENTURY_SIGN'],
    ['131052G308T', 'CENTURY_SIGN'],
    ['131052Z308T', 'CENTURY_SIGN'],
    ['131052–308T', 'CENTURY_SIGN'], // en dash pasted from a document
    ['131052-308', 'FORMAT'],
    ['131052-308TT', 'FORMAT'],
    ['13105-2308T', 'FORMAT'],
    ['1310523-08T', 'FORMAT'],
    ['', 'FORMAT'],
    ['131052-308G', 'FORMAT'], // G, I, O, Q, Z are not in the control alphabet
    ['010101-000P', 'FORMAT'], // individual number 000 is never issued (checksum would be right)
    ['010101-001R', 'FORMAT'], // nor 001
  ])('rejects %j with reason %s', (code, reason) => {
    const result = parseIdentityCode(code);
    expect(result.ok).toBe(false);
    if (!result.ok) {
      expect(result.reason).toBe(reason);
      expect(result.message.length).toBeGreaterThan(0);
    }
  });

  it('refuses a birth date after the given day, and accepts it on that day', () => {
    expect(parseIdentityCode('150224A900H', { today: '2024-02-14' })).toMatchObject({ ok: false, reason: 'DATE' });
    expect(parseIdentityCode('150224A900H', { today: '2024-02-15' })).toMatchObject({ ok: true });
  });

  it('never derives gender', () => {
    const result = parseIdentityCode('131052-308T');
    expect(result.ok && Object.keys(result.value).sort()).toEqual(['birthDate', 'normalized', 'temporary']);
  });
});

describe('assertIdentityCode', () => {
  it('returns the parsed code', () => {
    expect(assertIdentityCode('131052-308T').birthDate).toBe('1952-10-13');
  });

  it('throws BAD_USER_INPUT on input.identityCode by default, without echoing the code', () => {
    const error = captureDomainError(() => assertIdentityCode('131052-308U'));
    expect(error.code).toBe(ErrorCode.BAD_USER_INPUT);
    expect(error.reason).toBe('INVALID_IDENTITY_CODE');
    expect(error.extensions.fields).toEqual([expect.objectContaining({ path: 'input.identityCode' })]);
    expect(error.message).not.toContain('131052');
  });

  it('uses a custom path', () => {
    const error = captureDomainError(() => assertIdentityCode('nope', 'input.trainee.identityCode'));
    expect(error.extensions.fields).toEqual([expect.objectContaining({ path: 'input.trainee.identityCode' })]);
  });
});
