/**
 * The H5 map key (a build-time variable, TARO_APP_H5_MAP_KEY); empty in dev and tests, where H5
 * pages show lists with distances instead of a map (DECISIONS "Maps on H5"). weapp has WeChat's map.
 * A module of its own, without imports: the static map reads it without pulling gcoord (coords.ts)
 * into its chunk.
 */
export const H5_MAP_KEY: string = process.env.TARO_APP_H5_MAP_KEY ?? '';
