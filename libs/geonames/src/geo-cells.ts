/**
 * Radius filters without a geo index. A search document at a point carries keys for the grid
 * cells holding it at three sizes and for the point itself ({@link geoCellKeys}); "within km of
 * here" becomes "carries one of these keys" ({@link GeoCover.within}): the key of every cell
 * lying entirely within the radius, found from the largest size down, and, in the cells the
 * circle's edge crosses, the key of every known point (a town of the catalogue: the only places
 * a profile can be) within it. For known points that is exact, with the same distance as the
 * matching rules; a point the catalogue does not hold counts only where its whole cell does.
 *
 * Why: an engine's geo index must be rewritten whole on each write batch (Meilisearch 1.21
 * spends ~1.5 s per batch on it at 100,000 documents, whatever the batch holds), while cell
 * keys are plain facet values, written per document (docs/search-pipeline.md).
 */

/** Cell sizes in degrees, largest first. */
export const GEO_CELL_DEGREES = [4, 1, 0.25] as const;
const EARTH_KM = 6371.0088;
const RAD = Math.PI / 180;
/** Answers of {@link GeoCover.within} kept (the oldest goes first). */
const RECENT_COVERS = 512;

/** Great-circle distance in km (haversine on a sphere of the Earth's mean radius). */
export function distanceKm(aLat: number, aLng: number, bLat: number, bLng: number): number {
  const dLat = (bLat - aLat) * RAD;
  const dLng = (bLng - aLng) * RAD;
  const h =
    Math.sin(dLat / 2) ** 2 + Math.cos(aLat * RAD) * Math.cos(bLat * RAD) * Math.sin(dLng / 2) ** 2;
  return 2 * EARTH_KM * Math.asin(Math.min(1, Math.sqrt(h)));
}

/** A key no document carries: a filter on it matches nobody (no known place within a radius). */
export const NO_GEO_CELL = 'none';

const cellIndex = (value: number, size: number): number => Math.floor(value / size);
const cellKey = (level: number, i: number, j: number): string => `g${level}:${i}:${j}`;
const pointKey = (lat: number, lng: number): string => `p:${lat},${lng}`;
/** Cells around the globe at this size (the longitude index wraps at ±180°). */
const lngCells = (size: number): number => Math.round(360 / size);
const wrapLng = (j: number, size: number): number => {
  const n = lngCells(size);
  const lowest = cellIndex(-180, size);
  return ((((j - lowest) % n) + n) % n) + lowest;
};

/** The keys a document at this point carries: its cell at each size, then the point. */
export function geoCellKeys(lat: number, lng: number): string[] {
  return [
    ...GEO_CELL_DEGREES.map((size, level) =>
      cellKey(level, cellIndex(lat, size), cellIndex(lng, size)),
    ),
    pointKey(lat, lng),
  ];
}

interface KnownPoint {
  lat: number;
  lng: number;
}

/** Known points by their cell of the smallest size, for the cells a circle's edge crosses. */
export class GeoCover {
  private readonly byCell = new Map<string, KnownPoint[]>();
  /** Cells of each size holding at least one known point: no other cell needs a key. */
  private readonly occupied: Set<string>[] = GEO_CELL_DEGREES.map(() => new Set<string>());
  /** The latest answers: a ranking or a search near the same place asks again and again. */
  private readonly recent = new Map<string, string[]>();

  constructor(points: Iterable<KnownPoint>) {
    const seen = new Set<string>();
    for (const { lat, lng } of points) {
      const keys = geoCellKeys(lat, lng);
      const point = keys.pop() as string;
      if (seen.has(point)) continue;
      seen.add(point);
      keys.forEach((key, level) => this.occupied[level].add(key));
      const finest = keys[keys.length - 1];
      const list = this.byCell.get(finest) ?? [];
      list.push({ lat, lng });
      this.byCell.set(finest, list);
    }
  }

  /**
   * Keys whose holders are the documents within `km` of the point (see the module comment).
   * Empty: no known place lies within it. Only cells holding known points are named, so the
   * list stays short: for 100 km around Belgrade about a hundred keys.
   */
  within(lat: number, lng: number, km: number): string[] {
    const memo = `${lat},${lng},${km}`;
    const known = this.recent.get(memo);
    if (known !== undefined) return known;
    const keys: string[] = [];
    const reach = km / (EARTH_KM * RAD); // degrees of latitude the circle spans each way
    const top = Math.min(90, lat + reach);
    const bottom = Math.max(-90, lat - reach);
    // half the circle's longitude span: all of it when the circle reaches a pole
    const spread =
      top >= 90 || bottom <= -90
        ? 180
        : Math.min(180, Math.asin(Math.min(1, Math.sin(reach * RAD) / Math.cos(lat * RAD))) / RAD);
    const size = GEO_CELL_DEGREES[0];
    const jFrom = cellIndex(lng - spread, size);
    const jTo = spread >= 180 ? jFrom + lngCells(size) - 1 : cellIndex(lng + spread, size);
    const seen = new Set<string>();
    for (let i = cellIndex(bottom, size); i <= cellIndex(top, size); i += 1) {
      for (let j = jFrom; j <= jTo; j += 1) {
        const wrapped = wrapLng(j, size);
        const key = cellKey(0, i, wrapped);
        if (seen.has(key)) continue;
        seen.add(key);
        this.cover(0, i, wrapped, lat, lng, km, keys);
      }
    }
    if (this.recent.size >= RECENT_COVERS)
      this.recent.delete(this.recent.keys().next().value as string);
    this.recent.set(memo, keys);
    return keys;
  }

  private cover(
    level: number,
    i: number,
    j: number,
    lat: number,
    lng: number,
    km: number,
    keys: string[],
  ): void {
    const key = cellKey(level, i, j);
    if (!this.occupied[level].has(key)) return;
    const size = GEO_CELL_DEGREES[level];
    const [south, west] = [i * size, j * size];
    const [north, east] = [south + size, west + size];
    // the point of a lat/lng box farthest from the centre is a corner: distance grows with the
    // longitude difference along a parallel and has only a minimum along a meridian
    const inside =
      distanceKm(lat, lng, south, west) <= km &&
      distanceKm(lat, lng, south, east) <= km &&
      distanceKm(lat, lng, north, west) <= km &&
      distanceKm(lat, lng, north, east) <= km;
    if (inside) {
      keys.push(key);
      return;
    }
    if (level === GEO_CELL_DEGREES.length - 1) {
      for (const p of this.byCell.get(key) ?? []) {
        if (distanceKm(lat, lng, p.lat, p.lng) <= km) keys.push(pointKey(p.lat, p.lng));
      }
      return;
    }
    const ratio = Math.round(size / GEO_CELL_DEGREES[level + 1]);
    for (let di = 0; di < ratio; di += 1) {
      for (let dj = 0; dj < ratio; dj += 1) {
        this.cover(level + 1, i * ratio + di, j * ratio + dj, lat, lng, km, keys);
      }
    }
  }
}
