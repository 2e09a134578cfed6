import { api, del, get, type Schemas } from '../api';
import { GreetingList } from '../greeting-list';
import { ErrorMessage, useLoad } from '../ui';
import { useSession } from '../App';
import { useLiveChanges } from '../live';

const KINDS = [
  { kind: 'unavailable', title: 'Unavailable' }, { kind: 'busy', title: 'Busy' }, { kind: 'out_of_office', title: 'Out of office' },
  { kind: 'after_hours', title: 'After hours' }, { kind: 'name', title: 'Recorded name' },
] as const;

/** Greetings: upload a WAV file or record one in the browser; a missing greeting makes the system say your name or extension. */
export function Greetings() {
  const { data, error, reload } = useLoad((signal) => get<Schemas['MailboxSettings']>('/voicemail/settings', signal), []);
  // A greeting recorded by phone (*97, option 3) shows as recorded without a reload.
  useLiveChanges(['voicemail.settings'], useSession().me.user.id, reload);
  return (
    <section className="card" aria-labelledby="greet-title">
      <h2 id="greet-title">Greetings</h2>
      <ErrorMessage error={error} />
      <GreetingList kinds={KINDS} stored={data?.greetings} missing="Default"
        save={async (kind, audio) => { await api('PUT', `/voicemail/greetings/${kind}`, audio); reload(); }}
        remove={async (kind) => { await del(`/voicemail/greetings/${kind}`); reload(); }} />
    </section>
  );
}
