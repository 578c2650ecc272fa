/**
 * Money as integers of a currency's minor unit (cents for USD, yen for JPY): never a floating-point
 * number. Amounts are turned into exact decimal strings for Intl, which formats them as given.
 */

const digitCache = new Map<string, number>();

/** A three-letter ISO 4217 code Intl knows ("USD", "EUR"). */
export function isCurrency(code: string): boolean {
  if (!/^[A-Z]{3}$/.test(code)) return false;
  return (Intl.supportedValuesOf('currency') as string[]).includes(code);
}

/** How many decimals the currency's minor unit has: 2 for EUR, 0 for JPY, 3 for KWD. */
export function minorDigits(currency: string): number {
  let digits = digitCache.get(currency);
  if (digits === undefined) {
    digits = new Intl.NumberFormat('en', { style: 'currency', currency }).resolvedOptions().maximumFractionDigits ?? 2;
    digitCache.set(currency, digits);
  }
  return digits;
}

/** The amount as an exact decimal string of the major unit: 140050 USD cents → "1400.50". */
export function toDecimal(minor: number, currency: string): string {
  const digits = minorDigits(currency);
  const value = BigInt(minor);
  const negative = value < 0n;
  const abs = negative ? -value : value;
  const scale = 10n ** BigInt(digits);
  const whole = (abs / scale).toString();
  const fraction = digits > 0 ? `.${(abs % scale).toString().padStart(digits, '0')}` : '';
  return `${negative ? '-' : ''}${whole}${fraction}`;
}

/**
 * "12.50" or "12,50" (major units, as a person types it) → 1250 minor units; null when it is not
 * a plain amount with at most the currency's decimals.
 */
export function parseAmount(text: string, currency: string): number | null {
  const digits = minorDigits(currency);
  const match = /^\s*(\d{1,12})(?:[.,](\d+))?\s*$/.exec(text);
  if (!match) return null;
  const fraction = match[2] ?? '';
  if (fraction.length > digits) return null;
  const minor = BigInt(match[1]!) * 10n ** BigInt(digits) + BigInt(fraction.padEnd(digits, '0') || '0');
  return minor > BigInt(Number.MAX_SAFE_INTEGER) ? null : Number(minor);
}

const formatters = new Map<string, Intl.NumberFormat>();

/** The amount in the reader's locale: "$1,400", "1.400 €", "$12.50" (cents only when there are some). */
export function formatMoney(minor: number, currency: string, locale: string): string {
  const key = `${locale}|${currency}`;
  let format = formatters.get(key);
  if (!format) {
    format = new Intl.NumberFormat(locale, { style: 'currency', currency, trailingZeroDisplay: 'stripIfInteger' } as Intl.NumberFormatOptions);
    formatters.set(key, format);
  }
  // Intl formats a decimal string exactly (no conversion to a double on the way).
  return format.format(toDecimal(minor, currency) as unknown as number);
}

/** A whole number in the locale: "1,234". */
export function formatCount(n: number, locale: string): string {
  return new Intl.NumberFormat(locale).format(n);
}

/** `part` of `whole` in thousandths, 0 to 1000, in integers. */
export function permille(part: number, whole: number): number {
  if (whole <= 0) return 1000;
  if (part <= 0) return 0;
  const value = (BigInt(part) * 1000n) / BigInt(whole);
  return value > 1000n ? 1000 : Number(value);
}
