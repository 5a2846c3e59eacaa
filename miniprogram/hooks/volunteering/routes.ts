/** Volunteering pages use the app's one route table (services/routes.ts) under their old name. */
export { ROUTES as VROUTES, withQuery } from '../../services/routes';
