/**
 * The hall's province link settings (all optional; the uplink is off without a URL):
 *   QMS_PROVINCE_URL            e.g. `https://phu-lien:SECRET@province.example` — the province server,
 *                               with this hall's credential (`npm run province -- add-hall ID`) as userinfo
 *   QMS_PROVINCE_OFFICER_NAMES  `true`: the province may see officers' names (default: ids only)
 *   QMS_UPLINK_MQTT_URL         the province's broker, when it is not the one the province announces
 */
export interface ProvinceLinkSettings {
  /** The province's base URL without the credential. */
  baseUrl: string;
  hallId: string;
  secret: string;
}

/** Parses QMS_PROVINCE_URL; throws a clear error for a URL without `hallId:secret@`. */
export function parseProvinceUrl(url: string): ProvinceLinkSettings {
  let u: URL;
  try {
    u = new URL(url);
  } catch {
    throw new Error("QMS_PROVINCE_URL is not a URL (e.g. https://phu-lien:SECRET@province.example)");
  }
  if (u.protocol !== "http:" && u.protocol !== "https:")
    throw new Error("QMS_PROVINCE_URL must be http(s)://");
  const hallId = decodeURIComponent(u.username);
  const secret = decodeURIComponent(u.password);
  if (!hallId || !secret)
    throw new Error("QMS_PROVINCE_URL needs the hall's credential: https://HALL-ID:SECRET@province.example");
  u.username = "";
  u.password = "";
  return { baseUrl: u.toString().replace(/\/$/, ""), hallId, secret };
}
