import type { z } from 'zod';
import { describeRoute, deviceCheckProblem, documents, type OpenAPIRegistry } from '../../../http/openapi/describe.js';
import { z as zod } from '../../../http/openapi/zod.js';
import type { OutOfOffice } from '../policy/availability.js';
import type { WeeklyHours } from '../policy/greeting.js';
import type { AttendantSettings, HolidayView } from '../settings/attendant-settings.js';
import type { DirectoryEntry } from '../settings/directory.js';
import { nameMediaParams } from './name-media-routes.js';
import { companyGreetingMediaParams, companyGreetingParams, companyGreetingsView } from './company-greeting-routes.js';
import {
  agentLoginBody, agentLoginView, attendantSettingsView, bulkUpdateBody, bulkUpdateView, businessHoursBody, businessHoursView, csvImportView, directoryEntryView, directoryQuery,
  directoryView, holidayBody, holidaysView, holidayView, idParam, outOfOfficeBody, outOfOfficeSetting, outOfOfficeView, settingsBody, usersCsvBody,
  weeklyHoursView,
} from './attendant-schemas.js';

documents<z.infer<typeof directoryEntryView>, DirectoryEntry>();
documents<z.infer<typeof attendantSettingsView>, AttendantSettings & { companyExtension: string; companyDid: string | null; operatorDestination: string | null; timezone: string }>();
documents<z.infer<typeof weeklyHoursView>, WeeklyHours>();
documents<z.infer<typeof holidayView>, HolidayView>();
documents<z.infer<typeof outOfOfficeSetting>, OutOfOffice>();

const adminsOnly = { 403: 'Administrators only' };
const ownOrAdmin = { 403: 'Only the user or an administrator', 404: 'No such user in your organisation' };

/** The attendant's routes (attendant-routes.ts) in /api/openapi.json. */
export function describeAttendantApi(registry: OpenAPIRegistry): void {
  const tag = 'attendant';
  describeRoute(registry, {
    tag, method: 'get', path: '/attendant/directory', query: directoryQuery, responses: { 200: directoryView },
    summary: 'Search the directory (listed users, aliases): by name prefix (q), keypad digits of the first or last name (keys), or an extension or DID (number)',
  });
  describeRoute(registry, { tag, method: 'get', path: '/attendant/settings', summary: 'The company number and attendant settings (administrators)', responses: { 200: attendantSettingsView }, problems: adminsOnly });
  describeRoute(registry, { tag, method: 'patch', path: '/attendant/settings', summary: 'Change them (any subset)', body: settingsBody, responses: { 200: attendantSettingsView }, problems: { ...adminsOnly, ...deviceCheckProblem, 409: 'Company extension or DID taken by another organisation' } });
  describeRoute(registry, { tag, method: 'get', path: '/attendant/business-hours', summary: 'Weekly business hours (none: always open)', responses: { 200: businessHoursView } });
  describeRoute(registry, { tag, method: 'put', path: '/attendant/business-hours', summary: 'Replace the weekly business hours (administrators)', body: businessHoursBody, responses: { 200: businessHoursView }, problems: adminsOnly });
  describeRoute(registry, { tag, method: 'get', path: '/attendant/holidays', summary: 'Holidays (the holiday greeting plays on those days)', responses: { 200: holidaysView } });
  describeRoute(registry, { tag, method: 'post', path: '/attendant/holidays', summary: 'Add a holiday (administrators); endsOn defaults to startsOn', body: holidayBody, responses: { 201: { schema: holidayView, description: 'Created' } }, problems: adminsOnly });
  describeRoute(registry, { tag, method: 'delete', path: '/attendant/holidays/{id}', summary: 'Remove a holiday (administrators)', params: idParam, responses: { 204: 'Removed' }, problems: { ...adminsOnly, 404: 'No such holiday' } });
  const outOfOffice = { tag, params: idParam, problems: ownOrAdmin };
  describeRoute(registry, { ...outOfOffice, method: 'get', path: '/attendant/users/{id}/out-of-office', summary: 'A user’s out of office (the user or an administrator)', responses: { 200: outOfOfficeView } });
  describeRoute(registry, {
    ...outOfOffice, method: 'put', path: '/attendant/users/{id}/out-of-office', body: outOfOfficeBody, responses: { 200: outOfOfficeView },
    summary: 'Set it: open-ended or a range (null or left out: from now, until cleared), optional backup other than the default',
  });
  describeRoute(registry, { ...outOfOffice, method: 'delete', path: '/attendant/users/{id}/out-of-office', summary: 'Clear it', responses: { 204: 'Cleared' } });
  describeRoute(registry, { tag, method: 'post', path: '/attendant/users/bulk', summary: 'Change many users at once, all or nothing (administrators)', body: bulkUpdateBody, responses: { 200: bulkUpdateView }, problems: adminsOnly });
  describeRoute(registry, {
    tag, method: 'get', path: '/attendant/users.csv', summary: 'Export the organisation’s users as CSV (administrators)', problems: adminsOnly,
    responses: { 200: { description: 'CSV, one user a row', content: { 'text/csv': { schema: zod.string() } } } },
  });
  describeRoute(registry, {
    tag, method: 'post', path: '/attendant/users.csv', summary: 'Import users from CSV: created or updated by extension (administrators); a 400 names rows.N.field',
    body: { contentType: 'text/csv', schema: usersCsvBody }, responses: { 200: csvImportView }, problems: adminsOnly,
  });
  describeRoute(registry, {
    tag, method: 'put', path: '/attendant/users/{id}/agent-login', params: idParam, body: agentLoginBody, responses: { 200: agentLoginView },
    summary: 'Log an agent in or out (the same as *50 / *51 on their phone): the user themselves or an administrator; agents and floating agents only',
    problems: { ...ownOrAdmin, 400: 'Not an agent' },
  });
  describeRoute(registry, { tag, method: 'get', path: '/attendant/greetings', summary: 'Which company greetings were uploaded or recorded (administrators)', responses: { 200: companyGreetingsView }, problems: adminsOnly });
  describeRoute(registry, {
    tag, method: 'put', path: '/attendant/greetings/{kind}', params: companyGreetingParams, summary: 'Upload or record a company greeting as a WAV body (administrators): the next caller at the company number in that part of the schedule hears it',
    body: { contentType: 'audio/wav', schema: zod.string().describe('binary') }, responses: { 204: 'Saved' }, problems: { ...adminsOnly, 400: 'Not a WAV file of at least half a second' },
  });
  describeRoute(registry, { tag, method: 'delete', path: '/attendant/greetings/{kind}', params: companyGreetingParams, summary: 'Remove it: the prompt named in the settings plays again (administrators)', responses: { 204: 'Removed' }, problems: adminsOnly });
  describeRoute(registry, {
    tag: 'media', method: 'get', path: '/attendant/media/greetings/{expires}/{signature}/{file}', public: true, params: companyGreetingMediaParams,
    summary: 'For Asterisk: an uploaded company greeting, by a signed name that expires',
    responses: { 200: { description: 'WAV', content: { 'audio/wav': { schema: zod.string().describe('binary') } } } }, problems: { 404: 'No such file' },
  });
  describeRoute(registry, {
    tag: 'media', method: 'get', path: '/attendant/media/names/{expires}/{signature}/{file}', public: true, params: nameMediaParams,
    summary: 'For Asterisk: a synthesised name the attendant says, by a signed name that expires',
    responses: { 200: { description: 'WAV', content: { 'audio/wav': { schema: zod.string().describe('binary') } } } }, problems: { 404: 'No such file' },
  });
}
