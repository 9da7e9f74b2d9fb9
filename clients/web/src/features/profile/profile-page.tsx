import { useQuery } from 'urql';
import { graphql } from '../../generated/gql.ts';
import { ErrorAlert } from '../../ui/error-alert.tsx';
import { ProfileForm } from './profile-form.tsx';
import { TelegramLink } from './telegram-link.tsx';
import './profile.css';

const ProfilePageQuery = graphql(`
  query ProfilePage {
    me {
      user { id handle displayName locale timezone }
      telegramLinked
      telegramNotifications
    }
  }
`);

/** The profile: how you are named and where you are, and linking Telegram. */
export function ProfilePage() {
  const [{ data, error, fetching }, refetch] = useQuery({ query: ProfilePageQuery });
  const me = data?.me;
  return (
    <div className="profile">
      <section className="card stack" aria-labelledby="profile-heading">
        <h2 id="profile-heading">Profile</h2>
        <ErrorAlert error={error} />
        {me && (
          <>
            <p className="muted">@{me.user.handle}</p>
            <ProfileForm
              saved={{ ...me.user, telegramLinked: me.telegramLinked, telegramNotifications: me.telegramNotifications }}
            />
          </>
        )}
      </section>
      <section className="card stack" aria-labelledby="profile-telegram">
        <h2 id="profile-telegram">Telegram</h2>
        {me && (
          <TelegramLink linked={me.telegramLinked} checking={fetching} onCheckAgain={() => refetch({ requestPolicy: 'network-only' })} />
        )}
      </section>
    </div>
  );
}
