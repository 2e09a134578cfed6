import type { z } from 'zod';
import { describeRoute, documents, type OpenAPIRegistry } from '../../../http/openapi/describe.js';
import type { orgView, toMessageView } from './voicemail-routes.js';
import {
  audioQuery, emailQueuedView, forwardBody, forwardedView, greetingAudio, greetingParams, idParams, listQuery, mailboxSettingsView, mediaParams,
  messagePatch, messagesView, messageView, notifyView, orgSettingsBody, orgSettingsView, ownStorageView, sendEmailBody, settingsBody, storageView,
  unlockedView, userIdParams, wavResponse,
} from './voicemail-schemas.js';

documents<z.infer<typeof messageView>, ReturnType<typeof toMessageView>>();
documents<z.infer<typeof orgSettingsView>, ReturnType<typeof orgView>>();

const ownMessage = { params: idParams, problems: { 404: 'No such message in your mailbox (another user\'s messages do not exist for you)' } };
const adminMailbox = { params: userIdParams, problems: { 403: 'Administrators only', 404: 'No such user in your organisation' } };

/** The voicemail routes (voicemail-routes.ts) in /api/openapi.json. */
export function describeVoicemailApi(registry: OpenAPIRegistry): void {
  const tag = 'voicemail';
  describeRoute(registry, { tag, method: 'get', path: '/voicemail/messages', query: listQuery, responses: { 200: messagesView }, summary: 'Your messages, sorted and filtered by any column (`<column>` exact, `q_<column>` contains)' });
  describeRoute(registry, { ...ownMessage, tag, method: 'get', path: '/voicemail/messages/{id}', summary: 'One message', responses: { 200: messageView } });
  describeRoute(registry, { ...ownMessage, tag, method: 'patch', path: '/voicemail/messages/{id}', summary: 'Mark read or unread, new or saved', body: messagePatch, responses: { 200: messageView } });
  describeRoute(registry, { ...ownMessage, tag, method: 'delete', path: '/voicemail/messages/{id}', summary: 'Delete the message and its audio', responses: { 204: 'Deleted' } });
  describeRoute(registry, {
    ...ownMessage, tag, method: 'get', path: '/voicemail/messages/{id}/audio', query: audioQuery, summary: 'The audio (WAV, 8 kHz); HTTP Range supported',
    responses: { 200: wavResponse, 206: { description: 'Partial content (a Range request)' } },
  });
  describeRoute(registry, {
    ...ownMessage, tag, method: 'post', path: '/voicemail/messages/{id}/email', summary: 'Send the message to an e-mail address (queued, retried until delivered); per user and hour 5 outside the organisation, 30 inside',
    body: sendEmailBody, responses: { 202: { schema: emailQueuedView, description: 'Queued' } }, problems: { ...ownMessage.problems, 429: 'Too many e-mails this hour' },
  });
  describeRoute(registry, {
    tag, method: 'post', path: '/voicemail/messages/{id}/forward', params: idParams, summary: 'Copy the message into other users\' mailboxes (if the organisation allows it); 10 users a request, 50 copies an hour',
    body: forwardBody, responses: { 201: { schema: forwardedView, description: 'Forwarded' } },
    problems: { 403: 'Forwarding to other users is turned off for this organisation', 404: 'No such message in your mailbox', 429: 'Too many copies this hour' },
  });
  describeRoute(registry, { tag, method: 'get', path: '/voicemail/settings', summary: 'Your notification setting, lock state, out of office and which greetings are recorded', responses: { 200: mailboxSettingsView } });
  describeRoute(registry, { tag, method: 'put', path: '/voicemail/settings', summary: 'Set your notification: none, e-mail, or e-mail with the audio attached', body: settingsBody, responses: { 200: notifyView } });
  describeRoute(registry, { tag, method: 'get', path: '/voicemail/storage', summary: 'Messages, bytes and seconds stored in your mailbox, and the retention period', responses: { 200: ownStorageView } });
  describeRoute(registry, {
    tag, method: 'put', path: '/voicemail/greetings/{kind}', params: greetingParams, summary: 'Upload a greeting (any WAV; stored as 8 kHz mono for the phone)',
    body: { contentType: 'audio/wav', schema: greetingAudio }, responses: { 204: 'Stored' },
  });
  describeRoute(registry, { tag, method: 'delete', path: '/voicemail/greetings/{kind}', params: greetingParams, summary: 'Remove a greeting (the system greeting is used again)', responses: { 204: 'Removed' } });
  describeRoute(registry, { tag, method: 'get', path: '/voicemail/organisation-settings', summary: 'Administrators: the organisation\'s voicemail settings', responses: { 200: orgSettingsView }, problems: { 403: 'Administrators only' } });
  describeRoute(registry, { tag, method: 'put', path: '/voicemail/organisation-settings', summary: 'Administrators: change them', body: orgSettingsBody, responses: { 200: orgSettingsView }, problems: { 403: 'Administrators only' } });
  describeRoute(registry, { ...adminMailbox, tag, method: 'post', path: '/voicemail/mailboxes/{userId}/unlock', summary: 'Administrators: unlock a mailbox locked by wrong PINs', responses: { 200: unlockedView } });
  describeRoute(registry, { ...adminMailbox, tag, method: 'get', path: '/voicemail/mailboxes/{userId}/storage', summary: 'Administrators: storage used by a user\'s mailbox', responses: { 200: storageView } });
  // Asterisk fetches what it plays from here (res_http_media_cache): no session; a signed name that expires instead.
  const media = { tag: 'media', public: true, params: mediaParams, responses: { 200: wavResponse }, problems: { 404: 'No such file' } };
  describeRoute(registry, { ...media, method: 'get', path: '/voicemail/media/messages/{expires}/{signature}/{file}', summary: 'For Asterisk: a message\'s audio, by a signed name that expires' });
  describeRoute(registry, { ...media, method: 'get', path: '/voicemail/media/greetings/{expires}/{signature}/{file}', summary: 'For Asterisk: a recorded greeting, by a signed name that expires' });
}
