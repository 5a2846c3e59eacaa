import type { TClinicDto, TCommunityDto, TDepartmentDto, TGridDto, TPointDto, TTeamDto } from '@shared/schemas/org';
import type { ClinicDoc, CommunityDoc, DepartmentDoc, GeoPointDoc, GridDoc, TeamDoc } from './model';

const point = (p?: GeoPointDoc): TPointDto | undefined =>
  p && p.coordinates?.length === 2 ? { lng: p.coordinates[0], lat: p.coordinates[1] } : undefined;

export const presentCommunity = (c: CommunityDoc): TCommunityDto => ({
  id: c._id.toHexString(),
  name: c.name,
  districtId: c.district.toHexString(),
  address: c.address,
  location: point(c.location),
});

export const presentGrid = (g: GridDoc): TGridDto => ({
  id: g._id.toHexString(),
  name: g.name,
  communityId: g.community.toHexString(),
  hasPolygon: Boolean(g.polygon),
});

export const presentDepartment = (d: DepartmentDoc): TDepartmentDto => ({
  id: d._id.toHexString(),
  name: d.name,
  kind: d.kind,
});

/** Public view: the contact's phone is not listed publicly. */
export const presentTeam = (t: TeamDoc): TTeamDto => ({
  id: t._id.toHexString(),
  name: t.name,
  hostOrg: t.hostOrg,
  serviceArea: t.serviceArea,
  location: point(t.location),
  contactName: t.contact?.name,
  status: t.status,
});

export const presentClinic = (c: ClinicDoc): TClinicDto => ({
  id: c._id.toHexString(),
  name: c.name,
  address: c.address,
  location: point(c.location),
  communityId: c.community ? c.community.toHexString() : undefined,
});
