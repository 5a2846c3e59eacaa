/** Reading a GeoJSON file for the grid import: the browser's file dialog on H5, a file from a chat on weapp. */
import { chooseTextFile } from './media';
import { GEOJSON_MAX_BYTES, GEOJSON_TOO_BIG } from './reports-geojson';

/** The chosen file's text (a leading BOM dropped), or null when the user cancelled. */
export function pickGeoJsonFile(): Promise<string | null> {
  return chooseTextFile(['geojson', 'json'], GEOJSON_MAX_BYTES, GEOJSON_TOO_BIG);
}
