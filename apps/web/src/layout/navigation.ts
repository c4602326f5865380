/** The main navigation, in order. A page in the menu is added here as well as in app.tsx. */
export const NAVIGATION: Array<{ to: string; label: string; end?: boolean }> = [
  { to: '/', label: 'My agenda', end: true },
  { to: '/exchanges', label: 'Exchanges' },
  { to: '/series', label: 'Series' },
  { to: '/support-requests', label: 'Support requests' },
  { to: '/inbox', label: 'Inbox' },
  { to: '/people', label: 'People' },
  { to: '/profile', label: 'Profile' },
];
