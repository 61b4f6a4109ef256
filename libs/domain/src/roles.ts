/** The roles a token may carry (ARCHITECTURE.md §6). */
export const ROLES = ['institution-staff', 'district-staff', 'intake', 'admin'] as const;
export type Role = (typeof ROLES)[number];
