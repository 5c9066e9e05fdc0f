import { distanceMeters } from './distance';
import { readingPosition, WATCHED } from './event-readings';
import { type EventRuleContext, transition } from './event-rule-context';

/**
 * `arrived` / `left`: a newer position is inside a named geofence (distance to its centre at most
 * its radius, haversine) and the position held before was not, or the other way round. The first
 * position known is where watching starts; a vehicle already at home when bimmer starts has not
 * arrived. Driving through a geofence between two positions is not seen.
 */
export function geofenceEvents(context: EventRuleContext): void {
  const change = transition(context, WATCHED.position);
  if (change === undefined) return;
  const before = readingPosition(change.before);
  const now = readingPosition(change.reading);
  if (before === undefined || now === undefined) return;
  for (const geofence of context.settings.geofences) {
    const wasInside = distanceMeters(before, geofence.center) <= geofence.radiusMeters;
    const isInside = distanceMeters(now, geofence.center) <= geofence.radiusMeters;
    if (wasInside === isInside) continue;
    context.emit(isInside ? 'arrived' : 'left', change.reading.at, WATCHED.position, {
      geofence: geofence.name,
    });
  }
}
