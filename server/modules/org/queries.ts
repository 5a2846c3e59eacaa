import type { TClinicDto, TCommunityDto, TCommunityQuery, TDepartmentDto, TGridDto, TGridQuery, TTeamDto, TTeamQuery } from '@shared/schemas/org';
import { findPage } from '../../platform/paging';
import {
  Clinic,
  Community,
  Department,
  Grid,
  Team,
  type ClinicDoc,
  type CommunityDoc,
  type DepartmentDoc,
  type GridDoc,
  type TeamDoc,
} from './model';
import { presentClinic, presentCommunity, presentDepartment, presentGrid, presentTeam } from './presenter';

/** Read paths of the organisation directory (no writes), each sorted by name. */

export async function communities(query: TCommunityQuery): Promise<TCommunityDto[]> {
  const rows = await Community.find(query.district ? { district: query.district } : {}).sort({ name: 1 }).lean<CommunityDoc[]>();
  return rows.map(presentCommunity);
}

export async function grids(query: TGridQuery): Promise<TGridDto[]> {
  const rows = await Grid.find(query.community ? { community: query.community } : {}).sort({ name: 1 }).lean<GridDoc[]>();
  return rows.map(presentGrid);
}

export async function departments(): Promise<TDepartmentDto[]> {
  return (await Department.find({}).sort({ name: 1 }).lean<DepartmentDoc[]>()).map(presentDepartment);
}

export async function clinics(): Promise<TClinicDto[]> {
  return (await Clinic.find({}).sort({ name: 1 }).lean<ClinicDoc[]>()).map(presentClinic);
}

/** Teams by status, one page (pending and rejected ones are for the district admin). */
export async function teams(query: TTeamQuery): Promise<{ items: TTeamDto[]; total: number }> {
  const filter = { status: query.status };
  const { items: rows, total } = await findPage<TeamDoc>(Team, filter, { name: 1, _id: 1 }, query);
  return { items: rows.map(presentTeam), total };
}
