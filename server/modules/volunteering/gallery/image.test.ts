import { ImageFormatError, sniffImageType, stripImageMetadata } from './image';

const seg = (marker: number, payload: Buffer) => {
  const head = Buffer.from([0xff, marker, 0, 0]);
  head.writeUInt16BE(payload.length + 2, 2);
  return Buffer.concat([head, payload]);
};
const SOI = Buffer.from([0xff, 0xd8]);
const EOI = Buffer.from([0xff, 0xd9]);
const app0 = seg(0xe0, Buffer.from('JFIF\0\x01\x01\0\0\x01\0\x01\0\0', 'latin1'));
const exif = seg(0xe1, Buffer.from('Exif\0\0MM\0*GPSLatitude 31.2304 N; Make: PhoneCo; Serial 12345', 'latin1'));
const xmp = seg(0xe1, Buffer.from('http://ns.adobe.com/xap/1.0/\0<x:xmpmeta>owner</x:xmpmeta>', 'latin1'));
const icc = seg(0xe2, Buffer.from('ICC_PROFILE\0\x01\x01profile-bytes', 'latin1'));
const comment = seg(0xfe, Buffer.from('taken at home', 'latin1'));
const dqt = seg(0xdb, Buffer.alloc(65, 1));
const sof = seg(0xc0, Buffer.from([8, 0, 16, 0, 16, 1, 1, 0x11, 0]));
// Scan data contains 0xFF00 stuffing and a restart marker; both must pass through untouched.
const sos = Buffer.concat([
  seg(0xda, Buffer.from([1, 1, 0, 0, 0x3f, 0])),
  Buffer.from([0x12, 0xff, 0x00, 0x34, 0xff, 0xd0, 0x56]),
]);

describe('image intake', () => {
  it('recognises formats by magic bytes, not by name', () => {
    expect(sniffImageType(Buffer.concat([SOI, Buffer.from([0xff, 0xe0])]))).toBe('jpeg');
    expect(sniffImageType(Buffer.from('89504e470d0a1a0a0000', 'hex'))).toBe('png');
    expect(sniffImageType(Buffer.from('RIFF\x10\0\0\0WEBPVP8 ', 'latin1'))).toBe('webp');
    expect(sniffImageType(Buffer.from('GIF89a....', 'latin1'))).toBeUndefined();
    expect(sniffImageType(Buffer.from('<svg xmlns="http://www.w3.org/2000/svg"/>'))).toBeUndefined();
    expect(sniffImageType(Buffer.alloc(0))).toBeUndefined();
  });

  it('when a JPEG carries Exif, XMP and a comment, they are removed and the rest is byte-identical', () => {
    const input = Buffer.concat([SOI, app0, exif, xmp, icc, comment, dqt, sof, sos, EOI]);
    const { type, data } = stripImageMetadata(input);
    expect(type).toBe('jpeg');
    expect(data.equals(Buffer.concat([SOI, app0, icc, dqt, sof, sos, EOI]))).toBe(true);
    expect(data.includes(Buffer.from('GPSLatitude'))).toBe(false);
    expect(data.includes(Buffer.from('owner'))).toBe(false);
  });

  it('when a JPEG has no metadata, it comes back unchanged', () => {
    const input = Buffer.concat([SOI, app0, dqt, sof, sos, EOI]);
    expect(stripImageMetadata(input).data.equals(input)).toBe(true);
  });

  it('when a JPEG is truncated or lies about a segment length, it is rejected', () => {
    const truncated = Buffer.concat([SOI, app0, exif.subarray(0, 10)]);
    expect(() => stripImageMetadata(truncated)).toThrow(ImageFormatError);
    expect(() => stripImageMetadata(Buffer.concat([SOI, app0]))).toThrow(ImageFormatError);
    expect(() => stripImageMetadata(Buffer.concat([SOI, Buffer.from([0x00, 0x01])]))).toThrow(ImageFormatError);
  });

  const chunk = (type: string, data: Buffer) => {
    const len = Buffer.alloc(4);
    len.writeUInt32BE(data.length);
    return Buffer.concat([len, Buffer.from(type, 'latin1'), data, Buffer.alloc(4, 0xaa)]);
  };
  const PNG = Buffer.from('89504e470d0a1a0a', 'hex');

  it('when a PNG has eXIf and text chunks, they are removed', () => {
    const ihdr = chunk('IHDR', Buffer.alloc(13, 2));
    const idat = chunk('IDAT', Buffer.from('pixels'));
    const iend = chunk('IEND', Buffer.alloc(0));
    const input = Buffer.concat([
      PNG,
      ihdr,
      chunk('eXIf', Buffer.from('MM\0*GPS')),
      chunk('tEXt', Buffer.from('Author\0me')),
      idat,
      iend,
    ]);
    const { type, data } = stripImageMetadata(input);
    expect(type).toBe('png');
    expect(data.equals(Buffer.concat([PNG, ihdr, idat, iend]))).toBe(true);
  });

  it('when a PNG has no IEND, it is rejected', () => {
    expect(() => stripImageMetadata(Buffer.concat([PNG, chunk('IHDR', Buffer.alloc(13))]))).toThrow(ImageFormatError);
  });

  const riffChunk = (fourcc: string, data: Buffer) => {
    const head = Buffer.alloc(8);
    head.write(fourcc, 0, 'latin1');
    head.writeUInt32LE(data.length, 4);
    return Buffer.concat([head, data, data.length % 2 ? Buffer.alloc(1) : Buffer.alloc(0)]);
  };
  const riff = (body: Buffer) => {
    const head = Buffer.alloc(12);
    head.write('RIFF', 0, 'latin1');
    head.writeUInt32LE(body.length + 4, 4);
    head.write('WEBP', 8, 'latin1');
    return Buffer.concat([head, body]);
  };

  it('when a WebP has EXIF and XMP chunks, they are removed and the VP8X flags cleared', () => {
    const vp8x = Buffer.alloc(10);
    vp8x[0] = 0x08 | 0x04 | 0x10; // EXIF | XMP | ALPHA
    const image = riffChunk('VP8 ', Buffer.from('frame-data!'));
    const input = riff(
      Buffer.concat([
        riffChunk('VP8X', vp8x),
        image,
        riffChunk('EXIF', Buffer.from('GPS here')),
        riffChunk('XMP ', Buffer.from('<xmp/>')),
      ]),
    );
    const { type, data } = stripImageMetadata(input);
    expect(type).toBe('webp');
    const cleared = Buffer.from(vp8x);
    cleared[0] = 0x10;
    expect(data.equals(riff(Buffer.concat([riffChunk('VP8X', cleared), image])))).toBe(true);
    expect(data.includes(Buffer.from('GPS'))).toBe(false);
  });
});
