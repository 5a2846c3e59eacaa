/** Tiny well-formed JPEGs for upload tests: one carrying an Exif GPS block, one clean. */
const seg = (marker: number, payload: Buffer) => {
  const head = Buffer.from([0xff, marker, 0, 0]);
  head.writeUInt16BE(payload.length + 2, 2);
  return Buffer.concat([head, payload]);
};
const JPEG_CORE = [
  seg(0xe0, Buffer.from('JFIF\0\x01\x01\0\0\x01\0\x01\0\0', 'latin1')),
  seg(0xdb, Buffer.alloc(65, 1)),
  seg(0xc0, Buffer.from([8, 0, 16, 0, 16, 1, 1, 0x11, 0])),
  seg(0xda, Buffer.from([1, 1, 0, 0, 0x3f, 0])),
  Buffer.from([0x12, 0x34, 0x56]),
];
const EXIF = seg(0xe1, Buffer.from('Exif\0\0MM\0*GPSLatitude 31.2304 N', 'latin1'));
export const jpegWithExif = Buffer.concat([
  Buffer.from([0xff, 0xd8]),
  JPEG_CORE[0],
  EXIF,
  ...JPEG_CORE.slice(1),
  Buffer.from([0xff, 0xd9]),
]);
export const jpegClean = Buffer.concat([Buffer.from([0xff, 0xd8]), ...JPEG_CORE, Buffer.from([0xff, 0xd9])]);
