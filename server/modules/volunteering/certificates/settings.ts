import type { TCertificateSettingsInput, TCertificateSettingsDto } from '@shared/schemas/volunteering/certificates';
import { ZCertificateSettingsInput } from '@shared/schemas/volunteering/certificates';
import type { AppDeps } from '../../../deps';
import type { Actor } from '../../../http/actor';
import { auditActor } from '../../../platform/outbox/event';
import { inUnitOfWork } from '../../../platform/unit-of-work';
import { District } from '../../org';
import { CertificateSettings, type CertificateSettingsDoc } from './model';
import type { SealArt } from './pdf';

const SETTINGS_ID = 'certificates';
const FALLBACK_ISSUER = '邻里志愿服务平台';

export type CertificateSettingsValues = Omit<CertificateSettingsDoc, '_id' | 'updatedAt' | 'seal'> & {
  hasSeal: boolean;
};

/** The settings in force: the stored document, or the defaults (no confirmation, no 公示). */
export async function certificateSettings(): Promise<CertificateSettingsValues> {
  const doc = await CertificateSettings.findById(SETTINGS_ID, { seal: 0 }).lean<CertificateSettingsDoc>();
  const hasSeal = (await CertificateSettings.exists({ _id: SETTINGS_ID, 'seal.mime': { $exists: true } })) !== null;
  const values = ZCertificateSettingsInput.parse({});
  for (const k of Object.keys(values) as (keyof typeof values)[]) {
    if (doc && doc[k] !== undefined) (values as Record<string, unknown>)[k] = doc[k];
  }
  return { ...values, hasSeal };
}

/** What the PDF stamps: the uploaded seal; else a drawn 样章 outside production; else nothing. */
export async function sealArt(deps: AppDeps): Promise<SealArt> {
  const doc = await CertificateSettings.findById(SETTINGS_ID, { seal: 1 }).lean<CertificateSettingsDoc>();
  const data = doc?.seal?.data as unknown;
  // A lean read hands back BSON Binary (its bytes in `.buffer`), not a Buffer.
  if (Buffer.isBuffer(data)) return { image: data };
  if (data && typeof data === 'object' && 'buffer' in data) {
    return { image: Buffer.from((data as { buffer: Uint8Array }).buffer) };
  }
  return deps.config.isProduction ? 'none' : 'placeholder';
}

/** Stores the seal image (already through the upload pipeline), audited. */
export function saveSeal(deps: AppDeps, actor: Actor, image: { data: Buffer; mime: string }, requestId?: string) {
  return inUnitOfWork(deps, async (uow) => {
    await CertificateSettings.updateOne(
      { _id: SETTINGS_ID },
      { $set: { seal: { data: image.data, mime: image.mime }, updatedAt: deps.now() } },
      { upsert: true },
    );
    uow.emit({
      type: 'certificate.settings_changed',
      aggregate: 'certificate_settings:district',
      payload: {},
      audit: {
        actor: auditActor(actor),
        action: 'certificate.settings_changed',
        target: { type: 'certificate_settings', id: SETTINGS_ID },
        after: { seal: `${image.mime}, ${image.data.length} bytes` },
        requestId,
      },
    });
  });
}

/** The district's issuing body: the configured name, else "<district>志愿服务指导中心". */
export async function districtIssuerName(settings: CertificateSettingsValues): Promise<string> {
  if (settings.issuerName) return settings.issuerName;
  const district = await District.findOne({}, { name: 1 }).sort({ createdAt: 1 }).lean();
  return district?.name ? `${district.name}志愿服务指导中心` : FALLBACK_ISSUER;
}

/**
 * Placeholder 样章 outside production when no seal image is configured, so a development
 * paper shows where the seal goes; production prints no seal rather than a fake one.
 */
const sealMode = (deps: AppDeps, s: CertificateSettingsValues): TCertificateSettingsDto['seal'] =>
  s.hasSeal ? 'configured' : deps.config.isProduction ? 'none' : 'placeholder';

export function presentSettings(deps: AppDeps, s: CertificateSettingsValues): TCertificateSettingsDto {
  return {
    issuerName: s.issuerName,
    personInCharge: s.personInCharge,
    handler: s.handler,
    contact: s.contact,
    requireConfirmation: s.requireConfirmation,
    publicListing: s.publicListing,
    seal: sealMode(deps, s),
  };
}

/** The district admin saves the settings; the change and its audited event commit together. */
export function saveCertificateSettings(
  deps: AppDeps,
  actor: Actor,
  input: TCertificateSettingsInput,
  requestId?: string,
): Promise<CertificateSettingsValues> {
  const values = ZCertificateSettingsInput.parse(input);
  return inUnitOfWork(deps, async (uow) => {
    const { hasSeal, ...before } = await certificateSettings();
    await CertificateSettings.updateOne(
      { _id: SETTINGS_ID },
      { $set: { ...values, updatedAt: deps.now() } },
      { upsert: true },
    );
    uow.emit({
      type: 'certificate.settings_changed',
      aggregate: 'certificate_settings:district',
      payload: {},
      audit: {
        actor: auditActor(actor),
        action: 'certificate.settings_changed',
        target: { type: 'certificate_settings', id: SETTINGS_ID },
        before,
        after: values,
        requestId,
      },
    });
    return { ...values, hasSeal };
  });
}
