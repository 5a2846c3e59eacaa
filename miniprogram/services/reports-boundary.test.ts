import { parseBoundary, vertexCount, withVertex } from './reports-boundary';

const ring = [[116.4, 39.9], [116.41, 39.9], [116.41, 39.91], [116.4, 39.9]];

describe('a grid boundary is read from pasted GeoJSON or built from map picks', () => {
  it('when a Polygon, a Feature holding one, or bare rings are pasted, each gives the same polygon', () => {
    const want = { ok: true, polygon: { type: 'Polygon', coordinates: [ring] } };
    expect(parseBoundary(JSON.stringify({ type: 'Polygon', coordinates: [ring] }))).toEqual(want);
    expect(parseBoundary(JSON.stringify({ type: 'Feature', properties: {}, geometry: { type: 'Polygon', coordinates: [ring] } }))).toEqual(want);
    expect(parseBoundary(JSON.stringify([ring]))).toEqual(want);
  });

  it('when the text is blank, broken, or another geometry, the message says which', () => {
    expect(parseBoundary(' ')).toEqual({ ok: false, message: '请在地图上选点或粘贴 GeoJSON 边界' });
    expect(parseBoundary('{"type":')).toEqual({ ok: false, message: expect.stringMatching(/^不是有效的 JSON：/) });
    expect(parseBoundary('{"type":"Point","coordinates":[116.4,39.9]}')).toEqual({ ok: false, message: expect.stringContaining('Polygon') });
    expect(parseBoundary('{"type":"Polygon"}')).toEqual({ ok: false, message: 'Polygon 缺少 coordinates' });
  });

  it('when vertices are picked one by one, the ring closes from the third on and stays closed', () => {
    let text = withVertex('', { lng: 116.4, lat: 39.9 });
    text = withVertex(text, { lng: 116.41, lat: 39.9 });
    expect(JSON.parse(text)).toEqual({ type: 'Polygon', coordinates: [[[116.4, 39.9], [116.41, 39.9]]] });
    text = withVertex(text, { lng: 116.41, lat: 39.91 });
    expect(JSON.parse(text).coordinates[0]).toEqual(ring);
    text = withVertex(text, { lng: 116.4000004, lat: 39.9100001 });
    const p = parseBoundary(text);
    expect(p.ok && p.polygon.coordinates[0]).toEqual([...ring.slice(0, 3), [116.4, 39.91], [116.4, 39.9]]);
    expect(p.ok && vertexCount(p.polygon)).toBe(4);
  });

  it('when a pasted polygon has a hole, a picked vertex extends the outer ring and keeps the hole', () => {
    const hole = [[116.402, 39.901], [116.403, 39.901], [116.403, 39.902], [116.402, 39.901]];
    const text = withVertex(JSON.stringify({ type: 'Polygon', coordinates: [ring, hole] }), { lng: 116.4, lat: 39.91 });
    expect(JSON.parse(text).coordinates).toEqual([[...ring.slice(0, 3), [116.4, 39.91], [116.4, 39.9]], hole]);
  });
});
