import { ErrorCode } from '../../platform/errors';
import { captureDomainError } from '../shared/testing';
import { assertBusinessId, businessIdCheckDigit, isValidBusinessId } from './business-id';

// Each valid ID was checked by hand, e.g. 0737546: 0·7+7·9+3·10+7·5+5·8+4·4+6·2 = 196,
// 196 mod 11 = 9, check digit 11−9 = 2; 1572860: sum 220, remainder 0, check digit 0.
describe('business ID', () => {
  it.each(['0737546-2', '1572860-0', '2617416-4', '0112038-9', '0201256-6', '1234567-1'])('accepts %s', (id) => {
    expect(isValidBusinessId(id)).toBe(true);
  });

  it.each([
    '0737546-3', // wrong check digit
    '1572860-1',
    '2617416-5',
    '07375462', // hyphen missing
    '737546-2', // six digits
    '00737546-2',
    '0737546-22',
    'A737546-2',
    '0737546 2',
    '',
  ])('rejects %j', (id) => {
    expect(isValidBusinessId(id)).toBe(false);
  });

  it('never accepts a body whose weighted sum leaves remainder 1', () => {
    // 1234568: 7+18+30+20+40+24+16 = 155, 155 mod 11 = 1.
    expect(businessIdCheckDigit('1234568')).toBeNull();
    for (let digit = 0; digit <= 9; digit += 1) {
      expect(isValidBusinessId(`1234568-${digit}`)).toBe(false);
    }
  });

  it('computes check digits, including remainder 0', () => {
    expect(businessIdCheckDigit('0737546')).toBe(2);
    expect(businessIdCheckDigit('1572860')).toBe(0);
    expect(() => businessIdCheckDigit('123')).toThrow(RangeError);
  });

  it('tolerates surrounding whitespace', () => {
    expect(isValidBusinessId(' 0737546-2 ')).toBe(true);
    expect(assertBusinessId(' 0737546-2 ')).toBe('0737546-2');
  });

  it('throws BAD_USER_INPUT with reason INVALID_BUSINESS_ID', () => {
    const error = captureDomainError(() => assertBusinessId('0737546-3'));
    expect(error.code).toBe(ErrorCode.BAD_USER_INPUT);
    expect(error.reason).toBe('INVALID_BUSINESS_ID');
    expect(error.extensions.fields).toEqual([expect.objectContaining({ path: 'input.businessId' })]);
    const custom = captureDomainError(() => assertBusinessId('x', 'input.company.businessId'));
    expect(custom.extensions.fields).toEqual([expect.objectContaining({ path: 'input.company.businessId' })]);
  });
});
