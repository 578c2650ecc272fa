/**
 * Every article, thread, ban, reader account, mail and setting belongs to one site. A single-site
 * install has only this one, configured from the environment; existing data migrates into it.
 */
export const DEFAULT_SITE_ID = 'default';
