import { Margin, suppressedFigures } from './small-cells';

const byType = (cells: Record<string, number>): { figures: Record<string, number>; margins: Margin[] } => ({
  figures: { total: Object.values(cells).reduce((a, b) => a + b, 0), ...cells },
  margins: [{ total: 'total', cells: Object.keys(cells) }],
});

const sorted = (set: Set<string>) => [...set].sort();

describe('suppressedFigures', () => {
  it('hides nothing when every figure is 0 or at least the threshold', () => {
    const { figures, margins } = byType({ a: 0, b: 5, c: 12 });
    expect(sorted(suppressedFigures(figures, margins))).toEqual([]);
  });

  it('hides every count from 1 to 4, whatever margin it is in', () => {
    expect(sorted(suppressedFigures({ x: 1, y: 4, z: 5, w: 0 }, []))).toEqual(['x', 'y']);
  });

  it('hides the next smallest cell when exactly one cell of a shown total is hidden', () => {
    const { figures, margins } = byType({ a: 3, b: 9, c: 6, d: 0 });
    // a alone would be total − b − c: c (the smallest shown non-zero cell) goes too.
    expect(sorted(suppressedFigures(figures, margins))).toEqual(['a', 'c']);
  });

  it('hides more when the hidden cells add up to less than the threshold', () => {
    // 1 + 2 = 3 would be known from the total, and with it that both are small.
    const { figures, margins } = byType({ a: 1, b: 2, c: 7, d: 20 });
    expect(sorted(suppressedFigures(figures, margins))).toEqual(['a', 'b', 'c']);
  });

  it('hides the total when no shown cell is left to hide', () => {
    const { figures, margins } = byType({ a: 2, b: 0, c: 0 });
    expect(sorted(suppressedFigures(figures, margins))).toEqual(['a', 'total']);
  });

  it('hides a cell when a hidden total could be summed from shown cells', () => {
    expect(sorted(suppressedFigures({ total: 3, a: 0, b: 0, c: 3 }, [{ total: 'total', cells: ['a', 'b', 'c'] }]))).toEqual(['c', 'total']);
    expect(sorted(suppressedFigures({ total: 0, a: 0 }, [{ total: 'total', cells: ['a'] }]))).toEqual([]);
  });

  it('follows a cell shared by two margins until nothing can be computed back', () => {
    // outcomes by type (total w) and employed or studying (e = o + s).
    const figures = { w: 30, e: 14, o: 2, s: 12, x: 8, y: 8 };
    const margins = [
      { total: 'w', cells: ['o', 's', 'x', 'y'] },
      { total: 'e', cells: ['o', 's'] },
    ];
    const hidden = suppressedFigures(figures, margins);
    expect(sorted(hidden)).toEqual(['o', 's', 'x']);
    // No margin has a single hidden figure or a small hidden sum left.
    for (const margin of margins) {
      const inMargin = [margin.total, ...margin.cells].filter((f) => hidden.has(f));
      expect(inMargin.length === 0 || inMargin.length >= 2).toBe(true);
    }
  });

  it('refuses a threshold that suppresses nothing and unknown figures', () => {
    expect(() => suppressedFigures({ a: 1 }, [], 1)).toThrow(RangeError);
    expect(() => suppressedFigures({ a: 1 }, [{ total: 'missing', cells: ['a'] }])).toThrow(RangeError);
  });
});
