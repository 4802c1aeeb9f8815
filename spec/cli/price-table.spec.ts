import { estimateCost, findPrice, parsePrice, PRICE_TABLE } from '../../src/cli/price-table.js';

describe('price table', () => {
  it('finds a model by exact id or dated id, the longest name first', () => {
    expect(findPrice('gpt-4o-mini')).toBe(PRICE_TABLE['gpt-4o-mini']);
    expect(findPrice('gpt-4o-mini-2024-07-18')).toBe(PRICE_TABLE['gpt-4o-mini']);
    expect(findPrice('gpt-4o-2024-08-06')).toBe(PRICE_TABLE['gpt-4o']);
    expect(findPrice('claude-haiku-4-5-20251001')).toBe(PRICE_TABLE['claude-haiku-4-5']);
    expect(findPrice('llama3.2')).toBeUndefined();
    expect(findPrice('gpt-4omini')).toBeUndefined();
  });

  it('estimates the cost per million tokens', () => {
    expect(estimateCost({ inputTokens: 2_000_000, outputTokens: 500_000 }, { inputPerMillion: 0.15, outputPerMillion: 0.6 })).toBeCloseTo(0.6, 10);
  });

  it('parses --price IN,OUT', () => {
    expect(parsePrice('0.15, 0.6')).toEqual({ inputPerMillion: 0.15, outputPerMillion: 0.6 });
    for (const bad of ['1', '1,', ',1', 'a,b', '-1,2', '1,2,3']) expect(parsePrice(bad)).toBeUndefined();
  });
});
