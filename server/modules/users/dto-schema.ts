/** The user DTO schemas live in shared/ (client types and OpenAPI come from them); kept here for the facade. */
export { ZUserDto, ZUserEnvelope } from '@shared/schemas/auth';
