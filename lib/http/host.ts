/**
 * Whether a Host (or X-Forwarded-Host) value is a host with an optional port, as URLs carry it. The URL parser has
 * the last word, since it refuses some that look right: a number beyond IPv4's range, a port beyond 65535.
 */
export const isHost = (value: string) =>
  /^[A-Za-z0-9.-]+(:\d{1,5})?$|^\[[0-9A-Fa-f:.]+\](:\d{1,5})?$/.test(value) && URL.canParse(`http://${value}/`);
