import { Types } from 'mongoose';
import { PLACE_TYPE_LABELS, PLACE_TYPES, ZPlaceInput, type TPlaceInput, type TPlaceType } from '@shared/schemas/community/places';
import type { AppDeps } from '../../../deps';
import type { Actor } from '../../../http/actor';
import type { Refusal } from '../../../platform/outcome';
import { auditActor } from '../../../platform/outbox/event';
import { inUnitOfWork } from '../../../platform/unit-of-work';
import { parseCsv } from './csv';
import { parseOpeningHours } from './hours';
import { Place, type PlaceDoc } from './model';

/** What an admin's input becomes in the document (hours parsed once, here). */
function fields(input: TPlaceInput) {
  return {
    type: input.type,
    name: input.name,
    address: input.address,
    location: { type: 'Point' as const, coordinates: [input.location.lng, input.location.lat] as [number, number] },
    phone: input.phone || undefined,
    openingHours: input.openingHours || undefined,
    hours: input.openingHours ? parseOpeningHours(input.openingHours) : null,
  };
}

/** Opening hours must be readable, or open-now could not be shown: a field error, not a silent null. */
export const hoursProblem = (input: Pick<TPlaceInput, 'openingHours'>): string | null =>
  input.openingHours && !parseOpeningHours(input.openingHours) ? '营业时间格式不正确，例如：周一至周五 08:30-17:30；周六 09:00-12:00' : null;

type SaveResult = { outcome: 'created' | 'updated'; place: PlaceDoc } | Refusal<'bad_hours' | 'not_found'>;

/** Creates an admin place, or updates one (only admin places: Linli's own come from their modules). */
export function savePlace(deps: AppDeps, actor: Actor, input: TPlaceInput, id?: string, requestId?: string): Promise<SaveResult> {
  if (hoursProblem(input)) return Promise.resolve({ outcome: 'bad_hours' });
  return inUnitOfWork(deps, async (uow): Promise<SaveResult> => {
    let place: PlaceDoc | null;
    if (id) {
      place = await Place.findOneAndUpdate({ _id: new Types.ObjectId(id), source: 'admin' }, { $set: fields(input) }, { returnDocument: 'after' }).lean<PlaceDoc>();
      if (!place) return { outcome: 'not_found' };
    } else {
      const _id = new Types.ObjectId();
      const [doc] = await Place.create([{ _id, source: 'admin', sourceId: String(_id), ...fields(input) }]);
      place = doc.toObject() as PlaceDoc;
    }
    uow.emit({
      type: id ? 'place.updated' : 'place.created',
      aggregate: `place:${String(place._id)}`,
      payload: { id: String(place._id) },
      audit: { actor: auditActor(actor), action: id ? 'place.update' : 'place.create', target: { type: 'place', id: String(place._id) }, after: input, requestId },
    });
    return { outcome: id ? 'updated' : 'created', place };
  });
}

export function deletePlace(deps: AppDeps, actor: Actor, id: string, requestId?: string): Promise<{ outcome: 'deleted' } | Refusal<'not_found'>> {
  return inUnitOfWork(deps, async (uow) => {
    const gone = await Place.findOneAndDelete({ _id: new Types.ObjectId(id), source: 'admin' }).lean<PlaceDoc>();
    if (!gone) return { outcome: 'not_found' as const };
    uow.emit({
      type: 'place.deleted',
      aggregate: `place:${id}`,
      payload: { id },
      audit: { actor: auditActor(actor), action: 'place.delete', target: { type: 'place', id }, before: { name: gone.name }, requestId },
    });
    return { outcome: 'deleted' as const };
  });
}

/** CSV columns: Chinese headers as the template has them, or the input's field names. */
const COLUMNS: Record<string, keyof TPlaceInput | 'lng' | 'lat'> = {
  名称: 'name', name: 'name', 类型: 'type', type: 'type', 地址: 'address', address: 'address',
  经度: 'lng', lng: 'lng', 纬度: 'lat', lat: 'lat', 电话: 'phone', phone: 'phone', 营业时间: 'openingHours', openingHours: 'openingHours',
};
const FIELD_LABELS: Record<string, string> = {
  name: '名称', type: '类型', address: '地址', lng: '经度', lat: '纬度', phone: '电话', openingHours: '营业时间', location: '经纬度',
};
const TYPE_BY_LABEL = new Map<string, TPlaceType>(PLACE_TYPES.flatMap((t) => [[t, t], [PLACE_TYPE_LABELS[t], t]] as [string, TPlaceType][]));

export interface RowError {
  row: number;
  field: string;
  message: string;
}

/** Rows checked one by one with the same schema as the form; row numbers count the header as row 1. */
export function checkImport(csv: string, maxRows: number): { valid: { row: number; input: TPlaceInput }[]; errors: RowError[] } {
  const rows = parseCsv(csv);
  const errors: RowError[] = [];
  const valid: { row: number; input: TPlaceInput }[] = [];
  const header = (rows.shift() ?? []).map((h) => COLUMNS[h.trim()]);
  for (const need of ['name', 'type', 'address', 'lng', 'lat'] as const) {
    if (!header.includes(need)) errors.push({ row: 1, field: FIELD_LABELS[need], message: `缺少“${FIELD_LABELS[need]}”列` });
  }
  if (errors.length) return { valid, errors };
  if (rows.length === 0) return { valid, errors: [{ row: 1, field: '', message: '文件中没有数据行' }] };
  if (rows.length > maxRows) return { valid, errors: [{ row: 1, field: '', message: `一次最多导入 ${maxRows} 行` }] };
  rows.forEach((cells, i) => {
    const row = i + 2;
    const raw: Record<string, string> = {};
    header.forEach((key, c) => key && (raw[key] = (cells[c] ?? '').trim()));
    const num = (v: string) => (v === '' ? undefined : Number(v));
    const candidate = {
      name: raw.name,
      type: TYPE_BY_LABEL.get(raw.type) ?? raw.type,
      address: raw.address,
      location: { lng: num(raw.lng ?? ''), lat: num(raw.lat ?? '') },
      phone: raw.phone || undefined,
      openingHours: raw.openingHours || undefined,
    };
    const parsed = ZPlaceInput.safeParse(candidate);
    if (!parsed.success) {
      for (const issue of parsed.error.issues) {
        const key = String(issue.path[issue.path.length - 1] ?? issue.path[0] ?? '');
        errors.push({ row, field: FIELD_LABELS[key] ?? key, message: issue.message });
      }
      return;
    }
    const hours = hoursProblem(parsed.data);
    if (hours) errors.push({ row, field: FIELD_LABELS.openingHours, message: hours });
    else valid.push({ row, input: parsed.data });
  });
  return { valid, errors };
}

/** Inserts the valid rows in one unit of work (all of them, or none), with one audited event. */
export function insertImported(deps: AppDeps, actor: Actor, inputs: TPlaceInput[], requestId?: string): Promise<number> {
  return inUnitOfWork(deps, async (uow) => {
    const docs = inputs.map((input) => {
      const _id = new Types.ObjectId();
      return { _id, source: 'admin' as const, sourceId: String(_id), ...fields(input) };
    });
    if (docs.length) await Place.insertMany(docs);
    uow.emit({
      type: 'places.imported',
      aggregate: `places:${actor.userId}`,
      payload: { count: docs.length },
      audit: { actor: auditActor(actor), action: 'place.import', target: { type: 'place', id: 'csv' }, after: { count: docs.length }, requestId },
    });
    return docs.length;
  });
}
