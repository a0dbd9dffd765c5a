// Reads calendars the way Thunderbird does, with ical.js, for the tests (tests/icaljs.py drives it).
//
// Each line on stdin is a JSON array of calendars, each an iCalendar text or {ics, instants}; the
// answer is one JSON line on stdout with, for each calendar, its METHOD and its events grouped by
// UID: every occurrence ical.js expands (exceptions related to their master event), as UTC
// instants; with instants (ISO texts), also the UTC offset in seconds each VTIMEZONE gives them,
// as a client shows a time in the event's zone. A calendar that ical.js cannot read answers
// {"error": "..."}.
import { createInterface } from "node:readline";
import ICAL from "ical.js";

// Our events end; this only stops an endless rule from hanging the tests.
const MAX_OCCURRENCES = 1000;

const utc = (time) => (time ? new Date(time.toUnixTime() * 1000).toISOString() : null);

function occurrence(details) {
  return {
    start: utc(details.startDate),
    end: utc(details.endDate),
    recurrenceId: utc(details.recurrenceId),
    summary: details.item.summary,
    status: details.item.component.getFirstPropertyValue("status"),
    sequence: details.item.sequence,
  };
}

function expand(event) {
  if (!event.isRecurring()) {
    return [occurrence({ startDate: event.startDate, endDate: event.endDate, recurrenceId: event.recurrenceId, item: event })];
  }
  const occurrences = [];
  const iterator = event.iterator();
  for (let next = iterator.next(); next && occurrences.length < MAX_OCCURRENCES; next = iterator.next()) {
    occurrences.push(occurrence(event.getOccurrenceDetails(next)));
  }
  return occurrences;
}

function offsets(calendar, instants) {
  const result = {};
  for (const vtimezone of calendar.getAllSubcomponents("vtimezone")) {
    const zone = new ICAL.Timezone(vtimezone);
    result[zone.tzid] = instants.map((text) => ICAL.Time.fromJSDate(new Date(text), true).convertToZone(zone).utcOffset());
  }
  return result;
}

function read({ ics, instants = [] }) {
  const calendar = new ICAL.Component(ICAL.parse(ics));
  const byUid = new Map();
  for (const component of calendar.getAllSubcomponents("vevent")) {
    const event = new ICAL.Event(component);
    const group = byUid.get(event.uid) || { masters: [], exceptions: [] };
    (event.isRecurrenceException() ? group.exceptions : group.masters).push(event);
    byUid.set(event.uid, group);
  }
  const events = [];
  for (const [uid, { masters, exceptions }] of byUid) {
    for (const master of masters) {
      exceptions.forEach((exception) => master.relateException(exception));
    }
    const shown = masters.length ? masters : exceptions;
    for (const event of shown) {
      events.push({
        uid,
        sequence: event.sequence,
        status: event.component.getFirstPropertyValue("status"),
        orphan: !masters.length,
        occurrences: expand(event),
      });
    }
  }
  return { method: calendar.getFirstPropertyValue("method"), events, offsets: offsets(calendar, instants) };
}

for await (const line of createInterface({ input: process.stdin })) {
  const answers = JSON.parse(line).map((calendar) => {
    try {
      return read(typeof calendar === "string" ? { ics: calendar } : calendar);
    } catch (error) {
      return { error: String(error) };
    }
  });
  process.stdout.write(JSON.stringify(answers) + "\n");
}
