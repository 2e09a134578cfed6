import { MESSAGE_COLUMNS } from '../settings/message-repository.js';
import { GREETING_KINDS, NOTIFY_MODES } from '../settings/voicemail-schema.js';

/**
 * The voicemail routes in the OpenAPI description (merged by
 * src/http/openapi/feature-paths.ts). Mirrors voicemail-schemas.ts.
 */
type Json = Record<string, unknown>;

const problem = (description: string): Json => ({ description, content: { 'application/problem+json': { schema: { $ref: '#/components/schemas/Problem' } } } });
const errors: Json = {
  400: problem('Invalid input; `fields` names each bad field'),
  401: problem('Not signed in'),
  403: problem('Not allowed (administrators only, or forwarding turned off)'),
  404: problem('No such message in your mailbox (another user\'s messages do not exist for you)'),
};
const json = (schema: Json, description = 'OK'): Json => ({ description, content: { 'application/json': { schema } } });
const body = (schema: Json): Json => ({ required: true, content: { 'application/json': { schema } } });
const op = (summary: string, responses: Json, extra: Json = {}): Json => ({ tags: ['voicemail'], summary, ...extra, responses: { ...responses, ...errors } });
const idParam = (name: string, description: string): Json => ({ name, in: 'path', required: true, description, schema: { type: 'integer' } });
const str = { type: 'string' };
const nullableStr = { type: ['string', 'null'] };

const message: Json = {
  type: 'object', properties: {
    id: { type: 'integer' }, callerName: nullableStr, callerNumber: nullableStr, reason: str, receivedAt: { type: 'string', format: 'date-time' },
    durationSeconds: { type: 'number' }, sizeBytes: { type: 'integer' }, status: { enum: ['new', 'saved'] }, readAt: nullableStr,
    transcription: { ...nullableStr, description: 'offline, automatic (PocketSphinx)' }, transcriptionStatus: { enum: ['pending', 'done', 'failed'] },
    forwardedByUserId: { type: ['integer', 'null'] }, audioUrl: str,
  },
};
const orgSettings: Json = { type: 'object', properties: {
  maxPinAttempts: { type: 'integer', minimum: 1, maximum: 20 }, allowForwardToUsers: { type: 'boolean' },
  retentionDays: { type: 'integer', minimum: 0, maximum: 3650, description: '0 keeps messages forever' },
  maxMessageSeconds: { type: 'integer', minimum: 10, maximum: 3600 }, maxSilenceSeconds: { type: 'integer', minimum: 1, maximum: 60 } } };
const listParams = [
  { name: 'sort', in: 'query', schema: { enum: [...MESSAGE_COLUMNS], default: 'received_at' } },
  { name: 'order', in: 'query', schema: { enum: ['asc', 'desc'], default: 'desc' } },
  { name: 'received_from', in: 'query', schema: { type: 'string', format: 'date-time' } },
  { name: 'received_to', in: 'query', schema: { type: 'string', format: 'date-time' } },
  { name: 'limit', in: 'query', schema: { type: 'integer', minimum: 1, maximum: 500, default: 100 } },
  { name: 'offset', in: 'query', schema: { type: 'integer', minimum: 0, default: 0 } },
  ...MESSAGE_COLUMNS.map((c) => ({ name: c, in: 'query', description: `exact match on ${c}`, schema: str })),
  ...MESSAGE_COLUMNS.map((c) => ({ name: `q_${c}`, in: 'query', description: `${c} contains`, schema: str })),
];
const msg = [idParam('id', 'a message of your mailbox')];

export const voicemailPaths: Json = {
  '/voicemail/messages': { get: op('Your messages, sorted and filtered by any column', { 200: json({ type: 'object', properties: { messages: { type: 'array', items: message } } }) }, { parameters: listParams }) },
  '/voicemail/messages/{id}': {
    parameters: msg,
    get: op('One message', { 200: json(message) }),
    patch: op('Mark read or unread, new or saved', { 200: json(message) }, { requestBody: body({ type: 'object', properties: { read: { type: 'boolean' }, status: { enum: ['new', 'saved'] } } }) }),
    delete: op('Delete the message and its audio', { 204: { description: 'Deleted' } }),
  },
  '/voicemail/messages/{id}/audio': { parameters: msg, get: op('The audio (WAV, 8 kHz); HTTP Range supported; `?download=1` for an attachment', {
    200: { description: 'WAV', content: { 'audio/wav': {} } }, 206: { description: 'Partial content' } }) },
  '/voicemail/messages/{id}/email': { parameters: msg, post: op('Send the message to an e-mail address (queued, retried until delivered); per user and hour 5 outside the organisation, 30 inside', { 202: json({ type: 'object' }, 'Queued'), 429: problem('Too many e-mails this hour') },
    { requestBody: body({ type: 'object', required: ['to'], properties: { to: { type: 'string', format: 'email' }, attachAudio: { type: 'boolean', default: true } } }) }) },
  '/voicemail/messages/{id}/forward': { parameters: msg, post: op('Copy the message into other users\' mailboxes (if the organisation allows it); 10 users a request, 50 copies an hour', { 201: json({ type: 'object' }, 'Forwarded'), 429: problem('Too many copies this hour') },
    { requestBody: body({ type: 'object', description: 'userIds or extensions', properties: { userIds: { type: 'array', items: { type: 'integer' }, minItems: 1, maxItems: 10 }, extensions: { type: 'array', items: { type: 'string', pattern: '^\\d{1,8}$' }, minItems: 1, maxItems: 10 } } }) }) },
  '/voicemail/settings': {
    get: op('Your notification setting, lock state, out of office and which greetings are recorded', { 200: json({ type: 'object' }) }),
    put: op('Set your notification: none, e-mail, or e-mail with the audio attached', { 200: json({ type: 'object' }) }, { requestBody: body({ type: 'object', required: ['notify'], properties: { notify: { enum: [...NOTIFY_MODES] } } }) }),
  },
  '/voicemail/storage': { get: op('Messages, bytes and seconds stored in your mailbox, and the retention period', { 200: json({ type: 'object', properties: { messages: { type: 'integer' }, bytes: { type: 'integer' }, seconds: { type: 'number' }, retentionDays: { type: 'integer' } } }) }) },
  '/voicemail/greetings/{kind}': {
    parameters: [{ name: 'kind', in: 'path', required: true, schema: { enum: [...GREETING_KINDS] } }],
    put: op('Upload a greeting (any WAV; stored as 8 kHz mono for the phone)', { 204: { description: 'Stored' } }, { requestBody: { required: true, content: { 'audio/wav': { schema: { type: 'string', format: 'binary' } } } } }),
    delete: op('Remove a greeting (the system greeting is used again)', { 204: { description: 'Removed' } }),
  },
  '/voicemail/organisation-settings': {
    get: op('Administrators: the organisation\'s voicemail settings', { 200: json(orgSettings) }),
    put: op('Administrators: change them', { 200: json(orgSettings) }, { requestBody: body(orgSettings) }),
  },
  '/voicemail/mailboxes/{userId}/unlock': { parameters: [idParam('userId', 'a user of your organisation')], post: op('Administrators: unlock a mailbox locked by wrong PINs', { 200: json({ type: 'object' }) }) },
  '/voicemail/mailboxes/{userId}/storage': { parameters: [idParam('userId', 'a user of your organisation')], get: op('Administrators: storage used by a user\'s mailbox', { 200: json({ type: 'object' }) }) },
};
