import { Double, Int32 } from 'bson';
import { distanceMeters, EARTH_RADIUS_M, pointOf, validateGeoJSON } from './index';

const TIANANMEN: [number, number] = [116.3975, 39.9087];
const PEOPLES_SQUARE: [number, number] = [121.4737, 31.2304];

/** Spherical law of cosines: an independent formula to check the haversine against. */
function lawOfCosines(a: [number, number], b: [number, number]): number {
  const r = Math.PI / 180;
  const c = Math.sin(a[1] * r) * Math.sin(b[1] * r) + Math.cos(a[1] * r) * Math.cos(b[1] * r) * Math.cos((b[0] - a[0]) * r);
  return Math.acos(Math.min(1, c)) * EARTH_RADIUS_M;
}

describe('distanceMeters', () => {
  it('uses MongoDB earth radius 6378.1 km', () => {
    expect(EARTH_RADIUS_M).toBe(6378100);
  });

  it('when measuring Tiananmen to People\'s Square in Shanghai, gives about 1069 km', () => {
    const d = distanceMeters(TIANANMEN, PEOPLES_SQUARE);
    expect(d).toBeGreaterThan(1068_000);
    expect(d).toBeLessThan(1071_000);
    expect(Math.abs(d - lawOfCosines(TIANANMEN, PEOPLES_SQUARE))).toBeLessThan(1);
  });

  it('when the points are one degree of latitude apart, gives R * pi / 180', () => {
    expect(distanceMeters([0, 0], [0, 1])).toBeCloseTo((EARTH_RADIUS_M * Math.PI) / 180, 3);
  });

  it('when the points are the same, gives 0, and is symmetric', () => {
    expect(distanceMeters(TIANANMEN, TIANANMEN)).toBe(0);
    expect(distanceMeters(TIANANMEN, PEOPLES_SQUARE)).toBe(distanceMeters(PEOPLES_SQUARE, TIANANMEN));
  });

  it('when points sit across the antimeridian, takes the short way', () => {
    expect(distanceMeters([179.5, 0], [-179.5, 0])).toBeCloseTo((EARTH_RADIUS_M * Math.PI) / 180, 3);
  });

  it('when points are antipodal, gives half the circumference', () => {
    expect(distanceMeters([0, 0], [180, 0])).toBeCloseTo(EARTH_RADIUS_M * Math.PI, 3);
  });
});

describe('pointOf', () => {
  it('reads GeoJSON points, legacy pairs and legacy objects in [lng, lat] order', () => {
    expect(pointOf({ type: 'Point', coordinates: [116.4, 39.9] })).toEqual([116.4, 39.9]);
    expect(pointOf([116.4, 39.9])).toEqual([116.4, 39.9]);
    expect(pointOf({ lng: 116.4, lat: 39.9 })).toEqual([116.4, 39.9]);
    expect(pointOf({ type: 'Point', coordinates: [new Double(1.5), new Int32(2)] })).toEqual([1.5, 2]);
  });

  it('when the value is not a point, gives null', () => {
    expect(pointOf('116,39')).toBeNull();
    expect(pointOf([1])).toBeNull();
    expect(pointOf({ type: 'LineString', coordinates: [[0, 0], [1, 1]] })).toBeNull();
    expect(pointOf({ type: 'Point', coordinates: ['a', 'b'] })).toBeNull();
    expect(pointOf(null)).toBeNull();
  });
});

describe('validateGeoJSON', () => {
  const square = [[[0, 0], [1, 0], [1, 1], [0, 1], [0, 0]]];

  it.each([
    ['a Point', { type: 'Point', coordinates: [116.4, 39.9] }],
    ['a legacy pair', [116.4, 39.9]],
    ['a LineString', { type: 'LineString', coordinates: [[0, 0], [1, 1]] }],
    ['a Polygon', { type: 'Polygon', coordinates: square }],
    ['a Polygon with a hole', { type: 'Polygon', coordinates: [[[0, 0], [4, 0], [4, 4], [0, 4], [0, 0]], [[1, 1], [2, 1], [2, 2], [1, 1]]] }],
    ['a MultiPoint', { type: 'MultiPoint', coordinates: [[0, 0], [1, 1]] }],
    ['a MultiPolygon', { type: 'MultiPolygon', coordinates: [square, [[[5, 5], [6, 5], [6, 6], [5, 5]]]] }],
    ['a GeometryCollection', { type: 'GeometryCollection', geometries: [{ type: 'Point', coordinates: [0, 0] }] }],
    ['an array of points (multikey)', [{ type: 'Point', coordinates: [0, 0] }, [1, 1]]],
    ['a missing value', undefined],
    ['null', null],
  ])('accepts %s', (_name, value) => {
    expect(validateGeoJSON(value)).toBeNull();
  });

  it.each([
    ['an unclosed loop', { type: 'Polygon', coordinates: [[[0, 0], [1, 0], [1, 1], [0, 1]]] }, /Loop is not closed/],
    ['a loop of two distinct vertices', { type: 'Polygon', coordinates: [[[0, 0], [1, 0], [0, 0], [1, 0], [0, 0]]] }, /at least 3 different vertices/],
    ['a self-crossing loop', { type: 'Polygon', coordinates: [[[0, 0], [1, 1], [1, 0], [0, 1], [0, 0]]] }, /Edges 0 and 2 cross/],
    ['a hole outside the shell', { type: 'Polygon', coordinates: [square[0], [[5, 5], [6, 5], [6, 6], [5, 5]]] }, /Secondary loops not contained/],
    ['an out-of-bounds point', { type: 'Point', coordinates: [200, 0] }, /out of bounds/],
    ['an out-of-bounds legacy pair', [0, 91], /out of bounds/],
    ['an unknown type', { type: 'Circle', coordinates: [0, 0] }, /unknown GeoJSON type/],
    ['non-numeric coordinates', { type: 'Point', coordinates: ['a', 'b'] }, /numeric/],
    ['a one-vertex LineString', { type: 'LineString', coordinates: [[0, 0]] }, /at least 2 vertices/],
    ['a string', 'Beijing', /must be an array or object/],
  ])('rejects %s', (_name, value, message) => {
    expect(validateGeoJSON(value)).toMatch(message);
  });
});
