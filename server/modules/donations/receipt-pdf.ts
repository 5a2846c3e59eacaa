import PDFDocument from 'pdfkit';
import QRCode from 'qrcode';
import { fenToYuan } from '@shared/schemas/donations';
import { CjkFontMissingError, findCjkFont } from '../volunteering/certificates';
import type { CharityDoc, DonationOrderDoc, ProjectDoc } from './model';

const shanghaiDay = (d: Date) => new Date(d.getTime() + 8 * 3_600_000).toISOString().slice(0, 10);

/**
 * The donor's 捐赠确认 (donation confirmation). Deliberately not a 公益事业捐赠票据: only the
 * charity issues those (DECISIONS "Donations"), and the PDF says so. The QR code opens the public
 * check page, which shows the donation without the donor.
 */
export async function renderReceiptPdf(
  order: DonationOrderDoc,
  project: Pick<ProjectDoc, 'title'>,
  charity: Pick<CharityDoc, 'name' | 'uscc' | 'filingNumber'>,
  donorName: string,
  verifyUrl: string,
): Promise<Buffer> {
  const font = findCjkFont();
  if (!font) throw new CjkFontMissingError();
  const doc = new PDFDocument({ size: 'A5', margin: 40, info: { Title: `捐赠确认 ${order.receiptSerial}`, Author: charity.name } });
  const chunks: Buffer[] = [];
  const done = new Promise<Buffer>((resolve, reject) => {
    doc.on('data', (c: Buffer) => chunks.push(c));
    doc.on('end', () => resolve(Buffer.concat(chunks)));
    doc.on('error', reject);
  });
  doc.registerFont('cjk', font.path, font.family);
  doc.font('cjk');
  doc.fontSize(20).text('捐赠确认', { align: 'center' });
  doc.moveDown(0.3).fontSize(9).fillColor('#555').text(`确认编号：${order.receiptSerial}`, { align: 'center' }).fillColor('#000');
  doc.moveDown(1).fontSize(11);
  const field = (label: string, value: string) => doc.text(`${label}：${value}`, { lineGap: 5 });
  field('捐赠人', donorName);
  field('捐赠项目', project.title);
  field('受赠机构', charity.name);
  field('统一社会信用代码', charity.uscc);
  field('公开募捐备案编号', charity.filingNumber);
  field('捐赠金额', `${fenToYuan(order.amountFen)} 元`);
  if (order.refundedFen > 0) field('已退款', `${fenToYuan(order.refundedFen)} 元`);
  field('支付时间', order.paidAt ? shanghaiDay(order.paidAt) : '');
  field('商户订单号', order.outTradeNo);
  doc.moveDown(0.8).fontSize(9).fillColor('#555');
  doc.text('本确认仅证明上述捐赠已通过微信支付付至受赠机构，不是公益事业捐赠票据。如需捐赠票据，请联系受赠机构开具。', { lineGap: 3 });
  const qr = await QRCode.toBuffer(verifyUrl, { errorCorrectionLevel: 'M', margin: 1, width: 200 });
  const y = Math.max(doc.y + 12, 420);
  doc.image(qr, 40, y, { width: 90 });
  doc.text(`扫码或访问以下地址核验：\n${verifyUrl}`, 140, y + 16, { width: 260 });
  doc.end();
  return done;
}
