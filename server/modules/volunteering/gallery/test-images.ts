/**
 * Real, decodable JPEGs for upload tests, made with sharp at test time (no binary fixtures):
 * a phone-like multi-picture JPEG carrying GPS Exif, XMP and an appended second picture,
 * and a clean one.
 */
import sharp from 'sharp';

/** Text that appears in the fixture's metadata and appended picture, and must never be stored. */
export const SECRET_MARKERS = ['LinliPhone', 'EXIF-SECRET', 'XMP-SECRET', 'SECOND-PICTURE'];

const XMP = `<x:xmpmeta xmlns:x="adobe:ns:meta/"><rdf:RDF xmlns:rdf="http://www.w3.org/1999/02/22-rdf-syntax-ns#">
<rdf:Description xmlns:exif="http://ns.adobe.com/exif/1.0/" exif:GPSLatitude="31,14.2N">XMP-SECRET</rdf:Description>
</rdf:RDF></x:xmpmeta>`;

export interface TestImages {
  /** 64×48 px, Exif orientation 6 (shown 48×64), GPS IFD + XMP, then a second JPEG appended. */
  jpegWithExif: Buffer;
  jpegClean: Buffer;
}

export async function buildTestImages(): Promise<TestImages> {
  const canvas = (width: number, height: number, r: number) =>
    sharp({ create: { width, height, channels: 3, background: { r, g: 80, b: 40 } } });
  const second = await canvas(32, 24, 10)
    .jpeg()
    .withExif({ IFD0: { ImageDescription: 'SECOND-PICTURE' } })
    .toBuffer();
  const first = await canvas(64, 48, 200)
    .jpeg()
    .withExif({
      IFD0: { Make: 'LinliPhone', ImageDescription: 'EXIF-SECRET' },
      IFD3: { GPSLatitudeRef: 'N', GPSLatitude: '31/1 14/1 1234/100', GPSLongitudeRef: 'E', GPSLongitude: '121/1 28/1 0/1' },
    })
    .withXmp(XMP)
    .withMetadata({ orientation: 6 })
    .toBuffer();
  return { jpegWithExif: Buffer.concat([first, second]), jpegClean: await canvas(64, 48, 120).jpeg().toBuffer() };
}

/** What a stored image still carries: none of it may be metadata or appended data. */
export async function leftovers(stored: Buffer): Promise<{ exif: boolean; xmp: boolean; icc: boolean; iptc: boolean; markers: string[]; afterEnd: number }> {
  const meta = await sharp(stored).metadata();
  // A JPEG ends at its first end-of-image marker once re-encoded; anything after it was appended.
  const end = stored[0] === 0xff && stored[1] === 0xd8 ? stored.indexOf(Buffer.from([0xff, 0xd9])) + 2 : stored.length;
  return {
    exif: Boolean(meta.exif),
    xmp: Boolean(meta.xmp),
    icc: Boolean(meta.icc),
    iptc: Boolean(meta.iptc),
    markers: SECRET_MARKERS.filter((m) => stored.includes(m)),
    afterEnd: stored.length - end,
  };
}

export const NOTHING_LEFT = { exif: false, xmp: false, icc: false, iptc: false, markers: [], afterEnd: 0 };
