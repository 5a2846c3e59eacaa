import { existsSync } from 'node:fs';
import PDFDocument from 'pdfkit';
import QRCode from 'qrcode';
import { formatHours, shanghaiDate } from '../hours';
import type { CertificateDoc } from './model';

/**
 * CJK fonts, in order of preference, with the face to use inside a collection (.ttc).
 * CI installs fonts-noto-cjk; without any of these the PDF would print empty boxes, so we
 * refuse to render instead of handing out an unreadable certificate.
 */
const CJK_FONTS: { path: string; family?: string }[] = [
  { path: process.env.LINLI_CJK_FONT ?? '', family: process.env.LINLI_CJK_FONT_FAMILY },
  { path: '/usr/share/fonts/opentype/noto/NotoSansCJK-Regular.ttc', family: 'NotoSansCJKsc-Regular' },
  { path: '/usr/share/fonts/opentype/noto/NotoSerifCJK-Regular.ttc', family: 'NotoSerifCJKsc-Regular' },
  { path: '/usr/share/fonts/truetype/wqy/wqy-microhei.ttc', family: 'WenQuanYiMicroHei' },
  { path: '/usr/share/fonts/truetype/arphic/uming.ttc', family: 'AR PL UMing CN' },
];

export class CjkFontMissingError extends Error {
  constructor() {
    super('No CJK font found for certificate PDFs: install fonts-noto-cjk or set LINLI_CJK_FONT');
  }
}

export function findCjkFont(): { path: string; family?: string } | undefined {
  return CJK_FONTS.find((f) => f.path && existsSync(f.path));
}

/** The seal printed next to the issuer: an uploaded image, a drawn 样章 (development), or none. */
export type SealArt = { image: Buffer } | 'placeholder' | 'none';

/** A drawn placeholder seal: red ring, star and 样章, so nobody mistakes a development paper. */
function drawPlaceholderSeal(doc: PDFKit.PDFDocument, cx: number, cy: number, issuer: string): void {
  const red = '#d0021b';
  doc.save().lineWidth(3).strokeColor(red).circle(cx, cy, 48).stroke();
  const star = Array.from({ length: 10 }, (_, i) => {
    const r = i % 2 === 0 ? 14 : 6;
    const a = -Math.PI / 2 + (i * Math.PI) / 5;
    return [cx + r * Math.cos(a), cy - 8 + r * Math.sin(a)] as [number, number];
  });
  doc.polygon(...star).fill(red);
  doc
    .fillColor(red)
    .fontSize(7)
    .text(issuer.slice(0, 14), cx - 44, cy - 36, { width: 88, align: 'center' });
  doc.fontSize(12).text('样章', cx - 44, cy + 12, { width: 88, align: 'center' });
  doc.restore().fillColor('#000');
}

export async function renderCertificatePdf(
  cert: CertificateDoc,
  verifyUrl: string,
  holderName: string | null | undefined,
  seal: SealArt,
): Promise<Buffer> {
  const font = findCjkFont();
  if (!font) throw new CjkFontMissingError();
  const doc = new PDFDocument({
    size: 'A4',
    margin: 56,
    info: { Title: `志愿服务记录证明 ${cert.serial}`, Author: cert.issuer.name, CreationDate: cert.issuedAt },
  });
  const chunks: Buffer[] = [];
  const done = new Promise<Buffer>((resolve, reject) => {
    doc.on('data', (c: Buffer) => chunks.push(c));
    doc.on('end', () => resolve(Buffer.concat(chunks)));
    doc.on('error', reject);
  });
  doc.registerFont('cjk', font.path, font.family);
  doc.font('cjk');

  doc.fontSize(22).text('志愿服务记录证明', { align: 'center' });
  doc
    .moveDown(0.5)
    .fontSize(10)
    .fillColor('#555')
    .text(`证明编号：${cert.serial}`, { align: 'center' })
    .fillColor('#000');
  doc.moveDown(1.5).fontSize(12);
  const field = (label: string, value: string) => doc.text(`${label}：${value}`, { lineGap: 6 });
  field('志愿者姓名', holderName || cert.holder.nameMasked);
  field('证件类型', cert.holder.idType ?? '居民身份证');
  field('证件号码', cert.holder.idNumberMasked);
  field('志愿者编号', cert.holder.volunteerNo ?? '—');
  field('累计志愿服务时长', `${formatHours(cert.totalMinutes)} 小时`);
  doc.moveDown(0.8).text('志愿服务记录（服务时间、内容与时长）：', { lineGap: 6 });
  doc.fontSize(10);
  for (const [i, s] of cert.services.entries()) {
    if (doc.y > 600) doc.addPage().font('cjk').fontSize(10);
    doc.text(`${i + 1}. ${shanghaiDate(s.date)}  ${s.activityTitle}（${s.teamName}） ${formatHours(s.minutes)} 小时`, {
      indent: 16,
      lineGap: 4,
    });
  }
  doc.moveDown(1.2).fontSize(12);
  doc.text(`兹证明上述志愿者通过本平台记录的志愿服务信息属实。`, { lineGap: 6 });
  const issuerY = doc.y;
  field('出具单位（盖章）', cert.issuer.name);
  field('负责人', cert.issuer.personInCharge || '—');
  field('经办人', cert.issuer.handler || '—');
  field('联系方式', cert.issuer.contact || '—');
  field('出具日期', shanghaiDate(cert.issuedAt));
  // The seal overlaps the issuer's lines on the right, as a stamped paper does.
  if (seal === 'placeholder') drawPlaceholderSeal(doc, 430, issuerY + 40, cert.issuer.name);
  else if (seal !== 'none') doc.image(seal.image, 382, issuerY - 8, { fit: [96, 96] });

  const qr = await QRCode.toBuffer(verifyUrl, { errorCorrectionLevel: 'M', margin: 1, width: 240 });
  if (doc.y > 640) doc.addPage().font('cjk');
  const qrY = Math.max(doc.y + 16, 600);
  doc.image(qr, 56, qrY, { width: 110 });
  doc
    .fontSize(9)
    .fillColor('#555')
    .text(`扫码或访问以下地址核验真伪：\n${verifyUrl}`, 180, qrY + 20, { width: 360 });
  doc.end();
  return done;
}
