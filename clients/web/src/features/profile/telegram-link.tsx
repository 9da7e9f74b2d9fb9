import { useMutation } from 'urql';
import { graphql } from '../../generated/gql.ts';
import { ErrorAlert } from '../../ui/error-alert.tsx';

const ProfileTelegramLinkCode = graphql(`
  mutation ProfileTelegramLinkCode {
    createTelegramLinkCode
  }
`);

// The API does not name its bot, so the build does (VITE_TELEGRAM_BOT, e.g. in clients/web/.env);
// without it the link points at the bot's usual name.
const botUsername: string = import.meta.env.VITE_TELEGRAM_BOT || 'ChorusBot';

/**
 * Linking Telegram: a one-time code and the deep link that hands it to the bot (`/start CODE`),
 * which then links the chat to this account. Once linked, says so.
 */
export function TelegramLink({ linked, onCheckAgain, checking }: { linked: boolean; onCheckAgain(): void; checking: boolean }) {
  const [{ data, fetching, error }, createCode] = useMutation(ProfileTelegramLinkCode);
  const code = data?.createTelegramLinkCode;
  const link = code ? `https://t.me/${botUsername}?start=${encodeURIComponent(code)}` : null;

  if (linked) {
    return (
      <p role="status">
        <strong>Telegram linked.</strong> <span className="muted">Check-ins and news also reach you there.</span>
      </p>
    );
  }
  return (
    <div className="stack">
      <p className="muted">Get check-ins, messages and friend news in Telegram, and answer them there.</p>
      <div className="row">
        <button type="button" onClick={() => void createCode({})} disabled={fetching}>
          {code ? 'Get a new code' : 'Link Telegram'}
        </button>
      </div>
      <ErrorAlert error={error} />
      {code && link && (
        <div className="stack profile-link-code">
          <p>
            Your code: <code className="profile-code">{code}</code> <span className="muted">(works once, for 10 minutes)</span>
          </p>
          <p>
            Open <a href={link} target="_blank" rel="noreferrer">{link}</a> and press Start, or send <code>/start {code}</code> to @{botUsername}.
          </p>
          <div className="row">
            <button type="button" className="secondary" onClick={onCheckAgain} disabled={checking}>
              I have linked it
            </button>
          </div>
        </div>
      )}
    </div>
  );
}
