import { zonedTime, type ZonedTime } from '../../core/authoring/dates';
import type { SiteLayout } from '../../core/site/profile';

/** "Now" in the site's zone (its `timezone:`), else in the author's own. */
export function siteNow(layout: SiteLayout): ZonedTime {
  return zonedTime(new Date(), layout.timezone ?? Intl.DateTimeFormat().resolvedOptions().timeZone);
}
