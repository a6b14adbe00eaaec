import { describe, expect, it } from '@jest/globals';
import fc from 'fast-check';
import { GeoCover, NO_GEO_CELL, distanceKm, geoCellKeys } from './geo-cells.js';

const covered = (keys: readonly string[], lat: number, lng: number): boolean => {
  const set = new Set(keys);
  return geoCellKeys(lat, lng).some((k) => set.has(k));
};

const point = fc.record({
  lat: fc.double({ min: 35, max: 50, noNaN: true }),
  lng: fc.double({ min: 12, max: 28, noNaN: true }),
});

describe('GeoCover.within', () => {
  it('holds exactly the known points within the radius (brute force over random towns)', () => {
    fc.assert(
      fc.property(
        fc.array(point, { minLength: 1, maxLength: 300 }),
        point,
        fc.double({ min: 0.5, max: 1200, noNaN: true }),
        (towns, centre, km) => {
          const keys = new GeoCover(towns).within(centre.lat, centre.lng, km);
          for (const t of towns) {
            const inside = distanceKm(centre.lat, centre.lng, t.lat, t.lng) <= km;
            expect(covered(keys, t.lat, t.lng)).toBe(inside);
          }
        },
      ),
      { numRuns: 200 },
    );
  });

  it('names whole cells for a wide radius, so the list stays short', () => {
    // a town every 0.1° over the Balkans: 10,000 of them
    const towns = [];
    for (let i = 0; i < 100; i += 1) {
      for (let j = 0; j < 100; j += 1) towns.push({ lat: 40 + i * 0.1, lng: 15 + j * 0.1 });
    }
    const cover = new GeoCover(towns);
    const keys = cover.within(44.8, 20.46, 300);
    const inside = towns.filter((t) => distanceKm(44.8, 20.46, t.lat, t.lng) <= 300);
    expect(inside.length).toBeGreaterThan(2000);
    expect(keys.length).toBeLessThan(inside.length / 4);
    expect(keys.some((k) => k.startsWith('g0:') || k.startsWith('g1:'))).toBe(true);
    for (const t of towns) {
      expect(covered(keys, t.lat, t.lng)).toBe(distanceKm(44.8, 20.46, t.lat, t.lng) <= 300);
    }
  });

  it('wraps around the antimeridian and reaches the poles', () => {
    const towns = [
      { lat: -17.8, lng: 179.9 },
      { lat: -17.8, lng: -179.9 },
      { lat: 89.5, lng: 10 },
      { lat: 89.5, lng: -170 },
    ];
    const cover = new GeoCover(towns);
    const fiji = cover.within(-17.8, 179.95, 30);
    expect(covered(fiji, -17.8, -179.9)).toBe(true);
    expect(covered(fiji, -17.8, 179.9)).toBe(true);
    const pole = cover.within(89.9, 0, 100);
    expect(covered(pole, 89.5, 10)).toBe(true);
    expect(covered(pole, 89.5, -170)).toBe(true);
  });

  it('is empty when no known place lies within the radius', () => {
    expect(new GeoCover([{ lat: 45, lng: 20 }]).within(10, 10, 50)).toEqual([]);
    expect(geoCellKeys(45, 20)).not.toContain(NO_GEO_CELL);
  });
});
