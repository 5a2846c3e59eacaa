/**
 * Geo for the embedded engine, on a sphere of radius 6378.1 km as MongoDB does.
 *
 * - registerGeoOperators(): $near, $nearSphere, $geoWithin ($geometry Polygon/MultiPolygon,
 *   $centerSphere, $box, $center, $polygon), $geoIntersects as mingo query operators.
 * - nearSpec(filter) / nearDistance(spec, doc): let the core sort $near results by distance.
 * - validateGeoJSON(value): what a 2dsphere index accepts (the core answers 16755 otherwise).
 * - geoNearStage(docs, spec, indexes): the $geoNear aggregation stage.
 *
 * Approximations (documented, not hidden): $geoWithin $geometry tests the vertices and edge
 * midpoints of non-point shapes rather than S2's exact containment; polygons larger than a
 * hemisphere fall back to a planar test on raw coordinates; legacy `$near: [x, y]` is always
 * planar (2d semantics) while MongoDB uses radians when the field has only a 2dsphere index.
 */
export { registerGeoOperators, nearSpec, nearDistance, valuesAt, GEO_QUERY_OPERATORS, type NearSpec } from './operators';
export { distanceMeters, EARTH_RADIUS_M } from './sphere';
export { pointOf, validateGeoJSON } from './geojson';
export { geoNearStage } from './geonear';
export { GeoError } from './errors';
