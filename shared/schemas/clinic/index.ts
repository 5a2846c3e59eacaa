export * from './clinics';
export * from './providers';
export * from './bookings';
export * from './mediation';
