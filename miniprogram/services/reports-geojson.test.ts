import { GEOJSON_MAX_BYTES, GEOJSON_MAX_FEATURES, GEOJSON_TEMPLATE, parseGridCollection, utf8Bytes } from './reports-geojson';

describe('a grid file is checked before it is sent', () => {
  it('when the text is the template, it is a collection of one feature ready to send', () => {
    const r = parseGridCollection(GEOJSON_TEMPLATE);
    expect(r).toEqual({ ok: true, collection: { type: 'FeatureCollection', features: [expect.objectContaining({ type: 'Feature' })] } });
  });

  it('when the text is blank, broken JSON, or not a FeatureCollection, the message says which', () => {
    expect(parseGridCollection('  ')).toEqual({ ok: false, message: '请选择 GeoJSON 文件或粘贴其内容' });
    const broken = parseGridCollection('{"type": "FeatureCollection", "features": [');
    expect(broken.ok).toBe(false);
    expect(!broken.ok && broken.message).toBe('不是有效的 JSON，请检查括号、引号与逗号');
    expect(parseGridCollection('{"type": "Feature"}')).toEqual({ ok: false, message: expect.stringContaining('FeatureCollection') });
    expect(parseGridCollection('[1, 2]')).toEqual({ ok: false, message: expect.stringContaining('FeatureCollection') });
  });

  it('when there are no features or more than the server takes at once, nothing is sent', () => {
    expect(parseGridCollection('{"type": "FeatureCollection", "features": []}')).toEqual({ ok: false, message: '没有可导入的网格（features 为空）' });
    const many = JSON.stringify({ type: 'FeatureCollection', features: Array.from({ length: GEOJSON_MAX_FEATURES + 1 }, () => ({})) });
    expect(parseGridCollection(many)).toEqual({ ok: false, message: `一次最多导入 ${GEOJSON_MAX_FEATURES} 个网格` });
  });

  it('when the text is larger than the request body limit (counted in UTF-8 bytes), it is refused with the limit', () => {
    const name = '网'.repeat(Math.ceil(GEOJSON_MAX_BYTES / 3) + 10);
    const big = JSON.stringify({ type: 'FeatureCollection', features: [{ type: 'Feature', properties: { name } }] });
    expect(big.length).toBeLessThan(GEOJSON_MAX_BYTES);
    expect(utf8Bytes(big)).toBeGreaterThan(GEOJSON_MAX_BYTES);
    expect(parseGridCollection(big)).toEqual({ ok: false, message: expect.stringContaining('请拆分后分批导入') });
  });

  it('counts UTF-8 bytes like the server does', () => {
    for (const s of ['abc', '网格', 'é', '😀', 'a网😀é']) expect(utf8Bytes(s)).toBe(Buffer.byteLength(s, 'utf8'));
  });
});
