/** Company client ids: `kwc_` and 24 base62 characters. */
export const CLIENT_ID_PREFIX = "kwc_";
