import { expect } from 'chai';
import { isAcceptablePin, parseMailboxAccess } from '../../../src/features/voicemail/policy/access-code.js';
import { envelopeMedia, spokenDateTime } from '../../../src/features/voicemail/policy/envelope.js';
import { greetingFor } from '../../../src/features/voicemail/policy/greeting.js';
import { messageRecordingName, parseMessageRecordingName, wavDurationSeconds } from '../../../src/features/voicemail/policy/recording-name.js';
import { composeNotification } from '../../../src/features/voicemail/notify/mailer.js';
import { wordErrorRate } from '../../../src/features/voicemail/transcribe/pocketsphinx.js';
import type { VoicemailMessage } from '../../../src/features/voicemail/settings/voicemail-schema.js';

describe('voicemail greeting choice', () => {
  const base = { extension: '1007', recorded: {}, closed: false };
  it('no personal greeting: "the person at extension 1 0 0 7 is unavailable", then the instructions', () => {
    expect(greetingFor({ ...base, reason: 'noanswer', outOfOffice: false }).media)
      .to.deep.equal(['sound:vm-theperson', 'digits:1007', 'sound:vm-isunavail', 'sound:vm-intro']);
  });
  it('busy says "is on the phone"', () => {
    const g = greetingFor({ ...base, reason: 'busy', outOfOffice: false });
    expect(g.kind).to.equal('busy');
    expect(g.media).to.include('sound:vm-isonphone');
  });
  it('the recorded name replaces the extension in the system greeting', () => {
    const g = greetingFor({ ...base, reason: 'noanswer', outOfOffice: false, recorded: { name: 'sound:http://x/name.wav' } });
    expect(g.media.slice(0, 2)).to.deep.equal(['sound:http://x/name.wav', 'sound:vm-isunavail']);
  });
  it('a personal greeting is played alone', () => {
    const g = greetingFor({ ...base, reason: 'busy', outOfOffice: false, recorded: { busy: 'sound:b', unavailable: 'sound:u' } });
    expect(g).to.deep.equal({ kind: 'busy', media: ['sound:b'], personal: true });
  });
  it('out of office wins over busy; after hours has its own greeting', () => {
    expect(greetingFor({ ...base, reason: 'busy', outOfOffice: true, recorded: { out_of_office: 'sound:o' } }).media).to.deep.equal(['sound:o']);
    expect(greetingFor({ ...base, reason: 'out-of-office', outOfOffice: false }).kind).to.equal('out_of_office');
    expect(greetingFor({ ...base, reason: 'after-hours', outOfOffice: false, recorded: { after_hours: 'sound:a' } }).media).to.deep.equal(['sound:a']);
    expect(greetingFor({ ...base, reason: 'direct', outOfOffice: false }).kind).to.equal('unavailable');
  });
  it('while the organisation is closed, the after-hours greeting wins over busy and no answer, not over out of office', () => {
    const closed = { ...base, closed: true, recorded: { after_hours: 'sound:a', busy: 'sound:b', out_of_office: 'sound:o' } };
    expect(greetingFor({ ...closed, reason: 'busy', outOfOffice: false }).media).to.deep.equal(['sound:a']);
    expect(greetingFor({ ...closed, reason: 'noanswer', outOfOffice: false }).kind).to.equal('after_hours');
    expect(greetingFor({ ...closed, reason: 'direct', outOfOffice: false }).kind).to.equal('after_hours');
    expect(greetingFor({ ...closed, reason: 'busy', outOfOffice: true }).media).to.deep.equal(['sound:o']);
  });
});

describe('*97 / *98 dial strings', () => {
  it('reads the code and an optional mailbox, with # or * separators', () => {
    expect(parseMailboxAccess('*97')).to.deep.equal({ code: '*97' });
    expect(parseMailboxAccess('*98')).to.deep.equal({ code: '*98' });
    expect(parseMailboxAccess('*981005')).to.deep.equal({ code: '*98', mailbox: '1005' });
    expect(parseMailboxAccess('*98 1005')).to.deep.equal({ code: '*98', mailbox: '1005' });
    expect(parseMailboxAccess('*98#1005')).to.deep.equal({ code: '*98', mailbox: '1005' });
    expect(parseMailboxAccess('*98*1005#')).to.deep.equal({ code: '*98', mailbox: '1005' });
  });
  it('refuses what is not a mailbox access', () => {
    for (const s of ['*96', '1005', '*971005', '*98#10a5', '*98#1005#1234', '#97']) expect(parseMailboxAccess(s), s).to.equal(undefined);
  });
  it('new PINs: 4 to 10 digits, not one digit repeated', () => {
    expect(isAcceptablePin('4821')).to.equal(true);
    expect(isAcceptablePin('123')).to.equal(false);
    expect(isAcceptablePin('1111')).to.equal(false);
    expect(isAcceptablePin('12345678901')).to.equal(false);
  });
});

describe('message envelope', () => {
  it('says who and when, in the mailbox time zone', () => {
    const media = envelopeMedia({ callerNumber: '1005', receivedAt: '2026-11-23T14:05:00Z' }, 'UTC');
    expect(media).to.deep.equal(['sound:vm-from', 'digits:1005', 'sound:vm-received', 'sound:digits/day-1', 'sound:digits/mon-10', 'number:23', 'number:2', 'sound:digits/oh', 'number:5', 'sound:digits/p-m']);
    expect(envelopeMedia({ callerNumber: null, receivedAt: '2026-11-23T14:05:00Z' }, 'UTC').slice(0, 2)).to.deep.equal(['sound:vm-from', 'sound:vm-unknown-caller']);
  });
  it('midnight and noon are twelve; a full hour is o\'clock', () => {
    expect(spokenDateTime(new Date('2026-11-23T00:00:00Z'), 'UTC').slice(3)).to.deep.equal(['number:12', 'sound:digits/oclock', 'sound:digits/a-m']);
    expect(spokenDateTime(new Date('2026-11-23T12:30:00Z'), 'UTC').slice(3)).to.deep.equal(['number:12', 'number:30', 'sound:digits/p-m']);
    expect(spokenDateTime(new Date('2026-11-23T12:30:00Z'), 'America/New_York').slice(3)).to.deep.equal(['number:7', 'number:30', 'sound:digits/a-m']);
  });
});

describe('recording names survive a crash', () => {
  it('carry the mailbox and the start time', () => {
    const at = new Date('2026-11-23T10:00:00Z');
    const name = messageRecordingName(7, at, 'ab12cd34');
    expect(parseMessageRecordingName(name)).to.deep.equal({ mailboxUserId: 7, startedAt: at });
    expect(parseMessageRecordingName('vm-greet-7-ab12')).to.equal(undefined);
  });
  it('a WAV header gives the duration', () => {
    const header = Buffer.alloc(44);
    header.write('RIFF', 0); header.write('WAVE', 8); header.write('fmt ', 12); header.writeUInt32LE(16, 16);
    header.writeUInt32LE(16000, 28); header.write('data', 36); header.writeUInt32LE(48000, 40);
    expect(wavDurationSeconds(Buffer.concat([header, Buffer.alloc(48000)]))).to.equal(3);
    expect(wavDurationSeconds(Buffer.from('nonsense'))).to.equal(0);
  });
});

describe('notification e-mail and word error rate', () => {
  const message = {
    id: 1, caller_name: 'Mary Jones', caller_number: '1005', received_at: '2026-11-23T14:05:00Z', duration_seconds: 75.4,
    transcription: 'please call me back', transcription_status: 'done',
  } as VoicemailMessage;
  it('says who, when, how long and what was said', () => {
    const mail = composeNotification({ message, mailboxName: 'Bob Smith', mailboxExtension: '1007', audioPath: '', attachAudio: true, timeZone: 'UTC' });
    expect(mail.subject).to.equal('New voicemail from Mary Jones <1005> (1 min 15 s)');
    expect(mail.text).to.contain('From: Mary Jones <1005>').and.contain('Monday, 23 November 2026 at 14:05').and.contain('please call me back').and.contain('attached');
  });
  it('WER counts substitutions, insertions and deletions over the reference', () => {
    expect(wordErrorRate('call me back', 'call me back')).to.equal(0);
    expect(wordErrorRate('call me back today', 'call back today please')).to.equal(0.5);
    expect(wordErrorRate('Hello, Bob!', 'hello bob')).to.equal(0);
  });
});
