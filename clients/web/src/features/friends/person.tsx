import type { ReactNode } from 'react';
import { graphql } from '../../generated/gql.ts';
import type { FriendsPersonFragment } from '../../generated/graphql.ts';
import type { PersonAction, PersonActions } from './person-actions.ts';

/** What every list on the Friends screen shows of a person, and their relation to the viewer. */
export const FriendsPerson = graphql(`
  fragment FriendsPerson on User {
    id
    handle
    displayName
    friendCount
    friendship
  }
`);

export type Person = FriendsPersonFragment;

function friendsLabel(count: number): string {
  return count === 1 ? '1 friend' : `${count} friends`;
}

/**
 * One person in a list: who they are on the left, what the viewer can do on the right, and
 * the outcome of the last thing tried (an error) right under it.
 */
export function PersonRow({ person, details, actions, error }: { person: Person; details?: ReactNode; actions: ReactNode; error?: string | null }) {
  return (
    <div className="person">
      <span className="avatar" aria-hidden="true">
        {initialOf(person.displayName)}
      </span>
      <div className="who">
        <strong>{person.displayName}</strong> <span className="muted">@{person.handle}</span>
        <div className="muted small">{details ?? friendsLabel(person.friendCount)}</div>
      </div>
      <div className="row actions">{actions}</div>
      {error && (
        <p className="error wide" role="alert">
          {error}
        </p>
      )}
    </div>
  );
}

function initialOf(name: string): string {
  return (name.trim()[0] ?? '?').toUpperCase();
}

/** A button for one friendship action; all of a person's buttons wait while any of them runs. */
export function ActionButton({ actions, action, label, variant }: { actions: PersonActions; action: PersonAction; label: string; variant?: 'secondary' | 'danger' }) {
  return (
    <button type="button" className={variant} disabled={actions.busy} onClick={() => void actions.run(action)}>
      {label}
    </button>
  );
}
