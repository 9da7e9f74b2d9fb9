import { useId, useState, type FormEvent } from 'react';
import { useNavigate } from 'react-router';
import { useMutation, useQuery } from 'urql';
import { describeError } from '../../api/errors.ts';
import { graphql } from '../../generated/gql.ts';
import type { MemberRole } from '../../generated/graphql.ts';
import { ErrorAlert } from '../../ui/error-alert.tsx';
import { MyFriends } from './friends-query.ts';
import type { ThreadMember } from './thread-state.ts';

const AddMembers = graphql(`
  mutation ConversationsAddMembers($input: AddMembersInput!) {
    addMembers(input: $input) { id }
  }
`);

const RemoveMember = graphql(`
  mutation ConversationsRemoveMember($input: RemoveMemberInput!) {
    removeMember(input: $input) { id }
  }
`);

const LeaveConversation = graphql(`
  mutation ConversationsLeave($input: ConversationInput!) {
    leaveConversation(input: $input)
  }
`);

const roleNames: Record<MemberRole, string> = { OWNER: 'Owner', ADMIN: 'Admin', MEMBER: 'Member' };
const roleRank: Record<MemberRole, number> = { OWNER: 0, ADMIN: 1, MEMBER: 2 };

interface MembersPanelProps {
  conversationId: string;
  members: ThreadMember[];
  meId: string;
  readOnly: boolean;
}

/**
 * A group's members with their roles. Owners and admins add friends and remove members (only
 * the owner removes admins; nobody removes the owner); everyone may leave. The list follows
 * the MemberJoined and MemberLeft events.
 */
export function MembersPanel({ conversationId, members, meId, readOnly }: MembersPanelProps) {
  const headingId = useId();
  const navigate = useNavigate();
  const [error, setError] = useState<string | null>(null);
  const [removing, remove] = useMutation(RemoveMember);
  const [leaving, leave] = useMutation(LeaveConversation);
  const myRole = members.find((member) => member.userId === meId)?.role ?? 'MEMBER';
  const manages = !readOnly && myRole !== 'MEMBER';

  const mayRemove = (member: ThreadMember) =>
    manages && member.userId !== meId && (myRole === 'OWNER' ? member.role !== 'OWNER' : member.role === 'MEMBER');

  return (
    <section className="card members-panel" aria-labelledby={headingId}>
      <h2 id={headingId}>Members</h2>
      <ul className="plain">
        {/* Owner first, then admins: each group in the order they joined (sort is stable). */}
        {[...members].sort((a, b) => roleRank[a.role] - roleRank[b.role]).map((member) => (
          <li key={member.userId} className="row member">
            <span className="member-name">
              {member.displayName} <span className="muted">@{member.handle}</span>
            </span>
            <span className="role">{roleNames[member.role]}</span>
            {mayRemove(member) && (
              <button
                type="button"
                className="danger"
                aria-label={`Remove ${member.displayName}`}
                disabled={removing.fetching}
                onClick={async () => {
                  const result = await remove({ input: { conversationId, userId: member.userId } });
                  setError(result.error ? describeError(result.error) : null);
                }}
              >
                Remove
              </button>
            )}
          </li>
        ))}
      </ul>
      {manages && <AddMemberForm conversationId={conversationId} members={members} onError={setError} />}
      <ErrorAlert error={error} />
      {!readOnly && (
        <button
          type="button"
          className="danger"
          disabled={leaving.fetching}
          onClick={async () => {
            // The list above holds this conversation: reload it without it.
            const result = await leave({ input: { conversationId } }, { additionalTypenames: ['Conversation'] });
            if (result.error) return setError(describeError(result.error));
            navigate('/conversations');
          }}
        >
          Leave
        </button>
      )}
    </section>
  );
}

function AddMemberForm({ conversationId, members, onError }: { conversationId: string; members: ThreadMember[]; onError(message: string | null): void }) {
  const selectId = useId();
  const [{ data, error }] = useQuery({ query: MyFriends, requestPolicy: 'cache-and-network' });
  const [adding, add] = useMutation(AddMembers);
  const [chosen, setChosen] = useState('');
  const inGroup = new Set(members.map((member) => member.userId));
  const candidates = (data?.me.friends.edges ?? []).map((edge) => edge.node).filter((friend) => !inGroup.has(friend.id));

  const submit = async (event: FormEvent) => {
    event.preventDefault();
    const userId = chosen || candidates[0]?.id;
    if (!userId) return onError('Please check this: choose a friend to add.');
    const result = await add({ input: { conversationId, userIds: [userId] } });
    onError(result.error ? describeError(result.error) : null);
    if (!result.error) setChosen('');
  };

  if (error) return <ErrorAlert error={error} />;
  return (
    <form className="row add-member" onSubmit={submit}>
      <label htmlFor={selectId}>Friend to add</label>
      <select id={selectId} value={chosen || candidates[0]?.id || ''} onChange={(event) => setChosen(event.target.value)} disabled={candidates.length === 0}>
        {candidates.length === 0 && <option value="">All your friends are here</option>}
        {candidates.map((friend) => (
          <option key={friend.id} value={friend.id}>
            {friend.displayName} (@{friend.handle})
          </option>
        ))}
      </select>
      <button type="submit" disabled={adding.fetching || candidates.length === 0}>
        Add
      </button>
    </form>
  );
}
