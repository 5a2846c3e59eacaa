import { Query } from 'mingo';
import { geoNearStage, GeoError, nearDistance, nearSpec, registerGeoOperators } from './index';

registerGeoOperators();
registerGeoOperators(); // idempotent

type D = Record<string, unknown>;
const pt = (lng: number, lat: number): D => ({ type: 'Point', coordinates: [lng, lat] });
const ids = (docs: D[], filter: D): unknown[] => {
  const q = new Query(filter);
  return docs.filter((d) => q.test(d)).map((d) => d._id);
};
const square = (x0: number, y0: number, x1: number, y1: number): number[][] => [[x0, y0], [x1, y0], [x1, y1], [x0, y1], [x0, y0]];
const polygon = (...rings: number[][][]): D => ({ $geometry: { type: 'Polygon', coordinates: rings } });

const TIANANMEN = pt(116.3975, 39.9087);
const places: D[] = [
  { _id: 'tiananmen', loc: TIANANMEN },
  { _id: 'forbidden-city', loc: pt(116.397, 39.9163) }, // ~850 m north
  { _id: 'shanghai', loc: pt(121.4737, 31.2304) },
  { _id: 'legacy', loc: [116.4, 39.91] },
  { _id: 'nowhere' },
  { _id: 'text', loc: 'Beijing' },
];

describe('$near and $nearSphere as filters', () => {
  it('when $maxDistance is given in meters with $geometry, keeps only documents within it', () => {
    expect(ids(places, { loc: { $near: { $geometry: TIANANMEN, $maxDistance: 1000 } } }).sort()).toEqual(['forbidden-city', 'legacy', 'tiananmen']);
  });

  it('when $minDistance is given too, drops the nearer documents', () => {
    expect(ids(places, { loc: { $nearSphere: { $geometry: TIANANMEN, $minDistance: 10, $maxDistance: 2000_000 } } }).sort()).toEqual([
      'forbidden-city',
      'legacy',
      'shanghai',
    ]);
  });

  it('when a legacy $nearSphere is used, reads $maxDistance in radians', () => {
    const oneKmInRadians = 1000 / 6378100;
    expect(ids(places, { loc: { $nearSphere: [116.3975, 39.9087], $maxDistance: oneKmInRadians } }).sort()).toEqual(['forbidden-city', 'legacy', 'tiananmen']);
  });

  it('when a legacy $near is used, measures flat coordinate distance', () => {
    expect(ids(places, { loc: { $near: [116.3975, 39.9087], $maxDistance: 0.005 } }).sort()).toEqual(['legacy', 'tiananmen']);
  });

  it('when nested in $and with other conditions, still filters', () => {
    expect(ids(places, { $and: [{ _id: { $ne: 'legacy' } }, { loc: { $near: { $geometry: TIANANMEN, $maxDistance: 100 } } }] })).toEqual(['tiananmen']);
  });

  it('when $maxDistance is negative, rejects the query with BadValue', () => {
    expect(() => new Query({ loc: { $near: { $geometry: TIANANMEN, $maxDistance: -1 } } })).toThrow(GeoError);
  });
});

describe('nearSpec and nearDistance', () => {
  it('finds a GeoJSON clause at the top level in meters', () => {
    expect(nearSpec({ a: 1, loc: { $near: { $geometry: TIANANMEN, $maxDistance: 5 } } })).toEqual({
      path: 'loc',
      center: [116.3975, 39.9087],
      maxDistance: 5,
      minDistance: undefined,
      spherical: true,
      unit: 'meters',
    });
  });

  it('finds a legacy clause inside $and with sibling distances', () => {
    expect(nearSpec({ $and: [{ x: 1 }, { 'a.loc': { $nearSphere: [1, 2], $maxDistance: 0.1, $minDistance: 0.01 } }] })).toMatchObject({
      path: 'a.loc',
      center: [1, 2],
      maxDistance: 0.1,
      minDistance: 0.01,
      spherical: true,
      unit: 'radians',
    });
    expect(nearSpec({ loc: { $near: [1, 2] } })).toMatchObject({ spherical: false, unit: 'flat' });
  });

  it('gives null when the filter has no near clause', () => {
    expect(nearSpec({ loc: { $geoWithin: { $centerSphere: [[0, 0], 1] } } })).toBeNull();
  });

  it('measures the nearest of several locations and null for none', () => {
    const spec = nearSpec({ locs: { $near: { $geometry: pt(0, 0) } } })!;
    expect(nearDistance(spec, { locs: [pt(0, 2), pt(0, 1)] })).toBeCloseTo((6378100 * Math.PI) / 180, 3);
    expect(nearDistance(spec, { other: 1 })).toBeNull();
  });
});

describe('$geoWithin', () => {
  const grid: D[] = [
    { _id: 'inside', loc: pt(0.5, 0.5) },
    { _id: 'on-edge', loc: pt(1, 0.5) },
    { _id: 'on-vertex', loc: pt(1, 1) },
    { _id: 'outside', loc: pt(1.5, 0.5) },
    { _id: 'in-hole', loc: pt(0.5, 0.5) },
  ];

  it('when the point is inside, on an edge or on a vertex, it is within (boundary included)', () => {
    expect(ids(grid.slice(0, 4), { loc: { $geoWithin: polygon(square(0, 0, 1, 1)) } })).toEqual(['inside', 'on-edge', 'on-vertex']);
  });

  it('when the polygon has a hole, points in the hole are not within but its boundary is', () => {
    const docs = [{ _id: 'hole', loc: pt(2, 2) }, { _id: 'hole-edge', loc: pt(1.5, 2) }, { _id: 'ring', loc: pt(0.5, 0.5) }];
    expect(ids(docs, { loc: { $geoWithin: polygon(square(0, 0, 4, 4), square(1.5, 1.5, 2.5, 2.5)) } })).toEqual(['hole-edge', 'ring']);
  });

  it('when the polygon is concave, a point in the notch is not within', () => {
    const u = [[0, 0], [3, 0], [3, 3], [2, 3], [2, 1], [1, 1], [1, 3], [0, 3], [0, 0]];
    const docs = [{ _id: 'notch', loc: pt(1.5, 2) }, { _id: 'arm', loc: pt(0.5, 2) }];
    expect(ids(docs, { loc: { $geoWithin: polygon(u) } })).toEqual(['arm']);
  });

  it('when an edge is long, follows the great circle rather than the line of latitude', () => {
    // The great circle from (-30, 60) to (30, 60) peaks at about 63.4 degrees north.
    const docs = [{ _id: 'under-arc', loc: pt(0, 62) }, { _id: 'over-arc', loc: pt(0, 64) }];
    expect(ids(docs, { loc: { $geoWithin: polygon([[-30, 50], [30, 50], [30, 60], [-30, 60], [-30, 50]]) } })).toEqual(['under-arc']);
  });

  it('when the polygon crosses the antimeridian, contains points on both sides of it', () => {
    const docs = [{ _id: 'east', loc: pt(179, 0) }, { _id: 'west', loc: pt(-179, 0) }, { _id: 'greenwich', loc: pt(0, 0) }];
    expect(ids(docs, { loc: { $geoWithin: polygon([[170, -5], [-170, -5], [-170, 5], [170, 5], [170, -5]]) } })).toEqual(['east', 'west']);
  });

  it('when a MultiPolygon is given, a point in any part is within', () => {
    const docs = [{ _id: 'a', loc: pt(0.5, 0.5) }, { _id: 'b', loc: pt(5.5, 5.5) }, { _id: 'c', loc: pt(3, 3) }];
    const multi = { $geometry: { type: 'MultiPolygon', coordinates: [[square(0, 0, 1, 1)], [square(5, 5, 6, 6)]] } };
    expect(ids(docs, { loc: { $geoWithin: multi } })).toEqual(['a', 'b']);
  });

  it('when the document holds a line, the whole line must be within', () => {
    const docs = [
      { _id: 'short', loc: { type: 'LineString', coordinates: [[0.2, 0.2], [0.8, 0.8]] } },
      { _id: 'long', loc: { type: 'LineString', coordinates: [[0.2, 0.2], [1.8, 0.8]] } },
    ];
    expect(ids(docs, { loc: { $geoWithin: polygon(square(0, 0, 1, 1)) } })).toEqual(['short']);
  });

  it('when $centerSphere is used, the radius is in radians on the sphere', () => {
    const r = 1000 / 6378100;
    expect(ids(places, { loc: { $geoWithin: { $centerSphere: [[116.3975, 39.9087], r] } } }).sort()).toEqual(['forbidden-city', 'legacy', 'tiananmen']);
  });

  it('when legacy $box, $center or $polygon is used, measures flat coordinates', () => {
    expect(ids(places, { loc: { $geoWithin: { $box: [[116, 39], [117, 40]] } } }).sort()).toEqual(['forbidden-city', 'legacy', 'tiananmen']);
    expect(ids(places, { loc: { $geoWithin: { $center: [[121, 31], 1] } } })).toEqual(['shanghai']);
    expect(ids(places, { loc: { $geoWithin: { $polygon: [[121, 31], [122, 31], [122, 32]] } } })).toEqual(['shanghai']);
  });

  it('when $geometry is a Point or the shape unknown, rejects the query', () => {
    expect(() => new Query({ loc: { $geoWithin: { $geometry: pt(0, 0) } } })).toThrow(/not supported with provided geometry/);
    expect(() => new Query({ loc: { $geoWithin: { $square: [0, 0] } } })).toThrow(/unknown geo specifier/);
    expect(() => new Query({ loc: { $geoWithin: polygon([[0, 0], [1, 0], [1, 1]]) } })).toThrow(/Loop/);
  });
});

describe('$geoIntersects', () => {
  const docs: D[] = [
    { _id: 'point-in', loc: pt(0.5, 0.5) },
    { _id: 'point-out', loc: pt(2, 2) },
    { _id: 'line-through', loc: { type: 'LineString', coordinates: [[-1, 0.5], [2, 0.5]] } },
    { _id: 'poly-overlap', loc: { type: 'Polygon', coordinates: [square(0.5, 0.5, 3, 3)] } },
    { _id: 'poly-around', loc: { type: 'Polygon', coordinates: [square(-5, -5, 5, 5)] } },
    { _id: 'poly-apart', loc: { type: 'Polygon', coordinates: [square(10, 10, 11, 11)] } },
  ];

  it('when querying with a polygon, matches points in it and shapes that cross or contain it', () => {
    expect(ids(docs, { loc: { $geoIntersects: polygon(square(0, 0, 1, 1)) } })).toEqual(['point-in', 'line-through', 'poly-overlap', 'poly-around']);
  });

  it('when querying with a point, matches the equal point and the shapes holding it', () => {
    expect(ids(docs, { loc: { $geoIntersects: { $geometry: pt(2, 2) } } })).toEqual(['point-out', 'poly-overlap', 'poly-around']);
  });

  it('when no $geometry is given, rejects the query', () => {
    expect(() => new Query({ loc: { $geoIntersects: { $box: [[0, 0], [1, 1]] } } })).toThrow(GeoError);
  });
});

describe('$geoNear stage', () => {
  const sphereIndex = [{ key: { _id: 1 }, name: '_id_' }, { key: { loc: '2dsphere' }, name: 'loc_2dsphere' }];
  const docs: D[] = [
    { _id: 'shanghai', loc: pt(121.4737, 31.2304), kind: 'city' },
    { _id: 'tiananmen', loc: TIANANMEN, kind: 'square' },
    { _id: 'forbidden-city', loc: pt(116.397, 39.9163), kind: 'palace' },
    { _id: 'none', kind: 'city' },
  ];

  it('sorts by distance and writes the distance in meters at a dotted path', () => {
    const out = geoNearStage(docs, { near: TIANANMEN, distanceField: 'dist.m', spherical: true }, sphereIndex);
    expect(out.map((d) => d._id)).toEqual(['tiananmen', 'forbidden-city', 'shanghai']);
    const dists = out.map((d) => (d.dist as { m: number }).m);
    expect(dists[0]).toBe(0);
    expect(dists[1]).toBeGreaterThan(800);
    expect(dists[1]).toBeLessThan(900);
    expect(docs[1]).not.toHaveProperty('dist');
  });

  it('applies query, maxDistance, minDistance, distanceMultiplier and includeLocs', () => {
    const out = geoNearStage(
      docs,
      { near: TIANANMEN, distanceField: 'km', query: { kind: { $ne: 'square' } }, maxDistance: 2000_000, minDistance: 1, distanceMultiplier: 0.001, includeLocs: 'where' },
      sphereIndex,
    );
    expect(out.map((d) => d._id)).toEqual(['forbidden-city', 'shanghai']);
    expect(out[1].km).toBeGreaterThan(1068);
    expect(out[1].km).toBeLessThan(1071);
    expect(out[1].where).toEqual(pt(121.4737, 31.2304));
  });

  it('when near is a legacy pair on a 2dsphere index, measures radians', () => {
    const out = geoNearStage(docs, { near: [116.3975, 39.9087], distanceField: 'd' }, sphereIndex);
    expect(out[2].d as number).toBeCloseTo(1069329 / 6378100, 3);
  });

  it('when key names one of two 2dsphere indexes, uses it', () => {
    const two = [...sphereIndex, { key: { home: '2dsphere' }, name: 'home_2dsphere' }];
    const out = geoNearStage([{ _id: 1, home: pt(0, 0), loc: pt(50, 50) }], { near: pt(0, 0), distanceField: 'd', key: 'home' }, two);
    expect(out[0].d).toBe(0);
  });

  it.each([
    ['near is missing', { distanceField: 'd' }, sphereIndex, 5860400],
    ['distanceField is missing', { near: TIANANMEN }, sphereIndex, 16606],
    ['limit is given', { near: TIANANMEN, distanceField: 'd', limit: 5 }, sphereIndex, 50858],
    ['maxDistance is not a number', { near: TIANANMEN, distanceField: 'd', maxDistance: 'far' }, sphereIndex, 14],
    ['maxDistance is negative', { near: TIANANMEN, distanceField: 'd', maxDistance: -1 }, sphereIndex, 2],
    ['there is no geo index', { near: TIANANMEN, distanceField: 'd' }, [{ key: { _id: 1 }, name: '_id_' }], 27],
    ['there are two 2dsphere indexes', { near: TIANANMEN, distanceField: 'd' }, [...sphereIndex, { key: { b: '2dsphere' }, name: 'b' }], 27],
    ['key has no geo index', { near: TIANANMEN, distanceField: 'd', key: 'other' }, sphereIndex, 291],
    ['query holds $near', { near: TIANANMEN, distanceField: 'd', query: { loc: { $near: [0, 0] } } }, sphereIndex, 2],
  ])('when %s, throws with MongoDB code', (_name, spec, indexes, code) => {
    let thrown: unknown;
    try {
      geoNearStage(docs, spec as D, indexes as never);
    } catch (e) {
      thrown = e;
    }
    expect(thrown).toBeInstanceOf(GeoError);
    expect((thrown as GeoError).code).toBe(code);
    expect(typeof (thrown as GeoError).codeName).toBe('string');
  });

  it('names the ambiguity like MongoDB', () => {
    expect(() => geoNearStage(docs, { near: TIANANMEN, distanceField: 'd' }, [...sphereIndex, { key: { b: '2dsphere' }, name: 'b' }])).toThrow(
      /There is more than one 2dsphere index.*unsure which to use for \$geoNear/,
    );
  });
});
