import { describe, expect, it } from 'vitest';
import { formatMoney, isCurrency, minorDigits, parseAmount, permille, toDecimal } from '../../src/shared/money.js';

describe('money in minor units', () => {
  it('knows each currency’s minor unit', () => {
    expect([minorDigits('USD'), minorDigits('JPY'), minorDigits('KWD')]).toEqual([2, 0, 3]);
    expect(isCurrency('EUR')).toBe(true);
    expect(isCurrency('eur')).toBe(false);
    expect(isCurrency('XYZ')).toBe(false);
  });

  it('writes amounts exactly, in the site’s locale, with cents only when there are some', () => {
    expect(formatMoney(140_000, 'USD', 'en-US')).toBe('$1,400');
    expect(formatMoney(140_050, 'USD', 'en-US')).toBe('$1,400.50');
    expect(formatMoney(250_000, 'EUR', 'de-DE')).toBe('2.500\u00a0€');
    expect(formatMoney(5000, 'JPY', 'ja-JP')).toBe('￥5,000');
    // Past what a double holds exactly: still every digit.
    expect(formatMoney(900_719_925_474_099, 'USD', 'en-US')).toBe('$9,007,199,254,740.99');
    expect(toDecimal(-1205, 'USD')).toBe('-12.05');
  });

  it('reads what a person types into minor units, refusing what it cannot be', () => {
    expect(parseAmount('12.50', 'USD')).toBe(1250);
    expect(parseAmount('12,5', 'EUR')).toBe(1250);
    expect(parseAmount('25', 'USD')).toBe(2500);
    expect(parseAmount('0.1', 'USD')).toBe(10);
    expect(parseAmount('12.345', 'USD')).toBeNull();
    expect(parseAmount('1.5', 'JPY')).toBeNull();
    expect(parseAmount('-5', 'USD')).toBeNull();
    expect(parseAmount('1e3', 'USD')).toBeNull();
  });

  it('measures progress in whole thousandths', () => {
    expect(permille(140_000, 500_000)).toBe(280);
    expect(permille(1, 3)).toBe(333);
    expect(permille(600_000, 500_000)).toBe(1000);
    expect(permille(-5, 500_000)).toBe(0);
  });
});
